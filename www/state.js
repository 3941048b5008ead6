// Everything the page knows, in one object that every view reads and tests read as window.__memwin.

export const state = {
  ready: false,
  build: null,
  crossOriginIsolated: self.crossOriginIsolated === true,
  poolThreads: 0,
  status: 'starting',
  error: null,
  input: null, // { source, dtype, len, bytes, name? }
  file: null, // the chosen File
  job: null, // the job on screen: { id, phase, stat, info, header, mirror, done, finished, status, seconds }
  progress: { done: 0, total: 0, fraction: 0 },
  line: { k: 0, plotted: 0, filled: 0 },
  lastRun: null,
  seed: null,
  commands: 0, // commands sent to the driver
};
window.__memwin = state;
