// Collections: document counts, the active generation and the verdict of the last eval run.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, coll } from '../api.js';
import { Badge, Problem, useResource, when } from '../ui.js';
import { latestVerdict } from '../verdict.js';

/** The active generation in a GET …/generations answer, whatever its exact shape. */
function activeGeneration(answer) {
  const list = Array.isArray(answer) ? answer : answer?.generations || [];
  const active = list.find((g) => g.active === true || g.status === 'active');
  if (active) return active.generation ?? active.number ?? active.id;
  return answer?.active ?? null;
}

/** Optional per-collection facts: a missing route means the server does not offer them ("n/a"). */
async function optional(path, pick) {
  try {
    return pick(await api('GET', path));
  } catch (error) {
    if (error.routeMissing) return undefined;
    throw error;
  }
}

const NOT_OFFERED = html`<span class="muted" title="this server does not offer it (404)">n/a</span>`;

function Row({ c }) {
  const facts = useResource(
    async () => ({
      generation: await optional(coll(c.name, '/generations'), activeGeneration),
      verdict: await optional(coll(c.name, '/evals'), (a) => latestVerdict(a.runs || [])),
    }),
    [c.name],
  );
  const f = facts.data;
  const link = (tab, text) => html`<a href=${`#/c/${encodeURIComponent(c.name)}/${tab}`}>${text}</a>`;
  let verdict = '…';
  if (facts.error) verdict = html`<span class="error">${facts.error.message}</span>`;
  else if (f && f.verdict === undefined) verdict = NOT_OFFERED;
  else if (f && f.verdict === null) verdict = html`<span class="muted">no runs</span>`;
  else if (f) {
    verdict = html`${link('evals', html`<${Badge} value=${f.verdict.label} />`)}
      <span class="muted"> ${f.verdict.detail} ${when(f.verdict.run.createdAt)}</span>`;
  }
  const generation = f ? (f.generation === undefined ? NOT_OFFERED : f.generation ?? '—') : '…';
  return html`<tr data-collection=${c.name}>
    <td>${link('documents', c.name)}</td>
    <td class="num">${c.documents}</td>
    <td class="num">${generation}</td>
    <td>${verdict}</td>
    <td class="when">${when(c.createdAt)}</td>
    <td class="actions">${link('search', 'search')} ${link('evals', 'evals')}</td>
  </tr>`;
}

function NewCollection({ onCreated }) {
  const [name, setName] = useState('');
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/v1/collections', { name: name.trim() });
      setName('');
      setError(null);
      onCreated();
    } catch (e) {
      setError(e);
    }
  };
  return html`<form class="inline new-collection" onSubmit=${submit}>
    <input name="name" placeholder="new collection name" value=${name} required
      onInput=${(e) => setName(e.target.value)} />
    <button type="submit">Create</button>
    <${Problem} error=${error} />
  </form>`;
}

export function Collections() {
  const list = useResource(() => api('GET', '/v1/collections'), [], 10000);
  const collections = list.data?.collections || [];
  return html`<h1>Collections</h1>
    <${Problem} error=${list.error} what="The collections list" />
    ${list.data && !collections.length && html`<p class="muted">No collections yet.</p>`}
    ${collections.length > 0 && html`<table>
      <thead><tr><th>name</th><th class="num">documents</th><th class="num">active generation</th>
        <th>last eval</th><th>created</th><th></th></tr></thead>
      <tbody>${collections.map((c) => html`<${Row} key=${c.name} c=${c} />`)}</tbody>
    </table>`}
    <${NewCollection} onCreated=${list.reload} />`;
}
