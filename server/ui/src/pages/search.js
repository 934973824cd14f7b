// Search playground: every option of POST …/search, and each hit with its score breakdown,
// highlights and freshness.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, coll } from '../api.js';
import { Highlighted, Problem, num, when } from '../ui.js';

const DEFAULTS = {
  query: '', k: 10, mode: 'hybrid', fusion: 'rrf', rrfK: 60, keywordWeight: 0.3,
  vectorWeight: 0.7, normalization: 'minmax', rerank: 'none', lambda: 0.7, topN: 20,
  candidates: '', minScore: '', filter: '',
};

/** The request body for the form's values (only what differs from the server's defaults). */
export function searchRequest(f) {
  const body = { query: f.query, k: Number(f.k), mode: f.mode };
  if (f.mode === 'hybrid') {
    body.fusion = f.fusion;
    if (f.fusion === 'rrf') body.rrfK = Number(f.rrfK);
    else {
      body.weights = { keyword: Number(f.keywordWeight), vector: Number(f.vectorWeight) };
      body.normalization = f.normalization;
    }
  }
  if (f.rerank === 'mmr') body.rerank = { type: 'mmr', lambda: Number(f.lambda) };
  if (f.rerank === 'model') body.rerank = { type: 'model', topN: Number(f.topN) };
  if (String(f.candidates).trim() !== '') body.candidates = Number(f.candidates);
  if (String(f.minScore).trim() !== '') body.minScore = Number(f.minScore);
  if (f.filter.trim()) body.filter = JSON.parse(f.filter);
  return body;
}

function Scores({ s }) {
  const rows = [
    ['keyword (BM25)', s.keyword, s.keywordRank],
    ['vector (cosine)', s.vector, s.vectorRank],
    ['fused', s.fused, null],
    ['rerank', s.rerank, null],
  ];
  return html`<table class="scores">
    ${rows.map(([leg, score, rank]) => html`<tr class=${score === null ? 'muted' : ''}>
      <th>${leg}</th><td class="num">${num(score, 4)}</td>
      <td class="muted">${rank ? `#${rank}` : ''}</td></tr>`)}</table>`;
}

function Hit({ hit, rank }) {
  const f = hit.freshness || {};
  const where = [...(hit.headingPath || []), hit.page ? `page ${hit.page}` : null]
    .filter(Boolean).join(' › ');
  return html`<li class="hit">
    <div class="hit-head">
      <span class="rank">${rank}</span>
      <strong>${hit.title || hit.sourceId}</strong>
      <span class="muted">${hit.sourceId} · chunk ${hit.ordinal}${where ? ` · ${where}` : ''}</span>
      <span class="score">${num(hit.score, 4)}</span>
    </div>
    <div class="hit-body">
      <div class="snippets">
        ${(hit.highlights?.length ? hit.highlights : [hit.text]).map(
          (h) => html`<p><${Highlighted} text=${h} /></p>`)}
      </div>
      <${Scores} s=${hit.scores || {}} />
      <dl class="freshness">
        <dt>indexed</dt><dd>${when(f.indexedAt)}</dd>
        <dt>version</dt><dd>${f.documentVersion ?? '—'}</dd>
        <dt>generation</dt><dd>${f.generation ?? '—'}</dd>
        <dt>source modified</dt><dd>${when(f.sourceModifiedAt)}</dd>
        <dt>stale</dt><dd class=${f.stale ? 'stale' : ''}>${f.stale ? 'yes' : 'no'}</dd>
      </dl>
    </div>
  </li>`;
}

export function Search({ collection }) {
  const [form, setForm] = useState(DEFAULTS);
  const [answer, setAnswer] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (field) => (event) => setForm({ ...form, [field]: event.target.value });
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      setAnswer(await api('POST', coll(collection, '/search'), searchRequest(form)));
      setError(null);
    } catch (e) {
      setError(e instanceof SyntaxError ? new Error(`filter is not valid JSON: ${e.message}`) : e);
    } finally {
      setBusy(false);
    }
  };
  const field = (name, label, attrs = {}) => html`<label>${label}
    <input name=${name} value=${form[name]} onInput=${set(name)} ...${attrs} /></label>`;
  const choice = (name, label, options) => html`<label>${label}
    <select name=${name} value=${form[name]} onChange=${set(name)}>
      ${options.map((o) => html`<option value=${o}>${o}</option>`)}</select></label>`;
  return html`<h1>${collection}: search</h1>
    <form class="panel search" onSubmit=${submit}>
      <div class="row">
        <input class="query" name="query" placeholder="query" value=${form.query} required
          onInput=${set('query')} />
        <button type="submit" disabled=${busy}>${busy ? 'Searching…' : 'Search'}</button>
      </div>
      <div class="row">
        ${field('k', 'k', { type: 'number', min: 1, max: 1000 })}
        ${choice('mode', 'mode', ['hybrid', 'keyword', 'vector'])}
        ${form.mode === 'hybrid' && choice('fusion', 'fusion', ['rrf', 'weighted'])}
        ${form.mode === 'hybrid' && form.fusion === 'rrf' && field('rrfK', 'rrfK', { type: 'number', min: 1 })}
        ${form.mode === 'hybrid' && form.fusion === 'weighted' && html`
          ${field('keywordWeight', 'keyword weight', { type: 'number', step: 0.05, min: 0 })}
          ${field('vectorWeight', 'vector weight', { type: 'number', step: 0.05, min: 0 })}
          ${choice('normalization', 'normalization', ['minmax', 'zscore'])}`}
        ${choice('rerank', 'rerank', ['none', 'mmr', 'model'])}
        ${form.rerank === 'mmr' && field('lambda', 'λ', { type: 'number', step: 0.05, min: 0, max: 1 })}
        ${form.rerank === 'model' && field('topN', 'top N', { type: 'number', min: 1 })}
        ${field('candidates', 'candidates', { type: 'number', min: 1, max: 2000, placeholder: 'default' })}
        ${field('minScore', 'min score', { type: 'number', step: 'any' })}
      </div>
      <div class="row">${field('filter', 'filter (JSON)', { class: 'wide', placeholder: '{"team":"platform"}' })}</div>
    </form>
    <${Problem} error=${error} />
    ${answer && html`<p class="muted">${answer.results.length} hits in ${answer.tookMs} ms ·
      query <code>${answer.queryId}</code></p>
      <ol class="hits">${answer.results.map((hit, i) => html`<${Hit} key=${hit.chunkId} hit=${hit}
        rank=${i + 1} />`)}</ol>`}`;
}
