// The driver worker: owns the wasm instance, the thread pool and the one Workspace. The page never runs the
// kernel; it sends commands here and, in the threaded build, reads the output and the progress counter
// straight from the shared memory while this worker is blocked inside `run()`.
//
// The messages, both ways, are protocol.js's. Output memory is freed by the next prepare() or input. In the
// threaded build the page reads the output in place while a job runs, so after a job the driver posts a
// copy of the output with `finished` and waits for the page's `released` before it may free anything: the
// page never reads freed memory.
//
// The single-thread build (no SharedArrayBuffer) cannot share memory with the page nor sleep, so it runs a
// job in chunks of windows: after each chunk it posts the new values and the progress, sleeps the chunk's
// simulated cost in JavaScript, and lets a cancel message in.
import * as msg from './protocol.js';
import { Command } from './protocol.js';
import { SEED } from './seed.js';

let wasm; // the generated module (parallel or single build)
let memory; // WebAssembly.Memory
let ws; // the Workspace
let build; // 'parallel' | 'single'
let poolThreads = 1;
let cancelRequested = false;
let stage = 'job'; // 'input' while an input is being made: a failure then leaves no input
let inputKey = null; // what the input holds now: 'random:f64:10000000:42' or 'file:name:size:mtime'

const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);

let releaseWaiter = null; // { token, resolve }: the page's word that it no longer reads the output
/** Resolves when the page has let go of the output of the job `token` names. */
const pageReleased = (token) => new Promise((resolve) => { releaseWaiter = { token, resolve }; });

/** Lets queued messages (a cancel) in. */
const yieldToEvents = () => new Promise((resolve) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(0);
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function init({ threads }) {
  const t0 = performance.now();
  let shared = self.crossOriginIsolated && typeof SharedArrayBuffer === 'function';
  let fallbackReason = shared ? null : 'not cross-origin isolated';
  if (shared) {
    try {
      wasm = await import('../web/pkg-parallel/memwin.js');
      const exports = await wasm.default();
      memory = exports.memory;
      await wasm.startThreadPool(threads);
      poolThreads = wasm.poolThreads();
    } catch (e) {
      // A browser with shared memory but without an instruction the threaded build uses (SIMD, say).
      shared = false;
      fallbackReason = `the threaded build did not start here (${e?.message ?? e})`;
    }
  }
  if (!shared) {
    wasm = await import('../web/pkg-single/memwin.js');
    const exports = await wasm.default();
    memory = exports.memory;
    poolThreads = 1;
  }
  build = wasm.buildKind();
  ws = new wasm.Workspace();
  post(msg.ready({
    build,
    poolThreads,
    isolated: self.crossOriginIsolated,
    fallbackReason,
    // Shared memory goes to the page as is (the same SharedArrayBuffer, no copy); a plain one cannot.
    memory: build === 'parallel' ? memory : null,
    initMs: performance.now() - t0,
  }));
}

/** Makes the input hold `spec`: seeded random data, or a .npy file streamed into wasm memory. */
async function ensureInput(id, spec) {
  const key = spec.kind === 'random'
    ? `random:${spec.dtype}:${spec.len}:${spec.seed}`
    : `file:${spec.file.name}:${spec.file.size}:${spec.file.lastModified}`;
  if (key === inputKey) return;
  inputKey = null;
  stage = 'input';
  const t0 = performance.now();
  if (spec.kind === 'random') {
    ws.allocInput(spec.dtype, spec.len);
    ws.fillRandom(spec.seed, poolThreads);
    post(msg.inputReady(id, { source: 'random', dtype: spec.dtype, len: spec.len, seed: spec.seed, bytes: ws.inputBytes(), ms: performance.now() - t0 }));
  } else {
    const info = await streamNpy(id, spec.file);
    post(msg.inputReady(id, { source: 'file', name: spec.file.name, ...info, bytes: ws.inputBytes(), ms: performance.now() - t0 }));
  }
  inputKey = key;
  stage = 'job';
}

/** A load stopped by Cancel: no error, but no input either (the next job loads the file again). */
class LoadCancelled extends Error {
  constructor(fileName, loaded, total) {
    super(`loading ${fileName} was cancelled`);
    Object.assign(this, { fileName, loaded, total });
  }
}

/**
 * Reads the header with File.slice, allocates the input, then streams the payload chunk by chunk straight
 * into wasm memory at the input's offset: no full copy of the file is ever held in JavaScript.
 */
async function streamNpy(id, file) {
  try {
    return await streamNpyInto(id, file);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || e instanceof LoadCancelled) throw e;
    throw new Error(`${file.name}: ${e?.message ?? e}`);
  }
}

