// The page's two charts: the window values (live while the workers write) and the seed experiment's timings.
import {
  Chart, LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale,
  Tooltip, Legend, Filler,
} from 'chart.js';
import * as fmt from './format.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#5f6b7a';

/** Pixel columns assumed before the chart has laid itself out. */
const DEFAULT_COLUMNS = 1500;

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
 * The points to draw for `values` (window i starts at i·step), and how many values are not NaN, in one
 * pass. Up to two windows per pixel column each is a point; beyond, the windows are cut into `columns`
 * buckets, and each bucket gives its min and max, in index order: a line through them covers every value's
 * pixel, so a spike is never lost, and 1e7 windows cost one pass and ~2 × columns points. (Chart.js's
 * decimation plugin would need all k points as objects first: ~1 GB for 1e7.) NaN (not yet written, or a
 * NaN result) is a gap.
 */
export function points(values, step, columns = DEFAULT_COLUMNS) {
  const k = values.length;
  const buckets = Math.max(100, Math.round(columns || DEFAULT_COLUMNS));
  const data = [];
  let filled = 0;
  if (k <= 2 * buckets) {
    for (let i = 0; i < k; i++) {
      const v = values[i];
      if (v === v) filled++;
      data.push({ x: i * step, y: v === v ? v : null, i });
    }
    return { data, filled };
  }
  const per = k / buckets;
  for (let b = 0; b < buckets; b++) {
    const a = Math.floor(b * per);
    const e = Math.min(k, Math.floor((b + 1) * per));
    let lo = Infinity, hi = -Infinity, li = -1, hiI = -1;
    for (let i = a; i < e; i++) {
      const v = values[i];
      if (v !== v) continue;
      filled++;
      if (v < lo) { lo = v; li = i; }
      if (v > hi) { hi = v; hiI = i; }
    }
    if (li < 0) { data.push({ x: a * step, y: null, i: a }); continue; }
    const [p, q] = li <= hiI ? [li, hiI] : [hiI, li];
    data.push({ x: p * step, y: values[p], i: p });
    if (q !== p) data.push({ x: q * step, y: values[q], i: q });
  }
  return { data, filled };
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
