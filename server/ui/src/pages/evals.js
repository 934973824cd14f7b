// Eval history: each metric over time with regressions, reindexes and promotions marked, a form
// to start a run, and the comparison of two runs query by query.
import { html } from 'htm/preact';
import { useMemo, useState } from 'preact/hooks';
import { api, coll } from '../api.js';
import { MARK_COLORS, MetricPlot } from '../plot.js';
import { Badge, Problem, delta, num, useResource, when } from '../ui.js';
import { TOLERANCE, regressions, succeededRuns } from '../verdict.js';

const METRIC_ORDER = ['ndcg@10', 'recall@100', 'mrr@10', 'map'];
const MARK_KINDS = new Set(Object.keys(MARK_COLORS));

function metricNames(runs) {
  const names = new Set(runs.flatMap((r) => Object.keys(r.metrics || {})));
  const known = METRIC_ORDER.filter((m) => names.has(m));
  return [...known, ...[...names].filter((m) => !known.includes(m)).sort()];
}

/** The collection's golden sets (GET …/datasets), or, where that is not offered, those of its runs. */
function useDatasets(collection, runs) {
  const listed = useResource(() => api('GET', coll(collection, '/datasets')).catch((error) => {
    if (error.routeMissing) return null;
    throw error;
  }), [collection]);
  if (listed.data) return listed.data.datasets;
  return [...new Set(runs.map((r) => r.dataset))].map((name) => ({ name }));
}

function RunEval({ collection, runs, onStarted }) {
  const datasets = useDatasets(collection, runs);
  const [error, setError] = useState(null);
  const [started, setStarted] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      const answer = await api('POST', coll(collection, '/evals'), {
        dataset: form.dataset.value.trim(), mode: form.mode.value,
      });
      setStarted(answer);
      setError(null);
      onStarted();
    } catch (e) {
      setError(e);
    }
  };
  return html`<form class="panel inline" onSubmit=${submit}>
    <strong>Run an eval</strong>
    <label>dataset <input name="dataset" list="eval-datasets" required
      value=${datasets[0]?.name || ''} />
      <datalist id="eval-datasets">${datasets.map((d) => html`<option value=${d.name}>
        ${d.cases === undefined ? '' : `${d.cases} cases, ${d.staleCases} stale`}</option>`)}</datalist></label>
    <label>mode <select name="mode">
      ${['hybrid', 'keyword', 'vector'].map((m) => html`<option value=${m}>${m}</option>`)}</select></label>
    <button type="submit">Start</button>
    ${started && html`<span class="muted">run <code>${started.id}</code>${' '}
      ${runs.find((r) => r.id === started.id)?.status || started.status}</span>`}
    <${Problem} error=${error} />
  </form>`;
}

function CaseList({ title, cases, cls }) {
  return html`<div class=${cls}>
    <h3>${title} (${cases.length})</h3>
    ${cases.length ? html`<table><tbody>${cases.map((c) => html`<tr key=${c.caseId}>
      <td>${c.query}</td><td class="num">${delta(c.delta)}</td></tr>`)}</tbody></table>`
      : html`<p class="muted">none</p>`}
  </div>`;
}

