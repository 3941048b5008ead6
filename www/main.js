// The page's main thread: controls, charts and progress. It never runs the kernel: the driver worker
// (driver.js) does. In the threaded build the page holds the same shared WebAssembly.Memory as the workers,
// and on every animation frame reads the progress counter and the output values in place, with no copies
// and no per-window messages. It reads the output in place only while the job runs: the driver frees it
// at its next prepare, so with `finished` comes a copy, and the page answers `released` once it has
// switched to that copy.
import * as fmt from './format.js';
import { lineChart, points, setLineData, timingChart, setTimings } from './charts.js';
import { SEED } from './seed.js';

const $ = (sel) => document.querySelector(sel);
const form = $('#controls');
const el = {
  build: $('#build'), banner: $('#banner'), alert: $('#alert'), status: $('#status'),
  progressText: $('#progress-text'), bar: $('#progress-bar'), summary: $('#summary'),
  run: $('#run'), cancel: $('#cancel'), seed: $('#seed-experiment'), download: $('#download'),
  inputInfo: $('#input-info'), windowCount: $('#window-count'), file: $('#file'), fileLabel: $('#file-label'),
  randomFields: $('#random-fields'), fileFields: $('#file-fields'), seedPanel: $('#seed-panel'),
  timingTable: $('#timing-table tbody'), check: $('#check'),
};
const hardware = Math.max(1, navigator.hardwareConcurrency || 1);

/** Everything the page knows; tests read it as window.__memwin. */
const state = {
  ready: false,
  build: null,
  crossOriginIsolated: self.crossOriginIsolated === true,
  poolThreads: 0,
  status: 'starting',
  error: null,
  input: null, // { source, dtype, len, bytes, name? }
  file: null, // the chosen File
  job: null, // the job on screen: { id, phase, info, header, mirror, done, finished, status, seconds }
  progress: { done: 0, total: 0, fraction: 0 },
  line: { k: 0, plotted: 0, filled: 0 },
  lastRun: null,
  seed: null,
  commands: 0, // commands sent to the driver
};
window.__memwin = state;
// For tests and benchmarks: the values on screen, and a digest of their bits (FNV-1a over the 32-bit
// words, as cli/examples/kernel_timing.rs computes it) for outputs too large to copy out.
Object.defineProperty(state, 'values', { get: () => Array.from(currentValues()), enumerable: false });
Object.defineProperty(state, 'digest', { get: () => digest(currentValues()), enumerable: false });
// For the test that the page survives a trap inside wasm: the driver calls a wasm export that panics.
window.__memwinTest = { panic: (message) => send('panic', { message }) };

let driver;
let memory = null; // the shared WebAssembly.Memory (threaded build only)
let nextId = 1;
let command = null; // { id, type } of the command in flight
const chart = lineChart($('#line-chart'));
const timings = timingChart($('#timing-chart'));

// ---------------------------------------------------------------------------------------------- driver

function startDriver() {
  driver = new Worker(new URL('./driver.js', import.meta.url), { type: 'module' });
  driver.onmessage = ({ data }) => onDriver(data);
  driver.onerror = (e) => fail(`the driver worker failed to start: ${e.message ?? e}`);
  driver.postMessage({ type: 'init', threads: hardware });
}

function onDriver(m) {
  switch (m.type) {
    case 'ready': return onReady(m);
    case 'loading': {
      setStatus('loading', `Loading ${m.name}…`);
      showProgress(m.loaded, m.total, `${fmt.bytes(m.loaded)} of ${fmt.bytes(m.total)}`);
      return;
    }
    case 'input': return onInput(m);
    case 'started': return onStarted(m);
    case 'values': {
      const job = state.job;
      if (!job || job.id !== m.id || job.phase !== m.phase) return;
      job.mirror.set(m.values, m.first);
      job.done = m.done;
      return;
    }
    case 'finished':
      // Whatever the page makes of it, the driver may now free the output (the page keeps m.values).
      if (m.token) driver.postMessage({ type: 'released', token: m.token });
      return onFinished(m);
    case 'seedDone': return onSeedDone(m);
    case 'error': return onError(m);
    case 'loadCancelled': return onLoadCancelled(m);
    case 'fatal': {
      onError(m);
      // The instance is dead (an abort inside wasm): start a fresh driver so the page stays usable.
      driver.terminate();
      state.ready = false;
      memory = null;
      state.input = null; // it lived in the dead instance
      el.inputInfo.textContent = 'Input: none (the wasm instance restarted; Run makes it again).';
      setTimeout(startDriver, 0);
      return;
    }
  }
}

