// The messages between the page (main.js) and the driver worker (driver.js): every postMessage of either
// side is made by a constructor here, and each side's handler switches on these type names.
//
// Output memory: in the threaded build the page reads the output in place while a job runs. The driver
// frees it at its next prepare, so it posts a copy with `finished` and waits for the page's `released`.

/** The page's commands to the driver. */
export const Command = Object.freeze({
  INIT: 'init',
  INPUT: 'input',
  RUN: 'run',
  SEED: 'seed',
  CANCEL: 'cancel',
  RELEASED: 'released',
  PANIC: 'panic',
});

/** The driver's reports to the page. */
export const Report = Object.freeze({
  READY: 'ready',
  LOADING: 'loading',
  INPUT: 'input',
  STARTED: 'started',
  VALUES: 'values',
  FINISHED: 'finished',
  SEED_DONE: 'seedDone',
  ERROR: 'error',
  FATAL: 'fatal',
  LOAD_CANCELLED: 'loadCancelled',
});

// ------------------------------------------------------------------------------------------- shared types

/**
 * What the input should hold: seeded random data, or a .npy file.
 * @typedef {{ kind: 'random', len: number, dtype: string, seed: number } | { kind: 'file', file: File }} InputSpec
 */

/**
 * A job's options, the CLI's names (web/src/options.rs reads them).
 * @typedef {object} JobOptions
 * @property {number} size
 * @property {number} step
 * @property {string} [stat]
 * @property {string} [nan]
 * @property {boolean} [seedCompatible]
 * @property {number} [threads]
 * @property {string} [access]
 * @property {string} [strategy]
 * @property {number} [costMs]
 */

/**
 * A prepared job, as Workspace.prepare() describes it (web/src/workspace.rs).
 * @typedef {object} JobInfo
 * @property {number} windows
 * @property {number} size
 * @property {number} step
 * @property {number} block
 * @property {string} strategy the strategy that runs (`auto` resolved)
 * @property {string} requested the strategy asked for
 * @property {number} chunkAlignment the single build's chunks hold a multiple of this many windows
 * @property {number} threads
 * @property {number} costMs
 * @property {number} outputPtr byte offsets in wasm memory
 * @property {number} donePtr
 * @property {number} cancelPtr
 */

/** @typedef {'run' | 'sequential' | 'parallelCopy' | 'parallelShared' | 'write'} Phase */

// ------------------------------------------------------------------------------------------- commands

/** @typedef {{ type: 'init', threads: number }} InitCommand */
/** @typedef {{ type: 'input', id: number, spec: InputSpec }} InputCommand */
/** @typedef {{ type: 'run', id: number, spec: InputSpec, options: JobOptions }} RunCommand */
/** @typedef {{ type: 'seed', id: number, threads: number, seed: number }} SeedCommand */
/** @typedef {{ type: 'cancel' }} CancelCommand */
/** @typedef {{ type: 'released', token: string }} ReleasedCommand */
/** A real trap inside wasm, for the test that the page recovers from one; the page itself never sends it.
 * @typedef {{ type: 'panic', id: number, message: string }} PanicCommand */
/** @typedef {InitCommand | InputCommand | RunCommand | SeedCommand | CancelCommand | ReleasedCommand | PanicCommand} AnyCommand */

/** @returns {InitCommand} */
export const init = (threads) => ({ type: Command.INIT, threads });
/** @returns {InputCommand} */
export const input = (id, spec) => ({ type: Command.INPUT, id, spec });
/** @returns {RunCommand} */
export const run = (id, spec, options) => ({ type: Command.RUN, id, spec, options });
/** @returns {SeedCommand} */
export const seed = (id, threads, seedValue) => ({ type: Command.SEED, id, threads, seed: seedValue });
/** @returns {CancelCommand} */
export const cancel = () => ({ type: Command.CANCEL });
/** The page no longer reads the output of the job `token` names: the driver may free it.
 * @returns {ReleasedCommand} */
export const released = (token) => ({ type: Command.RELEASED, token });
/** @returns {PanicCommand} */
export const panic = (id, message) => ({ type: Command.PANIC, id, message });

// ------------------------------------------------------------------------------------------- reports

/**
 * @typedef {object} ReadyReport
 * @property {'ready'} type
 * @property {'parallel' | 'single'} build
 * @property {number} poolThreads
 * @property {boolean} isolated
 * @property {string | null} fallbackReason why the threaded build did not start, if it did not
 * @property {WebAssembly.Memory | null} memory the shared memory (threaded build), else null
 * @property {number} initMs
 */
