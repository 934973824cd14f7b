// The search playground's form → the body of POST /v1/collections/{name}/search.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchRequest } from '../src/pages/search.js';

const form = {
  query: 'otters', k: '5', mode: 'hybrid', fusion: 'rrf', rrfK: '60', keywordWeight: '0.3',
  vectorWeight: '0.7', normalization: 'minmax', rerank: 'none', lambda: '0.7', topN: '20',
  candidates: '', minScore: '', filter: '',
};

test('hybrid search sends its fusion; empty optional fields are left to the server', () => {
  assert.deepEqual(searchRequest(form), { query: 'otters', k: 5, mode: 'hybrid', fusion: 'rrf', rrfK: 60 });
  assert.deepEqual(searchRequest({ ...form, fusion: 'weighted', normalization: 'zscore' }), {
    query: 'otters', k: 5, mode: 'hybrid', fusion: 'weighted',
    weights: { keyword: 0.3, vector: 0.7 }, normalization: 'zscore',
  });
});

test('one-leg modes send no fusion; rerank, candidates, min score and filter when given', () => {
  assert.deepEqual(searchRequest({
    ...form, mode: 'vector', rerank: 'mmr', lambda: '0.5', candidates: '100', minScore: '0',
    filter: '{"team":"ops"}',
  }), {
    query: 'otters', k: 5, mode: 'vector', rerank: { type: 'mmr', lambda: 0.5 }, candidates: 100,
    minScore: 0, filter: { team: 'ops' },
  });
  assert.deepEqual(searchRequest({ ...form, mode: 'keyword', rerank: 'model', topN: '10' }).rerank,
    { type: 'model', topN: 10 });
  assert.throws(() => searchRequest({ ...form, filter: '{team:' }), SyntaxError);
});
