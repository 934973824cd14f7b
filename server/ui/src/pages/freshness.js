// Schedules, generations and the freshness timeline of one collection.
import { html } from 'htm/preact';
import { api, coll } from '../api.js';
import { Badge, Problem, useResource, when } from '../ui.js';

function Schedules({ collection }) {
  const r = useResource(() => api('GET', coll(collection, '/schedules')), [collection], 15000);
  const schedules = r.data?.schedules || [];
  return html`<h2>Schedules</h2>
    <${Problem} error=${r.error} what="Schedules" />
    ${r.data && !schedules.length && html`<p class="muted">No schedules.</p>`}
    ${schedules.length > 0 && html`<table><thead><tr><th>id</th><th>cron</th><th>checks</th>
      <th>dataset</th><th>state</th><th>last run</th><th>next run</th></tr></thead>
      <tbody>${schedules.map((s) => html`<tr key=${s.id}>
        <td><code>${String(s.id).slice(0, 8)}</code></td><td><code>${s.cron}</code></td>
        <td>${(s.checks || []).map((c) => (typeof c === 'string' ? c : c.kind || JSON.stringify(c))).join(', ')}</td>
        <td>${s.dataset || '—'}</td>
        <td><${Badge} value=${s.paused ? 'paused' : 'active'} /></td>
        <td>${when(s.lastRunAt)}</td><td>${when(s.nextRunAt)}</td></tr>`)}</tbody></table>`}`;
}

function Generations({ collection }) {
  const r = useResource(() => api('GET', coll(collection, '/generations')), [collection], 15000);
  const list = Array.isArray(r.data) ? r.data : r.data?.generations || [];
  const columns = [...new Set(list.flatMap((g) => Object.keys(g)))];
  return html`<h2>Generations</h2>
    <${Problem} error=${r.error} what="Generations" />
    ${list.length > 0 && html`<table><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
      <tbody>${list.map((g) => html`<tr>${columns.map((c) => html`<td>${cell(c, g[c])}</td>`)}</tr>`)}
      </tbody></table>`}`;
}

/** A generation's field as text: instants (…At) as local times, objects as JSON. */
function cell(name, value) {
  if (/At$/.test(name)) return when(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '—');
}

function Timeline({ collection }) {
  const r = useResource(() => api('GET', coll(collection, '/timeline')), [collection], 10000);
  const events = [...(r.data?.events || [])].sort((a, b) => new Date(b.at) - new Date(a.at));
  return html`<h2>Freshness timeline</h2>
    <${Problem} error=${r.error} what="The freshness timeline" />
    ${r.data && !events.length && html`<p class="muted">Nothing has happened yet.</p>`}
    <ol class="timeline">${events.map((e) => html`<li key=${e.id} class=${`event ${e.kind}`}>
      <time>${when(e.at)}</time> <${Badge} value=${e.kind} /> ${e.summary}
      ${e.details && Object.keys(e.details).length > 0 && html`<details><summary>details</summary>
        <pre>${JSON.stringify(e.details, null, 2)}</pre></details>`}
    </li>`)}</ol>`;
}

export function Freshness({ collection }) {
  return html`<h1>${collection}: schedules and freshness</h1>
    <${Schedules} collection=${collection} />
    <${Generations} collection=${collection} />
    <${Timeline} collection=${collection} />`;
}
