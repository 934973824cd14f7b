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
    ${schedules.length > 0 && html`<table class="schedules"><thead><tr><th>id</th><th>cron</th>
      <th>checks</th><th>dataset</th><th>on regression</th><th>state</th><th>last run</th>
      <th>last success</th></tr></thead>
      <tbody>${schedules.map((s) => html`<tr key=${s.id}>
        <td><code title=${s.id}>${String(s.id).slice(0, 8)}</code></td><td><code>${s.cron}</code></td>
        <td>${(s.checks || []).join(', ')}</td><td>${s.dataset || '—'}</td>
        <td>${s.onRegression || '—'}</td><td><${Badge} value=${s.paused ? 'paused' : 'active'} /></td>
        <td class="when">${when(s.lastRunAt)}</td><td class="when">${when(s.lastSuccessAt)}</td>
      </tr>`)}</tbody></table>`}`;
}

function Generations({ collection }) {
  const r = useResource(() => api('GET', coll(collection, '/generations')), [collection], 15000);
  const list = [...(r.data?.generations || [])].sort((a, b) => b.generation - a.generation);
  return html`<h2>Generations</h2>
    <${Problem} error=${r.error} what="Generations" />
    ${list.length > 0 && html`<table class="generations"><thead><tr><th class="num">generation</th>
      <th>status</th><th>reason</th><th>stats</th><th>created</th><th>updated</th></tr></thead>
      <tbody>${list.map((g) => html`<tr key=${g.generation}>
        <td class="num">${g.generation}</td><td><${Badge} value=${g.status} /></td>
        <td>${g.reason || ''}</td><td class="muted">${compact(g.stats)}</td>
        <td class="when">${when(g.createdAt)}</td><td class="when">${when(g.updatedAt)}</td>
      </tr>`)}</tbody></table>`}`;
}

/** {"chunks": 120, "documents": 8} → "chunks 120 · documents 8". */
function compact(object) {
  return Object.entries(object || {})
    .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : value}`)
    .join(' · ');
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
