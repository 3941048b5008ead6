// The page's main thread: it starts the driver worker (driver.js), which owns the wasm instance and the
// thread pool, sends it commands, and routes its reports to the views. It never runs the kernel.
//   form.js      the form, read and checked into an input spec and job options
//   job-view.js  the job on screen: progress, the live chart, the summary, Download
//   seed-view.js the seed experiment's panel
//   status.js    the status line, the alert, the build badge, which buttons may be pressed
//   protocol.js  the messages, both ways
import * as fmt from './format.js';
import * as msg from './protocol.js';
import { Command, Report } from './protocol.js';
import { state } from './state.js';
import { SEED } from './seed.js';
import { setStatus, setBusy, showAlert, hideAlert, fail, showBuild } from './status.js';
import { setUpForm, setThreadLimit, readSpec, readOptions, readSeed, seedThreads, showSeedSettings, chooseFile, showInput, showNoInput } from './form.js';
import {
  useMemory, clearJob, startJob, isCurrent, addValues, finishJob, allowDownload, cancelInPlace, showProgress,
  drawWhileRunning, download,
} from './job-view.js';
import { startSeed, hideSeed, stopSeed, showSeedResult } from './seed-view.js';

const $ = (sel) => document.querySelector(sel);
const hardware = Math.max(1, navigator.hardwareConcurrency || 1);

let driver;
let nextId = 1;
let command = null; // { id, type } of the command in flight

// For the test that the page survives a trap inside wasm: the driver calls a wasm export that panics.
window.__memwinTest = { panic: (message) => send((id) => msg.panic(id, message)) };

// ---------------------------------------------------------------------------------------------- driver

function startDriver() {
  driver = new Worker(new URL('./driver.js', import.meta.url), { type: 'module' });
  driver.onmessage = ({ data }) => onReport(data);
  driver.onerror = (e) => fail(`the driver worker failed to start: ${e.message ?? e}`);
  driver.postMessage(msg.init(hardware));
}

/** @param {import('./protocol.js').AnyReport} m */
function onReport(m) {
  switch (m.type) {
    case Report.READY: return onReady(m);
    case Report.LOADING: {
      setStatus('loading', `Loading ${m.name}…`);
      showProgress(m.loaded, m.total, `${fmt.bytes(m.loaded)} of ${fmt.bytes(m.total)}`);
      return;
    }
    case Report.INPUT: return onInput(m);
    case Report.STARTED: return setStatus('running', startJob(m));
    case Report.VALUES: return addValues(m);
    case Report.FINISHED:
      // Whatever the page makes of it, the driver may now free the output (the page keeps m.values).
      if (m.token) driver.postMessage(msg.released(m.token));
      return onFinished(m);
    case Report.SEED_DONE: return onSeedDone(m);
    case Report.ERROR: return onError(m);
    case Report.LOAD_CANCELLED: return onLoadCancelled(m);
    case Report.FATAL: {
      onError(m);
      // The instance is dead (an abort inside wasm): start a fresh driver so the page stays usable.
      driver.terminate();
      state.ready = false;
      useMemory(null);
      state.input = null; // it lived in the dead instance
      showNoInput('the wasm instance restarted; Run makes it again');
      setTimeout(startDriver, 0);
      return;
    }
  }
}

/** Sends the command `make(id)` makes, with a fresh id; it is the command in flight until it ends. */
function send(make) {
  const id = nextId++;
  const message = make(id);
  command = { id, type: message.type };
  state.commands++;
  state.error = null;
  hideAlert();
  setBusy(true);
  driver.postMessage(message);
  return id;
}

/** Ends the command in flight if `id` is its id (a late report about an older one leaves it be). */
function endCommand(id) {
  if (command && command.id === id) {
    command = null;
    setBusy(false);
  }
}

// ---------------------------------------------------------------------------------------------- reports