function Compare({ collection, runs }) {
  const done = succeededRuns(runs);
  const [base, setBase] = useState(done.at(-2)?.id || '');
  const [other, setOther] = useState(done.at(-1)?.id || '');
  const result = useResource(
    () => (base && other && base !== other
      ? api('GET', coll(collection, `/evals/${encodeURIComponent(base)}/compare?with=${encodeURIComponent(other)}`))
      : Promise.resolve(null)),
    [collection, base, other],
  );
  if (done.length < 2) return html`<p class="muted">Two succeeded runs are needed for a comparison.</p>`;
  const pick = (value, set) => html`<select value=${value} onChange=${(e) => set(e.target.value)}>
    ${done.map((r) => html`<option value=${r.id}>${when(r.createdAt)} · ${r.dataset} · ${r.id.slice(0, 8)}</option>`)}
  </select>`;
  const c = result.data;
  return html`<div class="panel compare">
    <div class="inline"><label>base ${pick(base, setBase)}</label>
      <label>other ${pick(other, setOther)}</label></div>
    <${Problem} error=${result.error} what="Comparing runs" />
    ${c && html`<table class="deltas"><thead><tr><th>metric</th><th class="num">base</th>
      <th class="num">other</th><th class="num">Δ</th></tr></thead>
      <tbody>${Object.keys(c.deltas || {}).map((m) => html`<tr>
        <td>${m}</td><td class="num">${num(c.base.metrics[m])}</td>
        <td class="num">${num(c.other.metrics[m])}</td>
        <td class=${`num ${c.deltas[m] < 0 ? 'worse' : c.deltas[m] > 0 ? 'better' : ''}`}>${delta(c.deltas[m])}</td>
      </tr>`)}</tbody></table>
      <div class="cases">
        <${CaseList} title="Wins" cases=${c.wins || []} cls="wins" />
        <${CaseList} title="Losses" cases=${c.losses || []} cls="losses" />
      </div>
      <p class="muted">${c.ties ?? 0} queries tied.</p>`}
  </div>`;
}

export function Evals({ collection }) {
  const evals = useResource(
    () => api('GET', coll(collection, '/evals')),
    [collection],
    (d) => (d?.runs?.some((r) => r.status === 'queued' || r.status === 'running') ? 1500 : 10000),
  );
  const timeline = useResource(() => api('GET', coll(collection, '/timeline')), [collection], 15000);
  const runs = evals.data?.runs || [];
  const runsKey = JSON.stringify(runs);
  const done = useMemo(() => succeededRuns(runs), [runsKey]);
  const regressed = useMemo(() => regressions(runs), [runsKey]);
  const marks = (timeline.data?.events || []).filter((e) => MARK_KINDS.has(e.kind));
  if (evals.error?.routeMissing) return html`<h1>${collection}: eval history</h1>
    <${Problem} error=${evals.error} what="Eval history" />`;
  const newestFirst = [...runs].sort((a, b) => new Date(b.createdAt) - new Date(a.createdAt));
  return html`<h1>${collection}: eval history</h1>
    <${Problem} error=${evals.error} />
    <${RunEval} collection=${collection} runs=${runs} onStarted=${evals.reload} />
    <p class="legend">
      <span class="key regression">●</span> regression (a metric fell more than ${TOLERANCE} below
      the previous run of its dataset and mode)
      ${Object.entries(MARK_COLORS).map(([kind, color]) => html`
        <span class="key" style=${`color:${color}`}>│</span> ${kind}`)}
    </p>
    ${timeline.error?.routeMissing && html`<${Problem} error=${timeline.error}
      what="The timeline (reindex and promotion marks)" />`}
    ${evals.data && !done.length && html`<p class="muted">No succeeded eval runs yet.</p>`}
    <div class="plots">${done.length > 0 && metricNames(done).map((m) => html`<${MetricPlot} key=${m}
      metric=${m} runs=${done} regressed=${regressed} marks=${marks} />`)}</div>
    <h2>Compare two runs</h2>
    <${Compare} key=${done.length} collection=${collection} runs=${runs} />
    <h2>Runs</h2>
    ${runs.length > 0 && html`<table class="runs"><thead><tr><th>started</th><th>dataset</th><th>mode</th>
      <th>trigger</th><th class="num">generation</th><th>status</th>
      ${METRIC_ORDER.map((m) => html`<th class="num">${m}</th>`)}<th>regressed</th><th>error</th></tr></thead>
      <tbody>${newestFirst.map((r) => html`<tr key=${r.id} data-status=${r.status}>
        <td class="when" title=${r.id}>${when(r.createdAt)}</td><td>${r.dataset}</td>
        <td>${r.settings?.mode || ''}</td><td>${r.trigger}</td>
        <td class="num">${r.generation ?? '—'}</td><td><${Badge} value=${r.status} /></td>
        ${METRIC_ORDER.map((m) => html`<td class="num">${num(r.metrics?.[m])}</td>`)}
        <td class="worse">${(regressed.get(r.id) || []).join(', ')}</td>
        <td class="reason">${r.error || ''}</td></tr>`)}</tbody></table>`}`;
}
