// The seed experiment in the built page, cross-origin isolated: real worker threads over shared memory.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, browser, openPage, screenshot, ARTIFACTS, assertNoErrors } from './helpers.mjs';

let server, b;
before(async () => {
  server = await serve();
  b = await browser();
});
afterEach(() => assertNoErrors(b));
after(async () => {
  await b?.close();
  await server?.stop();
});

test('the page is cross-origin isolated and loads the threaded build', async () => {
  const env = await openPage(b.page, server.url);
  assert.equal(env.isolated, true, 'crossOriginIsolated');
  assert.equal(env.build, 'parallel');
  assert.equal(env.poolThreads, env.hardware, 'one pool thread per hardware thread');
  assert.equal(await b.page.isVisible('#banner'), false, 'no fallback banner');
});

test('the seed experiment: 95 windows, three timings, expected == actual bit for bit', async () => {
  const { page } = b;
  await page.click('#seed-experiment');
  await page.waitForFunction(() => ['done', 'cancelled', 'error'].includes(window.__memwin.seed?.status), null, { timeout: 120_000 });
  const s = await page.evaluate(() => ({ seed: __memwin.seed, progress: __memwin.progress, line: __memwin.line, error: __memwin.error }));
  assert.equal(s.seed.status, 'done', s.error ?? '');
  assert.equal(s.seed.windows, 95);
  for (const key of ['sequential', 'parallelCopy', 'parallelShared']) {
    assert.ok(s.seed.timings[key] > 0, `${key} timed`);
  }
  // Three timings and the ideal, shown in the table and the bar chart.
  const rows = await page.$$eval('#timing-table tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.some((r) => r.startsWith('Sequential')) && rows.some((r) => r.startsWith('Parallel, copies')) && rows.some((r) => r.startsWith('Parallel, shared')), rows.join('\n'));
  assert.equal(await page.textContent('#bit-identical'), 'yes ✓');
  assert.equal(s.seed.bitIdentical, true);
  assert.equal(s.seed.maxAbsDiff, 0);
  assert.deepEqual({ done: s.progress.done, total: s.progress.total }, { done: 95, total: 95 });
  assert.equal(s.progress.fraction, 1);
  assert.equal(await page.$eval('#progress-bar', (e) => e.style.transform), 'scaleX(1)');
  // The means chart: k points in each of its two lines (expected and actual).
  const lengths = await page.evaluate(() => window.__memwin.line.datasets);
  assert.deepEqual(lengths, [95, 95]);
  // The 10 ms windows must actually overlap on the threads: at 2+ threads, clearly faster than sequential.
  const t = s.seed.timings;
  const ratio = t.parallelShared / s.seed.idealParallel;
  const line = `seed experiment in Chromium, ${s.seed.threads} threads: sequential ${t.sequential.toFixed(3)} s, parallel copy ${t.parallelCopy.toFixed(3)} s, parallel shared ${t.parallelShared.toFixed(3)} s, ideal ${s.seed.idealParallel.toFixed(3)} s, shared/ideal ${ratio.toFixed(3)}`;
  console.log(line);
  writeFileSync(join(ARTIFACTS, 'seed-timings.json'), JSON.stringify({ ...s.seed, ratio }, null, 2));
  if (s.seed.threads >= 2) assert.ok(t.parallelShared < 0.8 * t.sequential, line);
  assert.ok(t.sequential >= 0.95, `95 × 10 ms cannot take less than 0.95 s: ${line}`);
  // The form shows what was run: the seed's settings, seed-compatible windows, 95 of them.
  const form = await page.evaluate(() => {
    const f = document.querySelector('#controls').elements;
    return { len: f.len.value, size: f.size.value, step: f.step.value, seedCompatible: f.seedCompatible.checked, costMs: f.costMs.value, stat: f.stat.value };
  });
  assert.deepEqual(form, { len: '1e7', size: '5e5', step: '1e5', seedCompatible: true, costMs: '10', stat: 'mean' });
  assert.match(await page.textContent('#window-count'), /^→ 95 windows over 10,000,000 elements/);
  await screenshot(page, 'seed-experiment');
});