/** @typedef {{ type: 'loading', id: number, loaded: number, total: number, name: string }} LoadingReport */
/**
 * The input now held: `source` 'random' with `seed`, or 'file' with `name`, `dtypeName`, `version` and
 * `extraBytes` (bytes after the payload, which numpy and memwin ignore).
 * @typedef {object} InputReport
 * @property {'input'} type
 * @property {number} id
 * @property {'random' | 'file'} source
 * @property {string} dtype
 * @property {number} len
 * @property {number} bytes
 * @property {number} ms
 * @property {number} [seed]
 * @property {string} [name]
 * @property {string} [dtypeName]
 * @property {string} [version]
 * @property {number} [extraBytes]
 */
/**
 * @typedef {object} StartedReport
 * @property {'started'} type
 * @property {number} id
 * @property {Phase} phase
 * @property {string} stat
 * @property {JobInfo} info
 * @property {Uint8Array} header the .npy header of the output, for Download
 */
/** New values of the single build, which shares no memory with the page.
 * @typedef {{ type: 'values', id: number, phase: Phase, first: number, values: Float64Array, done: number }} ValuesReport */
/**
 * @typedef {object} FinishedReport
 * @property {'finished'} type
 * @property {number} id
 * @property {Phase} phase
 * @property {'done' | 'cancelled'} status
 * @property {number} seconds
 * @property {number} done
 * @property {JobInfo} info
 * @property {Float64Array} [values] the page's copy of the output (threaded build)
 * @property {string} [token] answer it with `released` (threaded build)
 */
/**
 * @typedef {object} SeedDoneReport
 * @property {'seedDone'} type
 * @property {number} id
 * @property {'done' | 'cancelled'} status
 * @property {{ sequential?: number, parallelCopy?: number, parallelShared?: number }} timings seconds
 * @property {number} [windows]
 * @property {number} [threads]
 * @property {number} [costMs]
 * @property {number} [writeSeconds]
 * @property {number} [idealParallel]
 * @property {number} [idealSequential]
 * @property {number} [maxAbsDiff]
 * @property {boolean} [bitIdentical]
 * @property {Float64Array} [expected] the sequential means
 */
/**
 * A command failed (`error`), or the instance trapped and is dead (`fatal`: the page starts a new driver).
 * `stage` is 'input' when the input was being replaced.
 * @typedef {{ type: 'error' | 'fatal', id: number, command: string, stage: 'input' | 'job', message: string }} ErrorReport
 */
/** @typedef {{ type: 'loadCancelled', id: number, name: string, loaded: number, total: number }} LoadCancelledReport */
/** @typedef {ReadyReport | LoadingReport | InputReport | StartedReport | ValuesReport | FinishedReport | SeedDoneReport | ErrorReport | LoadCancelledReport} AnyReport */

/** @returns {ReadyReport} */
export const ready = ({ build, poolThreads, isolated, fallbackReason, memory, initMs }) =>
  ({ type: Report.READY, build, poolThreads, isolated, fallbackReason, memory, initMs });
/** @returns {LoadingReport} */
export const loading = (id, loaded, total, name) => ({ type: Report.LOADING, id, loaded, total, name });
/** @returns {InputReport} */
export const inputReady = (id, info) => ({ type: Report.INPUT, id, ...info });
/** @returns {StartedReport} */
export const started = (id, phase, stat, info, header) => ({ type: Report.STARTED, id, phase, stat, info, header });
/** @returns {ValuesReport} */
export const values = (id, phase, first, newValues, done) => ({ type: Report.VALUES, id, phase, first, values: newValues, done });
/** @returns {FinishedReport} */
export const finished = (id, phase, { status, seconds, done, info, values: copy, token }) =>
  ({ type: Report.FINISHED, id, phase, status, seconds, done, info, values: copy, token });
/** @returns {SeedDoneReport} */
export const seedDone = (id, status, timings, result = {}) => ({ type: Report.SEED_DONE, id, status, timings, ...result });
/** @returns {ErrorReport} */
export const error = (id, command, stage, message) => ({ type: Report.ERROR, id, command, stage, message });
/** @returns {ErrorReport} */
export const fatal = (id, command, stage, message) => ({ type: Report.FATAL, id, command, stage, message });
/** @returns {LoadCancelledReport} */
export const loadCancelled = (id, name, loaded, total) => ({ type: Report.LOAD_CANCELLED, id, name, loaded, total });
