// Shared by the browser tests: serve the built page (dist/) with `vite preview`, drive Debian's Chromium
// with playwright-core, and run numpy for references.
import { spawn, execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const CHROMIUM = process.env.MEMWIN_CHROMIUM ?? '/usr/bin/chromium';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * `vite preview` over dist/ on a free port; `isolated: false` drops COOP/COEP (vite.config.js reads
 * MEMWIN_NO_ISOLATION). Returns { url, stop }.
 */
export async function serve({ isolated = true } = {}) {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` first');
  const port = await freePort();
  const env = { ...process.env, MEMWIN_NO_ISOLATION: isolated ? '0' : '1' };
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never outlive the test process, even when a test crashes before its `after`.
  const reap = () => child.kill('SIGTERM');
  process.once('exit', reap);
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${log}`);
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`vite preview did not answer on ${url}: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => new Promise((ok) => {
      if (child.exitCode !== null) return ok();
      child.once('exit', ok);
      child.kill('SIGTERM');
    }),
  };
}

/** Debian's Chromium, never a downloaded one, with the flags this closed network needs. */
export async function browser() {
  const dir = mkdtempSync(join(tmpdir(), 'memwin-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Every uncaught error and unhandled rejection (pageerror), and every console.error of the page and its
  // workers: each test file ends with assertNoErrors(b), so none goes unnoticed.
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the page and waits until the driver reports ready. */
export async function openPage(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__memwin?.ready === true, null, { timeout: 30_000 });
  return page.evaluate(() => ({ build: __memwin.build, isolated: crossOriginIsolated, poolThreads: __memwin.poolThreads, hardware: navigator.hardwareConcurrency }));
}

/** Fills the form: { len, dtype, seed, size, step, stat, nan, threads, costMs, access, strategy, seedCompatible }. */
export async function setOptions(page, o) {
  // The source first: the random input's fields are hidden while a file is the input.
  if (o.source !== undefined) await page.check(`[name=source][value=${o.source}]`);
  for (const name of ['len', 'seed', 'size', 'step', 'threads', 'costMs']) {
    if (o[name] !== undefined) await page.fill(`[name=${name}]`, String(o[name]));
  }
  for (const name of ['dtype', 'stat', 'nan', 'access', 'strategy']) {
    if (o[name] !== undefined) await page.selectOption(`[name=${name}]`, String(o[name]));
  }
  if (o.seedCompatible !== undefined) await page.setChecked('[name=seedCompatible]', o.seedCompatible);
}

/** Clicks Run and waits for the run to end (done, cancelled or error). */
export async function runAndWait(page, timeout = 60_000) {
  await page.click('#run');
  await page.waitForFunction(() => ['done', 'cancelled', 'error'].includes(__memwin.status) && !document.querySelector('#run').disabled, null, { timeout });
  return page.evaluate(() => ({ status: __memwin.status, error: __memwin.error, lastRun: __memwin.lastRun, progress: __memwin.progress, line: __memwin.line }));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The Python with numpy: $MEMWIN_PYTHON, else the repo's .venv. */
export function python() {
  const p = process.env.MEMWIN_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
  if (!existsSync(p)) throw new Error(`no Python with numpy at ${p}: run scripts/setup-python.sh or set MEMWIN_PYTHON`);
  return p;
}

/** Runs a Python snippet (numpy imported as np) with argv; returns its stdout. */
export function py(code, ...args) {
  return execFileSync(python(), ['-c', `import sys, json\nimport numpy as np\n${code}`, ...args.map(String)], { encoding: 'utf8' });
}

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'memwin-e2e-'));
}

/** Loads `file` through the file input, runs, downloads; returns the downloaded path. */
export async function computeFile(page, dir, file, options, name) {
  await page.check('[name=source][value=file]');
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => window.__memwin.input?.source === 'file' && !document.querySelector('#run').disabled, null, { timeout: 30_000 });
  await setOptions(page, options);
  const r = await runAndWait(page);
  if (r.status !== 'done') throw new Error(`run ${r.status}: ${r.error ?? ''}`);
  if (r.progress.fraction !== 1) throw new Error(`progress ${r.progress.fraction}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const out = join(dir, `${name}-result.npy`);
  await download.saveAs(out);
  return out;
}

/** numpy's answer for the same windows, compared with the downloaded file; returns the window count. */
export function checkWithNumpy(input, output, { size, step, stat, nan }) {
  const fn = nan === 'skip' ? `np.nan${stat}` : `np.${stat}`;
  const out = py(`
x = np.load(sys.argv[1]).astype(np.float64)
w, s = int(sys.argv[3]), int(sys.argv[4])
ref = ${fn}(np.lib.stride_tricks.sliding_window_view(x, w)[::s], axis=1)
got = np.load(sys.argv[2], mmap_mode='r')
assert got.dtype == np.float64 and got.shape == ref.shape, (got.dtype, got.shape, ref.shape)
ok = np.allclose(got, ref, rtol=1e-10, atol=1e-12, equal_nan=True)
print(json.dumps({"k": int(ref.shape[0]), "ok": bool(ok), "maxdiff": float(np.nanmax(np.abs(got - ref)))}))
`, input, output, size, step);
  const r = JSON.parse(out);
  if (!r.ok) throw new Error(`differs from numpy: ${out}`);
  return r.k;
}


/** No uncaught error, unhandled rejection or console error since the last call (errors `expected` matches
 * are taken out first: a test that causes one on purpose names it). */
export function assertNoErrors(b, expected = []) {
  const left = b.errors.filter((e) => !expected.some((re) => re.test(e)));
  b.errors.length = 0;
  assert.deepEqual(left, [], 'no uncaught errors, unhandled rejections or console errors');
}

/**
 * The memwin binary built from this tree: $MEMWIN_BIN (scripts/test-web.sh builds it), else `cargo build`
 * now. Never a binary left in target/ by an older build.
 */
export function memwinBin() {
  if (process.env.MEMWIN_BIN) return process.env.MEMWIN_BIN;
  const out = execFileSync('cargo', ['build', '-p', 'memwin-cli', '--bin', 'memwin', '--message-format=json-render-diagnostics'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  const exe = out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((m) => m.reason === 'compiler-artifact' && m.executable).at(-1)?.executable;
  if (!exe) throw new Error('cargo build gave no memwin binary');
  process.env.MEMWIN_BIN = exe;
  return exe;
}

/** Waits until the alert shows a message, and returns it. */
export async function alertText(page, timeout = 20_000) {
  await page.waitForFunction(() => !document.querySelector('#alert').hidden, null, { timeout });
  return page.textContent('#alert');
}

/** A small job the page must still run after a failure: 1e5 random u8, max over 19 windows. */
export async function runsANormalJob(page) {
  const threads = (await page.isDisabled('[name=threads]')) ? {} : { threads: 1 };
  await setOptions(page, { source: 'random', len: '1e5', dtype: 'u8', seed: '3', size: '1e4', step: '5e3', stat: 'max', nan: 'propagate', costMs: 0, strategy: 'auto', access: 'shared', seedCompatible: false, ...threads });
  const r = await runAndWait(page);
  assert.equal(r.status, 'done', `the page runs a normal job afterwards: ${r.error ?? ''}`);
  assert.equal(r.lastRun.windows, 19);
  assert.equal(r.progress.fraction, 1);
  assert.equal(r.line.filled, 19, 'every window has a value');
  assert.equal(await page.isVisible('#alert'), false, 'the message goes once a job runs');
}