function onReady(m) {
  state.ready = true;
  state.build = m.build;
  state.poolThreads = m.poolThreads;
  memory = m.memory;
  const threads = form.elements.threads;
  if (m.build === 'parallel') {
    el.build.textContent = `threaded · ${m.poolThreads} worker threads`;
    threads.max = String(m.poolThreads);
    if (!threads.dataset.touched) threads.value = String(m.poolThreads);
    threads.disabled = false;
  } else {
    el.build.textContent = 'single-thread build';
    threads.value = '1';
    threads.max = '1';
    threads.disabled = true;
    el.banner.hidden = false;
    el.banner.innerHTML = m.isolated
      ? '<strong>Running the single-thread build.</strong> The threaded build could not start in this browser: '
        + `${escapeHtml(m.fallbackReason ?? '')}. Everything still computes, on one thread.`
      : '<strong>Running the single-thread build.</strong> This page is not cross-origin isolated, '
        + 'so SharedArrayBuffer (and with it WebAssembly threads) is unavailable. Everything still computes, on one '
        + 'thread; “parallel” runs use 1 thread. Serve the page with the headers '
        + '<code>Cross-Origin-Opener-Policy: same-origin</code> and <code>Cross-Origin-Embedder-Policy: require-corp</code> '
        + '(<code>npm start</code> does) to use all cores.';
  }
  el.build.dataset.build = m.build;
  setStatus('idle', `Ready (${fmt.seconds(m.initMs / 1e3)} to start)`);
  setBusy(false);
  refreshWindowCount();
}

function send(type, payload) {
  const id = nextId++;
  command = { id, type };
  state.commands++;
  state.error = null;
  hideAlert();
  setBusy(true);
  driver.postMessage({ type, id, ...payload });
  return id;
}

// ---------------------------------------------------------------------------------------------- input

function readSpec() {
  if (source() === 'file') {
    if (!state.file) throw new Error('choose a .npy file first (or switch the input to Random)');
    return { kind: 'file', file: state.file };
  }
  const f = form.elements;
  return {
    kind: 'random',
    len: checked(f.len, () => fmt.parseCount(f.len.value, 'length')),
    dtype: f.dtype.value,
    seed: checked(f.seed, () => fmt.parseCount(f.seed.value, 'seed', 0)),
  };
}

/** Forgets the job on screen: its output lives in wasm memory only until the next input or job. */
function clearJob() {
  state.job = null;
  state.line = { k: 0, plotted: 0, filled: 0, datasets: [] };
  el.download.disabled = true;
  el.summary.textContent = '';
  setLineData(chart, [], 'value');
  showProgress(0, 0, '');
}

function onInput(m) {
  clearJob();
  state.input = m;
  const what = m.source === 'file'
    ? `${m.name}: ${fmt.count(m.len)} × ${m.dtypeName} (.npy ${m.version})`
    : `${fmt.count(m.len)} random ${m.dtype} (seed ${m.seed})`;
  // Bytes past the payload: numpy ignores them and so does memwin, but the user should know (the CLI warns too).
  const extra = m.extraBytes > 0
    ? ` Warning: ${fmt.count(m.extraBytes)} bytes after the ${fmt.count(m.len)} values its header describes; memwin ignores them, as numpy does.`
    : '';
  el.inputInfo.textContent = `Input: ${what}, ${fmt.bytes(m.bytes)} in wasm memory, ready in ${fmt.seconds(m.ms / 1e3)}.${extra}`;
  refreshWindowCount();
  if (command?.type === 'input' && command.id === m.id) {
    command = null;
    setBusy(false);
    setStatus('idle', 'Input loaded');
    showProgress(0, 0, '');
  }
}

function source() {
  return form.elements.source.value;
}

function chooseFile(file) {
  if (!file) return;
  state.file = file;
  form.elements.source.value = 'file';
  syncSource();
  el.fileLabel.textContent = `${file.name} (${fmt.bytes(file.size)})`;
  if (state.ready && !command) send('input', { spec: { kind: 'file', file } });
}

function syncSource() {
  const file = source() === 'file';
  el.randomFields.hidden = file;
  el.fileFields.hidden = !file;
  refreshWindowCount();
}

// ---------------------------------------------------------------------------------------------- jobs

