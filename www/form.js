// The form: what it holds, read and checked into an input spec and job options, and what it shows about
// them (the loaded input, the window count as you type). A field the page checks itself is marked invalid
// and focused, and its message thrown: nothing is sent for it.
import * as fmt from './format.js';
import { SEED } from './seed.js';
import { state } from './state.js';

const $ = (sel) => document.querySelector(sel);
const form = $('#controls');
const f = form.elements;
const el = {
  inputInfo: $('#input-info'), windowCount: $('#window-count'), fileLabel: $('#file-label'),
  randomFields: $('#random-fields'), fileFields: $('#file-fields'),
};

/** Wires the form; `threads` is its first thread count (the page's cores). */
export function setUpForm(threads) {
  form.addEventListener('input', (e) => {
    if (e.target.name === 'threads') e.target.dataset.touched = '1';
    if (e.target instanceof HTMLInputElement) e.target.removeAttribute('aria-invalid');
    refreshWindowCount();
  });
  form.addEventListener('change', (e) => {
    if (e.target.name === 'source') syncSource();
  });
  f.threads.value = String(threads);
  syncSource();
}

/** The thread field for the build that started: up to the pool's size, or 1 and disabled. */
export function setThreadLimit(build, poolThreads) {
  const threads = f.threads;
  if (build === 'parallel') {
    threads.max = String(poolThreads);
    if (!threads.dataset.touched) threads.value = String(poolThreads);
    threads.disabled = false;
  } else {
    threads.value = '1';
    threads.max = '1';
    threads.disabled = true;
  }
  refreshWindowCount();
}

/** @returns {import('./protocol.js').InputSpec} */
export function readSpec() {
  if (source() === 'file') {
    if (!state.file) throw new Error('choose a .npy file first (or switch the input to Random)');
    return { kind: 'file', file: state.file };
  }
  return {
    kind: 'random',
    len: checked(f.len, () => fmt.parseCount(f.len.value, 'length')),
    dtype: f.dtype.value,
    seed: readSeed(),
  };
}

export function readSeed() {
  return checked(f.seed, () => fmt.parseCount(f.seed.value, 'seed', 0));
}

/** @returns {import('./protocol.js').JobOptions} */
export function readOptions() {
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

/** The seed experiment's threads: the form's count within the pool (1 in the single build). */
export function seedThreads() {
  if (state.build !== 'parallel') return 1;
  return Math.min(state.poolThreads, Math.max(1, Number(f.threads.value) || state.poolThreads));
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

/** Puts the seed experiment's settings in the form: what it runs is what the form says, and Run afterwards
 * repeats its parallel shared run (with the threads and seed the form already had). */
export function showSeedSettings() {
  f.source.value = 'random';
  for (const name of ['len', 'size', 'step']) f[name].value = SEED[name].toExponential().replace('e+', 'e');
  for (const name of ['dtype', 'stat', 'nan', 'strategy', 'costMs']) f[name].value = String(SEED[name]);
  f.access.value = 'shared';
  f.seedCompatible.checked = true;
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  syncSource();
}

/** A chosen or dropped file becomes the input source. */
export function chooseFile(file) {
  state.file = file;
  f.source.value = 'file';
  syncSource();
  el.fileLabel.textContent = `${file.name} (${fmt.bytes(file.size)})`;
}

/** The input the driver now holds (an `input` report), described under the input fields. */
export function showInput(m) {
  const what = m.source === 'file'
    ? `${m.name}: ${fmt.count(m.len)} × ${m.dtypeName} (.npy ${m.version})`
    : `${fmt.count(m.len)} random ${m.dtype} (seed ${m.seed})`;
  // Bytes past the payload: numpy ignores them and so does memwin, but the user should know (the CLI warns too).
  const extra = m.extraBytes > 0
    ? ` Warning: ${fmt.count(m.extraBytes)} bytes after the ${fmt.count(m.len)} values its header describes; memwin ignores them, as numpy does.`
    : '';
  el.inputInfo.textContent = `Input: ${what}, ${fmt.bytes(m.bytes)} in wasm memory, ready in ${fmt.seconds(m.ms / 1e3)}.${extra}`;
  refreshWindowCount();
}

/** No input is held: `why` says what happened to it. */
export function showNoInput(why) {
  el.inputInfo.textContent = `Input: none (${why}).`;
}

function source() {
  return f.source.value;
}

function syncSource() {
  const file = source() === 'file';
  el.randomFields.hidden = file;
  el.fileFields.hidden = !file;
  refreshWindowCount();
}

function refreshWindowCount() {
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
