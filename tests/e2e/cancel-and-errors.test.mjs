// Cancel stops a long run at once; bad input and oversized inputs get a message, never a crashed tab.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, setOptions, runAndWait, screenshot, assertNoErrors, py, tempDir } from './helpers.mjs';

let server, b, dir;
before(async () => {
  dir = tempDir();
  server = await serve();
  b = await browser();
  await openPage(b.page, server.url);
});
afterEach(() => assertNoErrors(b));
after(async () => {
  await b?.close();
  await server?.stop();
});

test('Cancel stops a long run well before the ideal time', async () => {
  const { page } = b;
  // 1,000 windows × 50 ms on 2 threads: ideal 25 s.
  await setOptions(page, { source: 'random', len: '1_000_000', dtype: 'f64', size: '1e3', step: '1e3', threads: 2, costMs: 50, seedCompatible: false });
  await page.click('#run');
  await page.waitForFunction(() => window.__memwin.progress.done >= 4 && window.__memwin.status === 'running', null, { timeout: 30_000 });
  const t0 = Date.now();
  await page.click('#cancel');
  await page.waitForFunction(() => window.__memwin.status === 'cancelled', null, { timeout: 5_000 });
  const stoppedMs = Date.now() - t0;
  const s = await page.evaluate(() => window.__memwin.lastRun);
  assert.equal(s.status, 'cancelled');
  assert.ok(stoppedMs < 2_000, `stopped ${stoppedMs} ms after Cancel`);
  assert.ok(s.done < 200 && s.seconds < 10, `ran ${s.done} of ${s.windows} windows in ${s.seconds} s (ideal 25 s)`);
  assert.match(await page.textContent('#status'), /Cancelled/);
  await screenshot(page, 'cancelled');
  // The page carries on: the next run completes.
  await setOptions(page, { costMs: 0 });
  const r = await runAndWait(page);
  assert.equal(r.status, 'done');
  assert.equal(r.progress.fraction, 1);
});

test('Cancel stops loading a large file, leaves no input, and the page runs the next job', async () => {
  const { page } = b;
  // 1.6 GB of float64 that numpy lays out (a sparse file: the disk holds only the header).
  const big = join(dir, 'big.npy');
  py(`np.lib.format.open_memmap(sys.argv[1], mode='w+', dtype='<f8', shape=(200_000_000,)).flush()`, big);
  await page.setInputFiles('#file', big);
  await page.waitForFunction(() => window.__memwin.status === 'loading', null, { timeout: 10_000 });
  const t0 = Date.now();
  await page.click('#cancel');
  await page.waitForFunction(() => window.__memwin.status === 'cancelled', null, { timeout: 5_000 });
  const stoppedMs = Date.now() - t0;
  assert.ok(stoppedMs < 2_000, `stopped ${stoppedMs} ms after Cancel`);
  const info = await page.textContent('#input-info');
  const [, loaded] = info.match(/^Input: none \(loading big\.npy was cancelled at (.+) of 1\.60 GB\)\.$/) ?? [];
  assert.ok(loaded, info);
  assert.match(await page.textContent('#status'), /^Loading cancelled \(.+ of 1\.60 GB\)$/);
  assert.equal(await page.evaluate(() => window.__memwin.input), null);
  assert.equal(await page.isHidden('#alert'), true, 'a cancel is not an error');
  assert.equal(await page.isEnabled('#run'), true);
  // The page carries on: a random input loads and runs.
  await setOptions(page, { source: 'random', len: '1e5', dtype: 'f64', size: '1e3', step: '1e3', threads: 2, costMs: 0, seedCompatible: false });
  const r = await runAndWait(page);
  assert.equal(r.status, 'done', r.error ?? '');
  assert.equal(r.lastRun.windows, 100);
});

test('bad options and oversized inputs are refused with a message, and the page stays usable', async () => {
  const { page } = b;
  await setOptions(page, { source: 'random', len: '1000', size: '2000', step: '10', costMs: 0 });
  let r = await runAndWait(page);
  assert.equal(r.status, 'error');
  assert.match(r.error, /window size 2000 is larger than the input length 1000/);
  assert.equal(await page.isVisible('#alert'), true);

  await setOptions(page, { len: '3e8', dtype: 'f64', size: '1e6', step: '1e6' });
  r = await runAndWait(page);
  assert.equal(r.status, 'error');
  assert.match(r.error, /2 GiB/);
  assert.match(r.error, /300,000,000 × float64/);
  await screenshot(page, 'oversized');

  await setOptions(page, { len: 'ten', size: '10', step: '10' });
  await page.click('#run');
  assert.match(await page.textContent('#alert'), /length: "ten" is not a number/);

  await setOptions(page, { len: '1e5', dtype: 'u8', size: '1e4', step: '5e3', stat: 'max' });
  r = await runAndWait(page);
  assert.equal(r.status, 'done', r.error ?? '');
  assert.equal(r.lastRun.windows, 19);
  assert.deepEqual(b.errors, [], 'no uncaught page errors');
});