function readOptions() {
  const f = form.elements;
  return {
    size: checked(f.size, () => fmt.parseCount(f.size.value, 'window size')),
    step: checked(f.step, () => fmt.parseCount(f.step.value, 'step')),
    stat: f.stat.value,
    nan: f.nan.value,
    seedCompatible: f.seedCompatible.checked,
    threads: checked(f.threads, () => {
      const t = fmt.parseCount(f.threads.value, 'threads');
      if (t > Math.max(1, state.poolThreads)) throw new Error(`threads: ${t} asked for, but this page has ${Math.max(1, state.poolThreads)} worker thread${state.poolThreads > 1 ? 's' : ''}`);
      return t;
    }),
    access: f.access.value,
    strategy: f.strategy.value,
    costMs: checked(f.costMs, () => fmt.parseMillis(f.costMs.value, 'simulated cost')),
  };
}

function checked(input, parse) {
  try {
    const v = parse();
    input.removeAttribute('aria-invalid');
    return v;
  } catch (e) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    throw e;
  }
}

function onRun() {
  if (command) return; // one command at a time (Run is disabled meanwhile; this guards a scripted double click)
  try {
    const spec = readSpec();
    const options = readOptions();
    state.seed = null;
    el.seedPanel.hidden = true;
    setStatus('running', spec.kind === 'random' ? 'Preparing input…' : 'Preparing…');
    send('run', { spec, options });
  } catch (e) {
    fail(e.message); // a field the page checks itself: nothing was sent
  }
}

function onSeed() {
  const threads = state.build === 'parallel' ? Math.min(state.poolThreads, Math.max(1, Number(form.elements.threads.value) || state.poolThreads)) : 1;
  let seed;
  try {
    seed = checked(form.elements.seed, () => fmt.parseCount(form.elements.seed.value, 'seed', 0));
  } catch (e) {
    return fail(e.message);
  }
  state.seed = { status: 'running', threads };
  showSeedSettings();
  el.seedPanel.hidden = false;
  el.timingTable.innerHTML = '';
  el.check.innerHTML = '';
  setTimings(timings, []);
  setStatus('running', `Seed experiment: generating ${fmt.count(SEED.len)} random float64…`);
  send('seed', { threads, seed });
}

/** Puts the seed experiment's settings in the form: what it runs is what the form says, and Run afterwards
 * repeats its parallel shared run (with the threads and seed the form already had). */
function showSeedSettings() {
  const f = form.elements;
  f.source.value = 'random';
  for (const name of ['len', 'size', 'step']) f[name].value = SEED[name].toExponential().replace('e+', 'e');
  for (const name of ['dtype', 'stat', 'nan', 'strategy', 'costMs']) f[name].value = String(SEED[name]);
  f.access.value = 'shared';
  f.seedCompatible.checked = true;
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  syncSource();
}

function onCancel() {
  const job = state.job;
  if (job && !job.finished && state.build === 'parallel' && memory) {
    // The driver is blocked inside run(): set the kernel's cancel flag in shared memory directly.
    Atomics.store(new Uint8Array(memory.buffer), job.info.cancelPtr, 1);
  }
  driver.postMessage({ type: 'cancel' });
  setStatus('running', 'Cancelling…');
}

const PHASES = {
  run: 'Run',
  sequential: 'Sequential',
  parallelCopy: 'Parallel, per-task copies',
  parallelShared: 'Parallel, shared input',
  write: 'Write phase (workers write the output)',
};

function onStarted(m) {
  const info = m.info;
  state.job = {
    id: m.id, phase: m.phase, info, header: m.header, started: performance.now(), finished: false,
    mirror: state.build === 'parallel' ? null : new Float64Array(info.windows).fill(NaN), done: 0,
  };
  state.line = { k: info.windows, plotted: 0, filled: 0 };
  el.download.disabled = true;
  const label = PHASES[m.phase] ?? m.phase;
  setStatus('running', `${label}: ${fmt.count(info.windows)} windows, ${strategyText(info)}, ${info.threads} thread${info.threads > 1 ? 's' : ''}${info.costMs ? `, ${fmt.precise(info.costMs)} ms each` : ''}…`);
  el.summary.textContent = '';
  // No value exists yet (prepare fills the output with NaN): an empty chart, without a pass over the
  // output, and the first live pass one interval from now. On a machine with as many workers as cores, a
  // pass over 1e7 values at the start of a run took a core from the workers.
  drawLine({ empty: true });
  lastLine = performance.now();
}