function onReady(m) {
  state.ready = true;
  state.build = m.build;
  state.poolThreads = m.poolThreads;
  useMemory(m.memory);
  showBuild(m);
  setBusy(false);
  setThreadLimit(m.build, m.poolThreads);
}

function onInput(m) {
  clearJob();
  state.input = m;
  showInput(m);
  if (command?.type === Command.INPUT && command.id === m.id) {
    endCommand(m.id);
    setStatus('idle', 'Input loaded');
    showProgress(0, 0, '');
  }
}

function onFinished(m) {
  if (!isCurrent(m)) return;
  finishJob(m);
  if (m.phase !== 'run') return;
  endCommand(m.id);
  if (m.status === 'done') {
    setStatus('done', `Done in ${fmt.seconds(m.seconds)}`);
    allowDownload();
  } else {
    setStatus('cancelled', `Cancelled after ${fmt.seconds(m.seconds)} (${fmt.count(m.done)} of ${fmt.count(m.info.windows)} windows)`);
  }
}

function onSeedDone(m) {
  endCommand(m.id);
  if (m.status !== 'done') {
    stopSeed('cancelled');
    setStatus('cancelled', 'Seed experiment cancelled');
    return;
  }
  showSeedResult(m);
  allowDownload();
  setStatus('done', `Seed experiment done: parallel shared ${fmt.seconds(m.timings.parallelShared)} vs ideal ${fmt.seconds(m.idealParallel)}`);
}

function onError(m) {
  endCommand(m.id);
  clearJob();
  if (m.stage === 'input') {
    // The input was being replaced: the old one may be gone, and the new one did not load.
    state.input = null;
    showNoInput('the last one did not load');
  }
  state.error = m.message;
  stopSeed('error');
  setStatus('error', m.type === Report.FATAL ? 'The wasm instance stopped; restarting it' : 'Error');
  showAlert(m.message);
}

function onLoadCancelled(m) {
  endCommand(m.id);
  clearJob();
  // The input was being replaced: the old one is gone, and the driver loads the file again on the next Run.
  state.input = null;
  showNoInput(`loading ${m.name} was cancelled at ${fmt.bytes(m.loaded)} of ${fmt.bytes(m.total)}`);
  setStatus('cancelled', `Loading cancelled (${fmt.bytes(m.loaded)} of ${fmt.bytes(m.total)})`);
}

// ---------------------------------------------------------------------------------------------- controls

function onRun() {
  if (command) return; // one command at a time (Run is disabled meanwhile; this guards a scripted double click)
  try {
    const spec = readSpec();
    const options = readOptions();
    hideSeed();
    setStatus('running', spec.kind === 'random' ? 'Preparing input…' : 'Preparing…');
    send((id) => msg.run(id, spec, options));
  } catch (e) {
    fail(e.message); // a field the page checks itself: nothing was sent
  }
}

function onSeed() {
  const threads = seedThreads();
  let seed;
  try {
    seed = readSeed();
  } catch (e) {
    return fail(e.message);
  }
  startSeed(threads);
  showSeedSettings();
  setStatus('running', `Seed experiment: generating ${fmt.count(SEED.len)} random float64…`);
  send((id) => msg.seed(id, threads, seed));
}

function onCancel() {
  cancelInPlace();
  driver.postMessage(msg.cancel());
  setStatus('running', 'Cancelling…');
}

function onFile(file) {
  if (!file) return;
  chooseFile(file);
  if (state.ready && !command) send((id) => msg.input(id, { kind: 'file', file }));
}

const fileInput = $('#file');
fileInput.addEventListener('change', () => onFile(fileInput.files[0]));
$('#run').addEventListener('click', onRun);
$('#cancel').addEventListener('click', onCancel);
$('#seed-experiment').addEventListener('click', onSeed);
$('#download').addEventListener('click', download);
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
  onFile(e.dataTransfer?.files?.[0]);
});

setUpForm(hardware);
startDriver();
drawWhileRunning();