async function streamNpyInto(id, file) {
  const pre = new Uint8Array(await file.slice(0, wasm.npyPreambleLen()).arrayBuffer());
  const headerLen = wasm.npyHeaderLen(pre);
  const header = new Uint8Array(await file.slice(0, headerLen).arrayBuffer());
  const h = wasm.parseNpyHeader(header, file.size);
  const ptr = ws.allocInput(h.dtype, h.len);
  const total = h.payloadBytes;
  const reader = file.slice(h.dataOffset, h.dataOffset + total).stream().getReader();
  let at = 0;
  let lastPost = 0;
  for (;;) {
    const { done, value } = await reader.read();
    // Each read lets messages in, so a Cancel arrives between chunks.
    if (cancelRequested) {
      await reader.cancel();
      throw new LoadCancelled(file.name, at, total);
    }
    if (done) break;
    if (at + value.byteLength > total) throw new Error('more data than its header says');
    // A fresh view each time: memory.buffer is replaced when memory grows (nothing allocates here, but
    // this costs nothing and stays right).
    new Uint8Array(memory.buffer, ptr + at, value.byteLength).set(value);
    at += value.byteLength;
    const now = performance.now();
    if (now - lastPost > 50) {
      lastPost = now;
      post(msg.loading(id, at, total, file.name));
    }
  }
  if (at !== total) throw new Error(`truncated: ${at} of ${total} payload bytes`);
  post(msg.loading(id, at, total, file.name));
  return { dtype: h.dtype, dtypeName: h.dtypeName, len: h.len, version: h.version, extraBytes: h.extraBytes };
}

/**
 * Prepares and runs one job; returns { status, seconds, info }. `phase` names it for the page (the seed
 * experiment has four).
 */
async function runJob(id, options, phase) {
  const info = ws.prepare(options);
  const header = wasm.npyHeaderF64(info.windows);
  post(msg.started(id, phase, options.stat ?? 'mean', info, header));
  await yieldToEvents();
  if (cancelRequested) return { status: 'cancelled', seconds: 0, info };
  let status;
  const t0 = performance.now();
  if (build === 'parallel') {
    // Blocks this worker until done; the page watches the shared output and counter meanwhile.
    status = ws.run();
  } else {
    status = await runInChunks(id, phase, info, t0);
  }
  const seconds = (performance.now() - t0) / 1e3;
  if (build === 'parallel') {
    // The page's copy to keep: it stops reading shared memory before the next prepare can free it.
    const values = new Float64Array(memory.buffer, info.outputPtr, info.windows).slice();
    const token = `${id}:${phase}`;
    const released = pageReleased(token);
    post(msg.finished(id, phase, { status, seconds, done: ws.done(), info, values, token }), [values.buffer]);
    await released;
  } else {
    post(msg.finished(id, phase, { status, seconds, done: ws.done(), info }));
  }
  return { status, seconds, info };
}

/**
 * The single build's run: chunks of ~50 ms, the simulated cost slept here, a cancel let in between. They
 * are the kernel's chunks (`runChunk(first, per)`: `per` a multiple of `info.chunkAlignment`, `first` a
 * multiple of `per`), which compute the bits of one whole run. `per` starts at one alignment step and
 * doubles or halves toward 50 ms of work, which keeps `first` a multiple of it.
 */
async function runInChunks(id, phase, info, t0) {
  const k = info.windows;
  const cost = info.costMs;
  const align = info.chunkAlignment;
  let first = 0;
  let per = align;
  let scheduled = t0; // when the simulated work done so far would have ended
  while (first < k) {
    if (cancelRequested) return 'cancelled';
    const n = Math.min(per, k - first);
    const a = performance.now();
    const status = ws.runChunk(first, per);
    const computeMs = performance.now() - a;
    const values = new Float64Array(memory.buffer, info.outputPtr + first * 8, n).slice();
    post(msg.values(id, phase, first, values, ws.done()), [values.buffer]);
    if (status === 'cancelled') return 'cancelled';
    first += n;
    scheduled = Math.max(scheduled, a) + computeMs + n * cost;
    const wait = scheduled - performance.now();
    if (wait > 0) await sleep(wait); else await yieldToEvents();
    const fits = 50 / Math.max(computeMs / n + cost, 1e-6); // windows in 50 ms
    if (per > fits && per > align) per /= 2;
    else if (2 * per <= fits && first % (2 * per) === 0) per *= 2;
  }
  return 'done';
}