function onFinished(m) {
  const job = state.job;
  if (!job || job.id !== m.id || job.phase !== m.phase) return;
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
    + ` · ${strategyText(info)} · ${info.threads} thread${info.threads > 1 ? 's' : ''}`
    + (m.status === 'done' ? ` · ${fmt.precise(rate)} windows/s` : '')
    + (info.costMs ? ` · ideal ⌈k/threads⌉·c = ${fmt.seconds(Math.ceil(info.windows / info.threads) * info.costMs / 1e3)}` : '');
  if (m.phase === 'run') {
    command = null;
    setBusy(false);
    if (m.status === 'done') {
      setStatus('done', `Done in ${fmt.seconds(m.seconds)}`);
      el.download.disabled = false;
    } else {
      setStatus('cancelled', `Cancelled after ${fmt.seconds(m.seconds)} (${fmt.count(m.done)} of ${fmt.count(info.windows)} windows)`);
    }
  }
}

function onSeedDone(m) {
  command = null;
  setBusy(false);
  if (m.status !== 'done') {
    state.seed = { ...state.seed, status: 'cancelled' };
    setStatus('cancelled', 'Seed experiment cancelled');
    return;
  }
  const t = m.timings;
  state.seed = {
    status: 'done', windows: m.windows, threads: m.threads, costMs: m.costMs,
    timings: { sequential: t.sequential, parallelCopy: t.parallelCopy, parallelShared: t.parallelShared },
    writeSeconds: m.writeSeconds, idealParallel: m.idealParallel, idealSequential: m.idealSequential,
    maxAbsDiff: m.maxAbsDiff, bitIdentical: m.bitIdentical,
    efficiency: m.idealParallel / t.parallelShared,
  };
  const rows = [
    { label: 'sequential', seconds: t.sequential, color: '#9aa6b8' },
    { label: 'parallel, copies', seconds: t.parallelCopy, color: '#e0a03f' },
    { label: 'parallel, shared', seconds: t.parallelShared, color: '#2f6fde' },
    { label: `ideal ⌈${m.windows}/${m.threads}⌉·${m.costMs} ms`, seconds: m.idealParallel, color: 'rgba(23,128,74,0.18)', border: '#17804a' },
  ];
  setTimings(timings, rows);
  const eff = (s) => `${fmt.precise((100 * m.idealParallel) / s)}%`;
  el.timingTable.innerHTML = [
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
  // The means chart: expected (sequential) and actual (the write phase), window by window.
  const { step } = SEED;
  setLineData(chart, [
    { label: 'expected (sequential)', data: points(m.expected, step).data, width: 3, color: 'rgba(47,111,222,0.35)', pointRadius: 0 },
    { label: 'actual (written by workers)', data: points(currentValues(), step).data, width: 1.2, color: '#e0662f' },
  ], 'mean');
  state.line = { k: m.windows, plotted: m.expected.length, filled: m.windows, datasets: chart.data.datasets.map((d) => d.data.length) };
  el.download.disabled = false;
  setStatus('done', `Seed experiment done: parallel shared ${fmt.seconds(t.parallelShared)} vs ideal ${fmt.seconds(m.idealParallel)}`);
}

/** Ends the command in flight if `id` is its id (a late message about an older one leaves it be). */
function endCommand(id) {
  if (command && command.id === id) {
    command = null;
    setBusy(false);
  }
}

function onError(m) {
  endCommand(m.id);
  clearJob();
  if (m.stage === 'input') {
    // The input was being replaced: the old one may be gone, and the new one did not load.
    state.input = null;
    el.inputInfo.textContent = 'Input: none (the last one did not load).';
  }
  state.error = m.message;
  if (state.seed?.status === 'running') state.seed.status = 'error';
  setStatus('error', m.type === 'fatal' ? 'The wasm instance stopped; restarting it' : 'Error');
  showAlert(m.message);
}

function onLoadCancelled(m) {
  endCommand(m.id);
  clearJob();
  // The input was being replaced: the old one is gone, and the driver loads the file again on the next Run.
  state.input = null;
  el.inputInfo.textContent = `Input: none (loading ${m.name} was cancelled at ${fmt.bytes(m.loaded)} of ${fmt.bytes(m.total)}).`;
  setStatus('cancelled', `Loading cancelled (${fmt.bytes(m.loaded)} of ${fmt.bytes(m.total)})`);
}

function fail(message) {
  state.error = message;
  setStatus('error', 'Error');
  showAlert(message);
}

// ---------------------------------------------------------------------------------------------- drawing

/**
 * The output values of the job on screen: while it runs in the threaded build, a view of shared memory;
 * once it has finished, the page's own copy (the driver may free the shared output after that); in the
 * single build, the mirror the batches fill.
 */
function currentValues() {
  const job = state.job;
  if (!job) return new Float64Array(0);
  if (job.mirror) return job.mirror;
  return new Float64Array(memory.buffer, job.info.outputPtr, job.info.windows);
}

/** "auto → sliding" when auto chose, else the strategy's name. */
function strategyText(info) {
  return info.requested === 'auto' ? `auto → ${info.strategy}` : info.strategy;
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

function showProgress(done, total, text) {
  const fraction = total > 0 ? done / total : 0;
  state.progress = { done, total, fraction };
  el.bar.style.transform = `scaleX(${fraction.toFixed(4)})`;
  el.progressText.textContent = text;
}

const STAT_LABELS = { mean: 'mean', sum: 'sum', min: 'min', max: 'max', var: 'variance', std: 'standard deviation' };

function drawLine({ empty = false } = {}) {
  const job = state.job;
  if (!job) return;
  const values = currentValues();
  // One point per window up to two per pixel column; beyond, each column's min and max.
  const { data, filled } = empty ? { data: [], filled: 0 } : points(values, job.info.step, chart.chartArea?.width);
  const stat = job.phase === 'run' ? form.elements.stat.value : 'mean';
  setLineData(chart, [{ label: `${STAT_LABELS[stat]} per window${job.phase === 'run' ? '' : ` (${PHASES[job.phase]})`}`, data }], STAT_LABELS[stat]);
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

// ---------------------------------------------------------------------------------------------- UI glue

function setStatus(status, text) {
  state.status = status;
  el.status.dataset.status = status;
  el.status.textContent = text;
}

function setBusy(busy) {
  el.run.disabled = busy || !state.ready;
  el.seed.disabled = busy || !state.ready;
  el.cancel.disabled = !busy;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function showAlert(message) {
  el.alert.textContent = message;
  el.alert.hidden = false;
}

function hideAlert() {
  el.alert.hidden = true;
}

function refreshWindowCount() {
  const f = form.elements;
  try {
    const len = source() === 'file' ? state.input?.source === 'file' ? state.input.len : NaN : fmt.parseCount(f.len.value, 'length');
    const size = fmt.parseCount(f.size.value, 'window size');
    const step = fmt.parseCount(f.step.value, 'step');
    if (!Number.isFinite(len)) {
      el.windowCount.textContent = '';
      return;
    }
    const k = fmt.windowCount(len, size, step, f.seedCompatible.checked);
    el.windowCount.textContent = k > 0
      ? `→ ${fmt.count(k)} windows over ${fmt.count(len)} elements; output ${fmt.bytes(k * 8)} of float64`
      : `→ no windows: the window (${fmt.count(size)}) must fit in the input (${fmt.count(len)})`;
  } catch {
    el.windowCount.textContent = '';
  }
}

function download() {
  const job = state.job;
  if (!job?.header) return;
  // A finished job's values are the page's own copy (Download is enabled only then), which Blob accepts.
  const values = currentValues();
  const blob = new Blob([job.header, values], { type: 'application/octet-stream' });
  const a = document.createElement('a');
  const stat = job.phase === 'run' ? form.elements.stat.value : 'mean';
  a.href = URL.createObjectURL(blob);
  a.download = `memwin-${stat}-${job.info.windows}-windows.npy`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

form.addEventListener('input', (e) => {
  if (e.target.name === 'threads') e.target.dataset.touched = '1';
  if (e.target instanceof HTMLInputElement) e.target.removeAttribute('aria-invalid');
  refreshWindowCount();
});
form.addEventListener('change', (e) => {
  if (e.target.name === 'source') syncSource();
});
el.file.addEventListener('change', () => chooseFile(el.file.files[0]));
el.run.addEventListener('click', onRun);
el.cancel.addEventListener('click', onCancel);
el.seed.addEventListener('click', onSeed);
el.download.addEventListener('click', download);
for (const type of ['dragenter', 'dragover']) {
  document.addEventListener(type, (e) => {
    e.preventDefault();
    document.body.classList.add('dragging');
  });
}
document.addEventListener('dragleave', (e) => {
  if (!e.relatedTarget) document.body.classList.remove('dragging');
});
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dragging');
  chooseFile(e.dataTransfer?.files?.[0]);
});

form.elements.threads.value = String(hardware);
syncSource();
startDriver();
requestAnimationFrame(frame);
