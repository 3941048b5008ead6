// Served without COOP/COEP there is no SharedArrayBuffer: the page loads the single-thread build, says so,
// and still computes correct values.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, browser, openPage, setOptions, runAndWait, screenshot, py, tempDir, computeFile, checkWithNumpy, assertNoErrors, memwinBin } from './helpers.mjs';

let server, b, dir;
before(async () => {
  server = await serve({ isolated: false });
  b = await browser();
  dir = tempDir();
});
afterEach(() => assertNoErrors(b));
after(async () => {
  await b?.close();
  await server?.stop();
});

test('without cross-origin isolation the page falls back to the single-thread build and says so', async () => {
  const env = await openPage(b.page, server.url);
  assert.equal(env.isolated, false);
  assert.equal(env.build, 'single');
  assert.equal(await b.page.isVisible('#banner'), true);
  assert.match(await b.page.textContent('#banner'), /single-thread build/);
  assert.match(await b.page.textContent('#build'), /single-thread/);
  assert.equal(await b.page.isDisabled('[name=threads]'), true);
});

test('the fallback computes numpy-exact values from a .npy file', async () => {
  const input = join(dir, 'f64.npy');
  py(`np.save(sys.argv[1], np.random.default_rng(3).random(500_000))`, input);
  const opts = { size: 5_000, step: 1_000, stat: 'mean', nan: 'propagate' };
  const out = await computeFile(b.page, dir, input, { ...opts, costMs: 0 }, 'fallback');
  assert.equal(checkWithNumpy(input, out, opts), 496);
  await screenshot(b.page, 'single-thread-fallback');
});

test('the fallback simulates the cost per window, and cancels', async () => {
  const { page } = b;
  await setOptions(page, { source: 'random', len: '100000', dtype: 'f64', size: '1e4', step: '1e4', costMs: 20, stat: 'mean' });
  let r = await runAndWait(page);
  assert.equal(r.status, 'done', r.error ?? '');
  assert.equal(r.lastRun.windows, 10);
  assert.ok(r.lastRun.seconds >= 0.2, `10 × 20 ms took ${r.lastRun.seconds} s`);
  assert.equal(r.line.filled, 10);

  await setOptions(page, { size: '100', step: '100', costMs: 50 });
  await page.click('#run');
  await page.waitForFunction(() => window.__memwin.progress.done >= 2 && window.__memwin.status === 'running', null, { timeout: 10_000 });
  await page.click('#cancel');
  await page.waitForFunction(() => window.__memwin.status === 'cancelled', null, { timeout: 3_000 });
  r = await page.evaluate(() => window.__memwin.lastRun);
  assert.ok(r.done < 100, `ran ${r.done} of 1000 windows`);
  assert.deepEqual(b.errors, []);
});

test('the fallback runs a rolling std with the sliding strategy in batches, bit-identical to the CLI', async () => {
  const { page } = b;
  // 100,099 float64, window 100, step 1: 100,000 windows, run in ~50 ms batches that each start on the
  // sliding strategy's block grid (a multiple of 100 windows).
  await setOptions(page, { source: 'random', len: '100099', dtype: 'f64', seed: '4', size: '100', step: '1', stat: 'std', nan: 'propagate', costMs: 0, strategy: 'sliding', access: 'shared', seedCompatible: false });
  const r = await runAndWait(page);
  assert.equal(r.status, 'done', r.error ?? '');
  assert.deepEqual([r.lastRun.windows, r.lastRun.strategy, r.line.filled], [100_000, 'sliding', 100_000]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const web = join(dir, 'fallback-sliding.npy');
  await download.saveAs(web);
  const cli = memwinBin();
  const input = join(dir, 'fallback-sliding-input.npy');
  const native = join(dir, 'fallback-sliding-cli.npy');
  execFileSync(cli, ['gen', input, '--len', '100099', '--seed', '4', '--force']);
  execFileSync(cli, ['compute', input, '--size', '100', '--step', '1', '--stat', 'std', '--strategy', 'sliding', '-o', native, '--force']);
  const same = py(`
a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
print(a.shape == b.shape and bool((a.view(np.uint64) == b.view(np.uint64)).all()))`, web, native).trim();
  assert.equal(same, 'True', 'batched in the single build = one native run, bit for bit');
});