/**
 * The joblib example, reproduced: 1e7 random f64, windows 5e5 every 1e5 by range(0, n - w, s) (95), 10 ms
 * each, sequential vs parallel with per-task copies vs parallel over the shared input; then a write phase
 * (5 ms each) into a fresh output, compared with the sequential result.
 */
async function seedExperiment(id, { threads, seed }) {
  await ensureInput(id, { kind: 'random', dtype: SEED.dtype, len: SEED.len, seed });
  const { size, step, seedCompatible, stat, nan, strategy, costMs } = SEED;
  const base = { size, step, seedCompatible, stat, nan, strategy };
  const phases = [
    ['sequential', { ...base, threads: 1, access: 'shared', costMs }],
    ['parallelCopy', { ...base, threads, access: 'copy', costMs }],
    ['parallelShared', { ...base, threads, access: 'shared', costMs }],
  ];
  const timings = {};
  let expected = null;
  let k = 0;
  for (const [phase, options] of phases) {
    const r = await runJob(id, options, phase);
    if (r.status !== 'done') return post(msg.seedDone(id, 'cancelled', timings));
    timings[phase] = r.seconds;
    k = r.info.windows;
    if (phase === 'sequential') expected = new Float64Array(memory.buffer, r.info.outputPtr, k).slice();
    await yieldToEvents();
  }
  const write = await runJob(id, { ...base, threads, access: 'shared', costMs: SEED.writeCostMs }, 'write');
  if (write.status !== 'done') return post(msg.seedDone(id, 'cancelled', timings));
  const actual = new Float64Array(memory.buffer, write.info.outputPtr, k);
  let maxAbsDiff = 0;
  let bitIdentical = true;
  const eb = new BigUint64Array(expected.buffer);
  const ab = new BigUint64Array(actual.slice().buffer);
  for (let i = 0; i < k; i++) {
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(expected[i] - actual[i]));
    if (eb[i] !== ab[i]) bitIdentical = false;
  }
  post(msg.seedDone(id, 'done', timings, {
    windows: k,
    threads,
    costMs,
    writeSeconds: write.seconds,
    idealParallel: wasm.idealSeconds(k, threads, costMs / 1e3),
    idealSequential: wasm.idealSeconds(k, 1, costMs / 1e3),
    maxAbsDiff,
    bitIdentical,
    expected,
  }));
}

let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  // A cancel must get in while a command runs; everything else runs in order.
  if (data.type === Command.CANCEL) {
    cancelRequested = true;
    return;
  }
  if (data.type === Command.RELEASED) {
    if (releaseWaiter?.token === data.token) {
      releaseWaiter.resolve();
      releaseWaiter = null;
    }
    return;
  }
  queue = queue.then(async () => {
    cancelRequested = false;
    stage = 'job';
    try {
      switch (data.type) {
        case Command.INIT:
          return await init(data);
        case Command.INPUT:
          return await ensureInput(data.id, data.spec);
        case Command.RUN: {
          await ensureInput(data.id, data.spec);
          return await runJob(data.id, data.options, 'run');
        }
        case Command.SEED:
          return await seedExperiment(data.id, data);
        case Command.PANIC:
          // A real panic inside wasm (panic = abort: the instance traps and is dead), for the test that the
          // page recovers from one. Nothing in the page sends it.
          return wasm.panicForTests(data.message ?? 'test panic');
        default:
          throw new Error(`unknown command ${data.type}`);
      }
    } catch (e) {
      if (e instanceof LoadCancelled) return post(msg.loadCancelled(data.id, e.fileName, e.loaded, e.total));
      const message = e?.message ?? String(e);
      // A trap (an abort inside wasm) leaves the instance dead: the page must start a new driver.
      const dead = e instanceof WebAssembly.RuntimeError || (!ws && data.type === Command.INIT);
      if (!dead) return post(msg.error(data.id, data.type, stage, message));
      post(msg.fatal(data.id, data.type, stage, ws
        ? `the wasm instance stopped (${e?.name ?? 'Error'}: ${message}); a fresh one is starting, and the next Run loads the input again`
        : message));
      self.onmessage = null;
    }
  });
};
