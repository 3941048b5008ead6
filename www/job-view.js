// The job on screen: its progress, its values charted live while the workers write them, its summary, and
// its download. In the threaded build it reads the progress counter and the output straight from the shared
// WebAssembly.Memory on every animation frame, with no copies and no per-window messages, but only while
// the job runs: the driver frees the output at its next prepare, so with `finished` comes a copy, and the
// page reads that from then on. The single build fills a mirror from the driver's `values` reports.
import * as fmt from './format.js';
import { lineChart, points, setLineData } from './charts.js';
import { state } from './state.js';

const $ = (sel) => document.querySelector(sel);
const el = { progressText: $('#progress-text'), bar: $('#progress-bar'), summary: $('#summary'), download: $('#download') };
const chart = lineChart($('#line-chart'));

export const PHASES = {
  run: 'Run',
  sequential: 'Sequential',
  parallelCopy: 'Parallel, per-task copies',
  parallelShared: 'Parallel, shared input',
  write: 'Write phase (workers write the output)',
};

const STAT_LABELS = { mean: 'mean', sum: 'sum', min: 'min', max: 'max', var: 'variance', std: 'standard deviation' };

let memory = null; // the shared WebAssembly.Memory (threaded build only)

/** The memory the threaded build's job lives in (null in the single build, or once the instance died). */
export function useMemory(shared) {
  memory = shared;
}

// For tests and benchmarks: the values on screen, and a digest of their bits (FNV-1a over the 32-bit
// words, as cli/examples/kernel_timing.rs computes it) for outputs too large to copy out.
Object.defineProperty(state, 'values', { get: () => Array.from(currentValues()), enumerable: false });
Object.defineProperty(state, 'digest', { get: () => digest(currentValues()), enumerable: false });

/** Forgets the job on screen: its output lives in wasm memory only until the next input or job. */
export function clearJob() {
  state.job = null;
  state.line = { k: 0, plotted: 0, filled: 0, datasets: [] };
  el.download.disabled = true;
  el.summary.textContent = '';
  setLineData(chart, [], 'value');
  showProgress(0, 0, '');
}

/** A `started` report: the job it names is now the one on screen. Returns the status line's text. */
export function startJob(m) {
  const info = m.info;
  state.job = {
    id: m.id, phase: m.phase, stat: m.stat, info, header: m.header, started: performance.now(), finished: false,
    mirror: state.build === 'parallel' ? null : new Float64Array(info.windows).fill(NaN), done: 0,
  };
  state.line = { k: info.windows, plotted: 0, filled: 0 };
  el.download.disabled = true;
  el.summary.textContent = '';
  // No value exists yet (prepare fills the output with NaN): an empty chart, without a pass over the
  // output, and the first live pass one interval from now. On a machine with as many workers as cores, a
  // pass over 1e7 values at the start of a run took a core from the workers.
  drawLine({ empty: true });
  lastLine = performance.now();
  const label = PHASES[m.phase] ?? m.phase;
  return `${label}: ${fmt.count(info.windows)} windows, ${strategyText(info)}, ${threadsText(info)}${info.costMs ? `, ${fmt.precise(info.costMs)} ms each` : ''}…`;
}

/** Whether a report is about the job on screen (a late one about an older job is not). */
export function isCurrent(m) {
  const job = state.job;
  return Boolean(job && job.id === m.id && job.phase === m.phase);
}

/** A `values` report (single build): new values for the mirror. */
export function addValues(m) {
  if (!isCurrent(m)) return;
  state.job.mirror.set(m.values, m.first);
  state.job.done = m.done;
}

/** A `finished` report about the job on screen: the final progress, chart and summary. */
export function finishJob(m) {
  const job = state.job;
  // From now on the page reads its own copy (threaded build) or the mirror it filled (single build).
  if (m.values) job.mirror = m.values;
  job.finished = true;
  job.status = m.status;
  job.seconds = m.seconds;
  job.done = m.done;
  drawProgress();
  drawLine();
  const info = m.info;
  state.lastRun = { phase: m.phase, status: m.status, seconds: m.seconds, windows: info.windows, done: m.done, strategy: info.strategy, requested: info.requested, threads: info.threads };
  const rate = info.windows / m.seconds;
  el.summary.textContent = `${PHASES[m.phase] ?? m.phase}: ${fmt.count(m.done)} of ${fmt.count(info.windows)} windows in ${fmt.seconds(m.seconds)}`
    + ` · ${strategyText(info)} · ${threadsText(info)}`
    + (m.status === 'done' ? ` · ${fmt.precise(rate)} windows/s` : '')
    + (info.costMs ? ` · ideal ⌈k/threads⌉·c = ${fmt.seconds(Math.ceil(info.windows / info.threads) * info.costMs / 1e3)}` : '');
}

