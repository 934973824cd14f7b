// Small shared pieces: loading with polling, error and "not available" messages, formatting.
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * Loads `load()` now and whenever `deps` change; with `interval` (ms, or a function of the last
 * data answering ms or 0) it polls. Answers {data, error, reload}.
 */
export function useResource(load, deps, interval = 0) {
  const [state, setState] = useState({ data: undefined, error: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    try {
      const data = await loadRef.current();
      setState({ data, error: null });
      return data;
    } catch (error) {
      setState((previous) => ({ data: previous.data, error }));
      return undefined;
    }
  }, []);
  useEffect(() => {
    let alive = true;
    let timer;
    setState({ data: undefined, error: null });
    const tick = async () => {
      const data = await reload();
      if (!alive) return;
      const ms = typeof interval === 'function' ? interval(data) : interval;
      if (ms) timer = setTimeout(tick, ms);
    };
    tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, deps);
  return { ...state, reload };
}

/** Says what went wrong; a missing route means the server does not offer `what`. */
export function Problem({ error, what }) {
  if (!error) return null;
  if (error.routeMissing && what) {
    return html`<p class="unavailable">${what}: not available on this server
      (<code>GET ${error.path}</code> answered 404).</p>`;
  }
  if (error.status === 401 || error.status === 403) {
    return html`<p class="error" role="alert">${error.message}. Set an API key with the right
      scope in the field at the top right.</p>`;
  }
  return html`<p class="error" role="alert">${error.message || String(error)}</p>`;
}

export function Badge({ value }) {
  return value ? html`<span class=${`badge badge-${value}`}>${value}</span>` : null;
}

/** A number as two digits: 7 → "07". */
export const pad = (n) => String(n).padStart(2, '0');

/** An instant as local "YYYY-MM-DD HH:MM:SS", or a dash. */
export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A number with `digits` decimals, or a dash for null. */
export function num(value, digits = 3) {
  return value === null || value === undefined ? '—' : Number(value).toFixed(digits);
}

/** A signed delta, "+0.012" or "−0.034". */
export function delta(value, digits = 3) {
  if (value === null || value === undefined) return '—';
  const fixed = Math.abs(value).toFixed(digits);
  return value > 0 ? `+${fixed}` : value < 0 ? `−${fixed}` : fixed;
}

/** Text with the server's <em> highlight marks as real elements, everything else as text. */
export function Highlighted({ text }) {
  const parts = String(text).split(/(<em>|<\/em>)/);
  let marked = false;
  const out = [];
  for (const part of parts) {
    if (part === '<em>') marked = true;
    else if (part === '</em>') marked = false;
    else if (part) out.push(marked ? html`<mark>${part}</mark>` : part);
  }
  return html`<span>${out}</span>`;
}
