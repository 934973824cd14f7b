// What the dashboard calls a regression: a succeeded eval run whose metric fell more than
// TOLERANCE below the same metric of the collection's previous succeeded run of the same series
// (same dataset and retrieval mode). Runs of the quality gate score a candidate generation, not
// the served one: they form series of their own and are judged by the gate's verdict, not here.

export const TOLERANCE = 0.01;

/** The series a run belongs to: its dataset, its mode when the settings name one, and "gate". */
export function seriesOf(run) {
  return [run.dataset, run.settings?.mode, run.trigger === 'gate' ? 'gate' : null]
    .filter(Boolean).join(' · ');
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
  for (const run of succeededRuns(runs).filter((r) => r.trigger !== 'gate')) {
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
 * The verdict on a collection's latest run that is not the gate's: {run, label, detail}; label is
 * "pass", "regressed", "failed", "queued" or "running" (a run's own `verdict` field wins when the
 * server sends one), or null when there is no such run.
 */
export function latestVerdict(runs) {
  const served = runs.filter((r) => r.trigger !== 'gate');
  if (!served.length) return null;
  const run = served.sort((a, b) => new Date(b.createdAt) - new Date(a.createdAt))[0];
  if (run.verdict) return { run, label: String(run.verdict).toLowerCase(), detail: '' };
  if (run.status !== 'succeeded') return { run, label: run.status, detail: run.error || '' };
  const fell = regressions(runs).get(run.id);
  return fell
    ? { run, label: 'regressed', detail: fell.join(', ') }
    : { run, label: 'pass', detail: '' };
}
