// What a user can do wrong, or what can go wrong inside: Run pressed twice, Cancel then Run, a trap inside
// wasm. Each leaves a page that computes the right values.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, setOptions, runAndWait, screenshot, assertNoErrors, alertText, runsANormalJob } from './helpers.mjs';

let server, b;
before(async () => {
  server = await serve();
  b = await browser();
  await openPage(b.page, server.url);
});
afterEach(() => assertNoErrors(b));
after(async () => {
  await b?.close();
  await server?.stop();
});

const JOB = { source: 'random', len: '200_000', dtype: 'f64', seed: '9', size: '1e4', step: '2500', stat: 'std', nan: 'propagate', threads: 2, access: 'shared', strategy: 'auto', seedCompatible: false };

/** Runs `JOB` once, undisturbed: the reference the disturbed runs must match. */
async function reference(page) {
  await setOptions(page, { ...JOB, costMs: 0 });
  const r = await runAndWait(page);
  assert.equal(r.status, 'done', r.error ?? '');
  return page.evaluate(() => ({ values: __memwin.values, commands: __memwin.commands }));
}

test('Run pressed twice at once starts one job, and its values are right', async () => {
  const { page } = b;
  const ref = await reference(page);
  assert.equal(ref.values.length, 77);
  await page.evaluate(() => {
    const run = document.querySelector('#run');
    run.click();
    run.click();
  });
  await page.waitForFunction(() => __memwin.status === 'done' && !document.querySelector('#run').disabled, null, { timeout: 30_000 });
  const after = await page.evaluate(() => ({ values: __memwin.values, commands: __memwin.commands }));
  assert.equal(after.commands, ref.commands + 1, 'one command sent for two clicks');
  assert.deepEqual(after.values, ref.values);
});

test('Cancel, then Run: the second run starts afresh and completes with the right values', async () => {
  const { page } = b;
  const ref = await reference(page);
  // 77 windows × 200 ms on 2 threads: ~8 s, cancelled after a few windows.
  await setOptions(page, { ...JOB, costMs: 200 });
  await page.click('#run');
  await page.waitForFunction(() => __memwin.progress.done >= 2 && __memwin.status === 'running', null, { timeout: 30_000 });
  await page.click('#cancel');
  // Run again as soon as the page lets us (Playwright waits for the button to be enabled).
  await setOptions(page, { costMs: 0 });
  await page.click('#run');
  await page.waitForFunction(() => __memwin.status === 'done' && !document.querySelector('#run').disabled, null, { timeout: 30_000 });
  const r = await page.evaluate(() => ({ lastRun: __memwin.lastRun, values: __memwin.values, line: __memwin.line }));
  assert.equal(r.lastRun.status, 'done');
  assert.equal(r.lastRun.done, 77, 'progress counts this run only');
  assert.equal(r.line.filled, 77);
  assert.deepEqual(r.values, ref.values, 'no value left over from the cancelled run');
});

test('a trap inside wasm shows a message, a fresh instance starts, and the page computes again', async () => {
  const { page } = b;
  const ref = await reference(page);
  await page.evaluate(() => window.__memwinTest.panic('deliberate test panic'));
  const text = await alertText(page);
  assert.match(text, /the wasm instance stopped \(RuntimeError: unreachable\); a fresh one is starting/);
  await page.waitForFunction(() => __memwin.ready && __memwin.status === 'idle', null, { timeout: 30_000 });
  await screenshot(page, 'after-wasm-trap');
  // The same job on the new instance: the input is made again, the values are the same.
  await setOptions(page, { ...JOB, costMs: 0 });
  const r = await runAndWait(page);
  assert.equal(r.status, 'done', r.error ?? '');
  assert.deepEqual(await page.evaluate(() => __memwin.values), ref.values);
  await runsANormalJob(page);
  // The panic hook's own report of the deliberate panic is the one console error expected.
  assertNoErrors(b, [/deliberate test panic/]);
});
