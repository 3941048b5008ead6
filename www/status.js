// The page's word on what is going on: the status line, the alert, the build badge and banner, and which
// buttons may be pressed.
import { state } from './state.js';
import * as fmt from './format.js';

const $ = (sel) => document.querySelector(sel);
const el = {
  build: $('#build'), banner: $('#banner'), alert: $('#alert'), status: $('#status'),
  run: $('#run'), cancel: $('#cancel'), seed: $('#seed-experiment'),
};

export function setStatus(status, text) {
  state.status = status;
  el.status.dataset.status = status;
  el.status.textContent = text;
}

/** Run and the seed experiment while the page is idle, Cancel while a command runs. */
export function setBusy(busy) {
  el.run.disabled = busy || !state.ready;
  el.seed.disabled = busy || !state.ready;
  el.cancel.disabled = !busy;
}

export function showAlert(message) {
  el.alert.textContent = message;
  el.alert.hidden = false;
}

export function hideAlert() {
  el.alert.hidden = true;
}

/** A failure in one line: the status says error, the alert says what. */
export function fail(message) {
  state.error = message;
  setStatus('error', 'Error');
  showAlert(message);
}

/** The badge names the build that runs; the single build also says why, in a banner. */
export function showBuild({ build, poolThreads, isolated, fallbackReason, initMs }) {
  el.build.dataset.build = build;
  if (build === 'parallel') {
    el.build.textContent = `threaded · ${poolThreads} worker threads`;
  } else {
    el.build.textContent = 'single-thread build';
    el.banner.hidden = false;
    el.banner.innerHTML = isolated
      ? '<strong>Running the single-thread build.</strong> The threaded build could not start in this browser: '
        + `${escapeHtml(fallbackReason ?? '')}. Everything still computes, on one thread.`
      : '<strong>Running the single-thread build.</strong> This page is not cross-origin isolated, '
        + 'so SharedArrayBuffer (and with it WebAssembly threads) is unavailable. Everything still computes, on one '
        + 'thread; “parallel” runs use 1 thread. Serve the page with the headers '
        + '<code>Cross-Origin-Opener-Policy: same-origin</code> and <code>Cross-Origin-Embedder-Policy: require-corp</code> '
        + '(<code>npm start</code> does) to use all cores.';
  }
  setStatus('idle', `Ready (${fmt.seconds(initMs / 1e3)} to start)`);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
