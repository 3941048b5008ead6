// The page's two charts: the window values (live while the workers write) and the seed experiment's timings.
import {
  Chart, LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale,
  Tooltip, Legend, Filler,
} from 'chart.js';
import * as fmt from './format.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#5f6b7a';

/** At most this many windows are drawn one point each; beyond, each pixel-wide bucket shows its min and max. */
const MAX_POINTS = 4000;
const BUCKETS = 1500;

export function lineChart(canvas) {
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      spanGaps: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'window start offset (elements)' }, ticks: { precision: 0, callback: (v) => fmt.count(v) } },
        y: { title: { display: true, text: 'mean' } },
      },
      plugins: {
        legend: { display: true, labels: { boxWidth: 14 } },
        tooltip: {
          callbacks: {
            title: (items) => items.length ? `window ${fmt.count(items[0].raw.i)} · start ${fmt.count(items[0].raw.x)}` : '',
            label: (item) => `${item.dataset.label}: ${fmt.value(item.raw.y)}`,
          },
        },
      },
    },
  });
}

/**
 * The points to draw for `values` (window i starts at i·step): every window when there are few, else each
 * bucket's min and max, in index order. NaN (not yet written, or a NaN result) is a gap.
 */
export function points(values, step) {
  const k = values.length;
  const out = [];
  if (k <= MAX_POINTS) {
    for (let i = 0; i < k; i++) {
      const v = values[i];
      out.push({ x: i * step, y: Number.isNaN(v) ? null : v, i });
    }
    return out;
  }
  const per = k / BUCKETS;
  for (let b = 0; b < BUCKETS; b++) {
    const a = Math.floor(b * per);
    const e = Math.min(k, Math.floor((b + 1) * per));
    let lo = Infinity, hi = -Infinity, li = -1, hiI = -1;
    for (let i = a; i < e; i++) {
      const v = values[i];
      if (v < lo) { lo = v; li = i; }
      if (v > hi) { hi = v; hiI = i; }
    }
    if (li < 0) { out.push({ x: a * step, y: null, i: a }); continue; }
    const [p, q] = li <= hiI ? [li, hiI] : [hiI, li];
    out.push({ x: p * step, y: values[p], i: p });
    if (q !== p) out.push({ x: q * step, y: values[q], i: q });
  }
  return out;
}

export function setLineData(chart, datasets, yLabel) {
  chart.data.datasets = datasets.map((d, n) => ({
    label: d.label,
    data: d.data,
    borderColor: d.color ?? (n === 0 ? '#2f6fde' : '#e0662f'),
    backgroundColor: d.color ?? (n === 0 ? '#2f6fde' : '#e0662f'),
    borderWidth: d.width ?? 1.6,
    borderDash: d.dash ?? [],
    pointRadius: d.data.length <= 200 ? (d.pointRadius ?? 2) : 0,
    pointHoverRadius: 4,
    tension: 0,
  }));
  chart.options.scales.y.title.text = yLabel;
  chart.update('none');
}

export function timingChart(canvas) {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, title: { display: true, text: 'time (s)' }, ticks: { callback: (v) => fmt.precise(v) } },
        x: { title: { display: true, text: 'run' } },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => fmt.seconds(item.raw) } },
      },
    },
  });
}

export function setTimings(chart, rows) {
  chart.data.labels = rows.map((r) => r.label);
  chart.data.datasets = [{
    data: rows.map((r) => r.seconds),
    backgroundColor: rows.map((r) => r.color),
    borderColor: rows.map((r) => r.border ?? r.color),
    borderWidth: rows.map((r) => (r.border ? 2 : 0)),
  }];
  chart.update('none');
}