/** Download may save the job's values (once they are the page's own copy). */
export function allowDownload() {
  el.download.disabled = false;
}

/** The threaded build's driver is blocked inside run(): set the kernel's cancel flag in shared memory. */
export function cancelInPlace() {
  const job = state.job;
  if (job && !job.finished && state.build === 'parallel' && memory) {
    Atomics.store(new Uint8Array(memory.buffer), job.info.cancelPtr, 1);
  }
}

/** Progress of something that is not a job (a file's load). */
export function showProgress(done, total, text) {
  const fraction = total > 0 ? done / total : 0;
  state.progress = { done, total, fraction };
  el.bar.style.transform = `scaleX(${fraction.toFixed(4)})`;
  el.progressText.textContent = text;
}

/**
 * The output values of the job on screen: while it runs in the threaded build, a view of shared memory;
 * once it has finished, the page's own copy (the driver may free the shared output after that); in the
 * single build, the mirror the chunks fill.
 */
export function currentValues() {
  const job = state.job;
  if (!job) return new Float64Array(0);
  if (job.mirror) return job.mirror;
  return new Float64Array(memory.buffer, job.info.outputPtr, job.info.windows);
}

/**
 * Series of `windows` values each, `step` elements apart, in place of the job's (the seed experiment's
 * expected vs actual): `{ values, label, color?, width?, pointRadius? }` each.
 */
export function showSeries(series, { step, windows, yLabel }) {
  setLineData(chart, series.map(({ values, ...style }) => ({ ...style, data: points(values, step).data })), yLabel);
  state.line = { k: windows, plotted: series[0].values.length, filled: windows, datasets: chart.data.datasets.map((d) => d.data.length) };
}

/** "auto → sliding" when auto chose, else the strategy's name. */
function strategyText(info) {
  return info.requested === 'auto' ? `auto → ${info.strategy}` : info.strategy;
}

function threadsText(info) {
  return `${info.threads} thread${info.threads > 1 ? 's' : ''}`;
}

/** FNV-1a over the values' 32-bit words: a digest of their bits. */
function digest(values) {
  // A view of shared memory is copied first (the single build, without SharedArrayBuffer, has none).
  const shared = typeof SharedArrayBuffer === 'function' && values.buffer instanceof SharedArrayBuffer;
  const own = shared ? values.slice() : values;
  const words = new Uint32Array(own.buffer, own.byteOffset, own.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function currentDone() {
  const job = state.job;
  if (!job) return 0;
  if (job.mirror || job.finished) return job.done;
  // wasm32's usize is 32 bits: the counter is one aligned u32.
  return Atomics.load(new Uint32Array(memory.buffer, job.info.donePtr, 1), 0);
}

function drawProgress() {
  const job = state.job;
  if (!job) return;
  const k = job.info.windows;
  const done = Math.min(currentDone(), k);
  const elapsed = job.finished ? job.seconds : (performance.now() - job.started) / 1e3;
  showProgress(done, k, `${fmt.count(done)} / ${fmt.count(k)} windows · ${fmt.seconds(elapsed)}`);
}

function drawLine({ empty = false } = {}) {
  const job = state.job;
  if (!job) return;
  const values = currentValues();
  // One point per window up to two per pixel column; beyond, each column's min and max.
  const { data, filled } = empty ? { data: [], filled: 0 } : points(values, job.info.step, chart.chartArea?.width);
  const label = STAT_LABELS[job.stat];
  setLineData(chart, [{ label: `${label} per window${job.phase === 'run' ? '' : ` (${PHASES[job.phase]})`}`, data }], label);
  state.line = { k: values.length, plotted: data.length, filled, datasets: [data.length] };
}

let lastLine = 0;
let lastProgress = 0;
function frame(now) {
  const job = state.job;
  if (job && !job.finished) {
    // Every repaint (the bar, the chart) costs main-thread and compositor time the workers could use on
    // small machines: the bar ~12 times a second, the chart ~8, fewer for huge outputs.
    if (now - lastProgress > 80) {
      lastProgress = now;
      drawProgress();
    }
    const every = job.info.windows > 1e6 ? 500 : 120;
    if (now - lastLine > every) {
      lastLine = now;
      drawLine();
    }
  }
  requestAnimationFrame(frame);
}

/** Starts the live drawing: every animation frame, while a job runs. */
export function drawWhileRunning() {
  requestAnimationFrame(frame);
}

/** Saves the job's values as a float64 .npy. */
export function download() {
  const job = state.job;
  if (!job?.header) return;
  // A finished job's values are the page's own copy (Download is enabled only then), which Blob accepts.
  const values = currentValues();
  const blob = new Blob([job.header, values], { type: 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `memwin-${job.stat}-${job.info.windows}-windows.npy`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
