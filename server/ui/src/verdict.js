// What the dashboard calls a regression: a succeeded eval run whose metric fell more than
// TOLERANCE below the same metric of the collection's previous succeeded run of the same series
// (same dataset and retrieval mode).

export const TOLERANCE = 0.01;

/** The series a run belongs to: its dataset, and its mode when the run's settings name one. */
export function seriesOf(run) {
  const mode = run.settings?.mode;
  return mode ? `${run.dataset} · ${mode}` : run.dataset;
}

/** The runs that succeeded, oldest first. */
export function succeededRuns(runs) {
  return runs
    .filter((run) => run.status === 'succeeded' && run.metrics)
    .sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt));
}

/** Run id → the names of the metrics that regressed in it. */
export function regressions(runs) {
  const found = new Map();
  const previousBySeries = new Map();
  for (const run of succeededRuns(runs)) {
    const previous = previousBySeries.get(seriesOf(run));
    if (previous) {
      const fell = Object.keys(run.metrics).filter(
        (m) => m in previous.metrics && previous.metrics[m] - run.metrics[m] > TOLERANCE,
      );
      if (fell.length) found.set(run.id, fell);
    }
    previousBySeries.set(seriesOf(run), run);
  }
  return found;
}

/**
 * The verdict on a collection's latest run: {run, label, detail}; label is "pass", "regressed",
 * "failed", "queued" or "running" (a run's own `verdict` field wins when the server sends one),
 * or null when there is no run.
 */
export function latestVerdict(runs) {
  if (!runs.length) return null;
  const run = [...runs].sort((a, b) => new Date(b.createdAt) - new Date(a.createdAt))[0];
  if (run.verdict) return { run, label: String(run.verdict).toLowerCase(), detail: '' };
  if (run.status !== 'succeeded') return { run, label: run.status, detail: run.error || '' };
  const fell = regressions(runs).get(run.id);
  return fell
    ? { run, label: 'regressed', detail: fell.join(', ') }
    : { run, label: 'pass', detail: '' };
}
