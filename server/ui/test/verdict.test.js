// The dashboard's one piece of logic of its own: which eval runs count as regressions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestVerdict, regressions, seriesOf } from '../src/verdict.js';

let clock = Date.parse('2026-11-20T08:00:00Z');
function run(id, ndcg, { dataset = 'golden', mode = 'hybrid', status = 'succeeded' } = {}) {
  clock += 3_600_000;
  const metrics = status === 'succeeded' ? { 'ndcg@10': ndcg, map: 0.5 } : {};
  return { id, dataset, status, settings: { mode }, metrics, createdAt: new Date(clock).toISOString() };
}

test('a metric more than 0.01 below the previous run of its series is a regression', () => {
  const runs = [run('a', 0.5), run('b', 0.495), run('c', 0.48), run('d', 0.6)];
  assert.deepEqual([...regressions(runs)], [['c', ['ndcg@10']]]);
});

test('runs of another dataset or mode, and failed runs, are not compared with', () => {
  const runs = [run('a', 0.5), run('b', 0.3, { mode: 'keyword' }), run('c', 0.2, { dataset: 'other' }),
    run('d', null, { status: 'failed' }), run('e', 0.5)];
  assert.equal(regressions(runs).size, 0);
  assert.equal(seriesOf(runs[1]), 'golden · keyword');
});

test('quality-gate runs score candidates: their own series, never a regression or a baseline', () => {
  const gate = { ...run('g', 0.2), trigger: 'gate' };
  const runs = [run('a', 0.5), gate, run('b', 0.5)];
  assert.equal(regressions(runs).size, 0);
  assert.equal(seriesOf(gate), 'golden · hybrid · gate');
  assert.equal(latestVerdict([run('a', 0.5), { ...run('g', 0.2), trigger: 'gate' }]).run.id, 'a');
});

test('the latest run decides the verdict', () => {
  assert.equal(latestVerdict([]), null);
  assert.equal(latestVerdict([run('a', 0.5), run('b', 0.4)]).label, 'regressed');
  assert.equal(latestVerdict([run('a', 0.5), run('b', 0.5)]).label, 'pass');
  assert.equal(latestVerdict([run('a', 0.5), run('b', null, { status: 'running' })]).label, 'running');
  assert.equal(latestVerdict([{ ...run('a', 0.5), verdict: 'OKISH' }]).label, 'okish');
});
