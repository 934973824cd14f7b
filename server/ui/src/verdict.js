// What the dashboard calls a regression: a succeeded eval run whose metric fell more than
// TOLERANCE below the same metric of the collection's previous succeeded run on the same dataset.

export const TOLERANCE = 0.01;

/** The runs that succeeded, oldest first. */
export function succeededRuns(runs) {
  return runs
    .filter((run) => run.status === 'succeeded' && run.metrics)
    .sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt));
}

/** Run id → the names of the metrics that regressed in it. */
export function regressions(runs) {
  const found = new Map();
  const previousByDataset = new Map();
  for (const run of succeededRuns(runs)) {
    const previous = previousByDataset.get(run.dataset);
    if (previous) {
      const fell = Object.keys(run.metrics).filter(
        (m) => m in previous.metrics && previous.metrics[m] - run.metrics[m] > TOLERANCE,
      );
      if (fell.length) found.set(run.id, fell);
    }
    previousByDataset.set(run.dataset, run);
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
