// A rolling mean with step 1 over 1e7 windows in the page: `auto` picks the sliding strategy and says so,
// the chart draws a min/max per pixel column (never 1e7 points), and the values are the native CLI's, bit
// for bit, and numpy's within 1e-12 on sampled windows.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, browser, openPage, setOptions, runAndWait, screenshot, py, tempDir, assertNoErrors, memwinBin } from './helpers.mjs';

let server, b, dir, env;
before(async () => {
  server = await serve();
  b = await browser();
  dir = tempDir();
  env = await openPage(b.page, server.url);
});
afterEach(() => assertNoErrors(b));
after(async () => {
  await b?.close();
  await server?.stop();
});

const K = 10_000_000;
const SIZE = 1000;
const LEN = K + SIZE - 1;

test('1e7 rolling means (w = 1e3, step 1): auto → sliding, charted decimated, equal to the CLI bit for bit', async (t) => {
  const { page } = b;
  await setOptions(page, { source: 'random', len: String(LEN), dtype: 'f64', seed: '0', size: String(SIZE), step: '1', stat: 'mean', nan: 'propagate', threads: env.poolThreads, costMs: 0, access: 'shared', strategy: 'auto', seedCompatible: false });
  // The longest gap between animation frames while the page works: the main thread's worst stall.
  await page.evaluate(() => {
    window.__frames = { last: performance.now(), worst: 0, stop: false };
    const tick = (now) => {
      const f = window.__frames;
      f.worst = Math.max(f.worst, now - f.last);
      f.last = now;
      if (!f.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const r = await runAndWait(page, 180_000);
  const worstFrameMs = await page.evaluate(() => { window.__frames.stop = true; return window.__frames.worst; });
  assert.equal(r.status, 'done', r.error ?? '');
  assert.equal(r.lastRun.windows, K);
  assert.deepEqual([r.lastRun.requested, r.lastRun.strategy], ['auto', 'sliding']);
  assert.match(await page.textContent('#summary'), /auto → sliding/);
  assert.equal(r.progress.fraction, 1);
  assert.equal(r.line.k, K);
  assert.equal(r.line.filled, K, 'every window has a value');
  // Decimated: at most a min and a max per pixel column of the plot, and at least one point per column.
  const columns = await page.evaluate(() => Math.round(document.querySelector('#line-chart').clientWidth));
  assert.ok(r.line.plotted <= 2 * columns && r.line.plotted >= 100, `${r.line.plotted} points for ${columns} pixel columns`);
  t.diagnostic(`kernel ${r.lastRun.seconds.toFixed(3)} s on ${r.lastRun.threads} threads; worst gap between frames ${worstFrameMs.toFixed(0)} ms; ${r.line.plotted} points drawn`);
  await screenshot(page, 'rolling-1e7');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const web = join(dir, 'web-rolling.npy');
  await download.saveAs(web);

  const cli = memwinBin();
  const input = join(dir, 'rolling-input.npy');
  const native = join(dir, 'cli-rolling.npy');
  execFileSync(cli, ['gen', input, '--len', String(LEN), '--seed', '0', '--force']);
  execFileSync(cli, ['compute', input, '--size', String(SIZE), '--step', '1', '--strategy', 'sliding', '-o', native, '--force']);
  const check = JSON.parse(py(`
x = np.load(sys.argv[1], mmap_mode='r')
web, cli = np.load(sys.argv[2], mmap_mode='r'), np.load(sys.argv[3], mmap_mode='r')
w = int(sys.argv[4])
starts = np.random.default_rng(0).integers(0, web.shape[0], 1000)
ref = np.array([x[a:a + w].mean() for a in starts])
rel = float(np.max(np.abs(web[starts] - ref) / np.abs(ref)))
print(json.dumps({"shape": list(web.shape), "dtype": str(web.dtype), "same": bool((web.view(np.uint64) == cli.view(np.uint64)).all()), "rel": rel}))
`, input, web, native, SIZE));
  assert.deepEqual([check.shape, check.dtype], [[K], 'float64']);
  assert.equal(check.same, true, 'the page and the CLI agree bit for bit');
  assert.ok(check.rel <= 1e-12, `numpy's means on 1000 sampled windows: max relative difference ${check.rel}`);
});
