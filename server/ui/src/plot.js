// One metric over time (uPlot): a line per series (dataset and mode), regressions as red points, and reindexes,
// promotions and rollbacks from the timeline as labelled vertical lines.
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { pad } from './ui.js';
import { seriesOf } from './verdict.js';

export const MARK_COLORS = { reindex: '#2f6fd6', promote: '#1f9d55', rollback: '#d97706' };
const LINE_COLORS = ['#334155', '#7c3aed', '#0891b2', '#b45309'];
const seconds = (iso) => new Date(iso).getTime() / 1000;

/** A tick label of one line, as fine as the plotted span needs: "11-24", "14:05" or "14:05:30". */
function tickLabel(t, span) {
  const d = new Date(t * 1000);
  if (span > 2 * 86400) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return span > 3600 ? hm : `${hm}:${pad(d.getSeconds())}`;
}

/** Draws the timeline marks as vertical lines with their kind on top. */
function marksPlugin(marks) {
  const inTimeOrder = [...marks].sort((a, b) => seconds(a.at) - seconds(b.at));
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        let labelled = -Infinity;
        let row = 0;
        inTimeOrder.forEach((mark) => {
          const x = Math.round(u.valToPos(seconds(mark.at), 'x', true));
          if (x < bbox.left || x > bbox.left + bbox.width) return;
          ctx.strokeStyle = ctx.fillStyle = MARK_COLORS[mark.kind];
          ctx.lineWidth = devicePixelRatio;
          ctx.setLineDash(mark.kind === 'reindex' ? [4 * devicePixelRatio, 3 * devicePixelRatio] : []);
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          // labels of marks close together step down, three rows at most, then only lines
          row = x - labelled < 60 * devicePixelRatio ? row + 1 : 0;
          if (row < 3) {
            ctx.fillText(mark.kind, x + 3 * devicePixelRatio, bbox.top + (11 + 12 * row) * devicePixelRatio);
            if (row === 0) labelled = x;
          }
        });
        ctx.restore();
      },
    },
  };
}

/** The plot's data: shared x (run times), one y per series, then the regression points. */
export function plotData(metric, runs, regressed) {
  const series = [...new Set(runs.map(seriesOf))];
  const xs = runs.map((r) => seconds(r.createdAt));
  const lines = series.map((s) => runs.map((r) => (seriesOf(r) === s ? r.metrics[metric] ?? null : null)));
  const bad = runs.map((r) => (regressed.get(r.id)?.includes(metric) ? r.metrics[metric] : null));
  return { series, data: [xs, ...lines, bad] };
}

export function MetricPlot({ metric, runs, regressed, marks }) {
  const box = useRef(null);
  const points = runs.filter((r) => r.metrics[metric] !== undefined);
  useEffect(() => {
    const el = box.current;
    const { series, data } = plotData(metric, points, regressed);
    const times = [...data[0], ...marks.map((m) => seconds(m.at))];
    const lo = Math.min(...times);
    const hi = Math.max(...times);
    const pad = hi > lo ? (hi - lo) * 0.08 : 3600;
    const plot = new uPlot({
      width: el.clientWidth || 480,
      height: 220,
      scales: { x: { time: true, range: [lo - pad, hi + pad] }, y: { range: [0, 1] } },
      legend: { live: false },
      series: [
        {},
        ...series.map((label, i) => ({
          label, stroke: LINE_COLORS[i % LINE_COLORS.length], width: 2, spanGaps: true,
          points: { size: 7 }, value: (u, v) => (v === null ? '—' : v.toFixed(3)),
        })),
        {
          label: 'regression', stroke: '#dc2626', width: 0, paths: () => null,
          points: { size: 11, stroke: '#dc2626', fill: '#dc2626' },
          value: (u, v) => (v === null ? '—' : v.toFixed(3)),
        },
      ],
      axes: [
        { values: (u, ticks) => ticks.map((t) => tickLabel(t, hi - lo + 2 * pad)) },
        { values: (u, ticks) => ticks.map((t) => t.toFixed(2)) },
      ],
      plugins: [marksPlugin(marks)],
    }, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [metric, JSON.stringify(points), JSON.stringify(marks), regressed]);
  const fell = points.filter((r) => regressed.get(r.id)?.includes(metric)).length;
  return html`<figure class="plot" data-metric=${metric} data-points=${points.length}
    data-regressions=${fell}>
    <figcaption>${metric}</figcaption>
    <div ref=${box}></div>
  </figure>`;
}
