// The seed experiment's panel: the timings of its three runs against the ideal ⌈k/threads⌉·c, their
// efficiency, and expected vs actual (the sequential means against what the workers wrote).
import * as fmt from './format.js';
import { timingChart, setTimings } from './charts.js';
import { SEED } from './seed.js';
import { state } from './state.js';
import { currentValues, showSeries } from './job-view.js';

const $ = (sel) => document.querySelector(sel);
const el = { panel: $('#seed-panel'), table: $('#timing-table tbody'), check: $('#check') };
const timings = timingChart($('#timing-chart'));

/** The panel, emptied, for an experiment that starts on `threads` threads. */
export function startSeed(threads) {
  state.seed = { status: 'running', threads };
  el.panel.hidden = false;
  el.table.innerHTML = '';
  el.check.innerHTML = '';
  setTimings(timings, []);
}

/** A plain run replaces the experiment on screen. */
export function hideSeed() {
  state.seed = null;
  el.panel.hidden = true;
}

/** The experiment stopped early (`cancelled` or `error`). */
export function stopSeed(status) {
  if (state.seed?.status === 'running') state.seed = { ...state.seed, status };
}

/** A `seedDone` report with status 'done': the timings, the table, expected vs actual, and their chart. */
export function showSeedResult(m) {
  const t = m.timings;
  state.seed = {
    status: 'done', windows: m.windows, threads: m.threads, costMs: m.costMs,
    timings: { sequential: t.sequential, parallelCopy: t.parallelCopy, parallelShared: t.parallelShared },
    writeSeconds: m.writeSeconds, idealParallel: m.idealParallel, idealSequential: m.idealSequential,
    maxAbsDiff: m.maxAbsDiff, bitIdentical: m.bitIdentical,
    efficiency: m.idealParallel / t.parallelShared,
  };
  setTimings(timings, [
    { label: 'sequential', seconds: t.sequential, color: '#9aa6b8' },
    { label: 'parallel, copies', seconds: t.parallelCopy, color: '#e0a03f' },
    { label: 'parallel, shared', seconds: t.parallelShared, color: '#2f6fde' },
    { label: `ideal ⌈${m.windows}/${m.threads}⌉·${m.costMs} ms`, seconds: m.idealParallel, color: 'rgba(23,128,74,0.18)', border: '#17804a' },
  ]);
  const eff = (s) => `${fmt.precise((100 * m.idealParallel) / s)}%`;
  el.table.innerHTML = [
    ['Windows', fmt.count(m.windows)],
    ['Threads', fmt.count(m.threads)],
    ['Sequential', `${fmt.seconds(t.sequential)} (ideal ${fmt.seconds(m.idealSequential)})`],
    ['Parallel, copies', `${fmt.seconds(t.parallelCopy)} · ${eff(t.parallelCopy)} of ideal`],
    ['Parallel, shared', `${fmt.seconds(t.parallelShared)} · ${eff(t.parallelShared)} of ideal`],
    ['Ideal ⌈k/threads⌉·c', fmt.seconds(m.idealParallel)],
    ['Speed-up (shared vs sequential)', `${fmt.precise(t.sequential / t.parallelShared)}×`],
    [`Write phase (${SEED.writeCostMs} ms / window)`, fmt.seconds(m.writeSeconds)],
  ].map(([k, v]) => `<tr><td>${k}</td><td class="num">${v}</td></tr>`).join('');
  el.check.innerHTML = `<strong>Expected vs actual</strong><br>`
    + `expected: the sequential means; actual: what the workers wrote into a fresh output<br>`
    + `max |expected − actual| = <span class="mono" id="max-abs-diff">${m.maxAbsDiff === 0 ? '0' : m.maxAbsDiff.toExponential(3)}</span><br>`
    + `bit-identical: <span id="bit-identical" class="${m.bitIdentical ? 'yes' : 'no'}">${m.bitIdentical ? 'yes ✓' : 'no ✗'}</span>`;
  // The means chart: expected (sequential) and actual (the write phase, the job on screen), window by window.
  showSeries([
    { label: 'expected (sequential)', values: m.expected, width: 3, color: 'rgba(47,111,222,0.35)', pointRadius: 0 },
    { label: 'actual (written by workers)', values: currentValues(), width: 1.2, color: '#e0662f' },
  ], { step: SEED.step, windows: m.windows, yLabel: 'mean' });
}
