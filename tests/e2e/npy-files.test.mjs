// .npy files written by numpy go in through the file input, are streamed into shared memory, and the
// downloaded result is a float64 .npy that numpy opens and agrees with.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, browser, openPage, setOptions, runAndWait, screenshot, py, tempDir, computeFile, checkWithNumpy, assertNoErrors, memwinBin } from './helpers.mjs';

let server, b, dir;
before(async () => {
  server = await serve();
  b = await browser();
  dir = tempDir();
  await openPage(b.page, server.url);
});
afterEach(() => assertNoErrors(b));
after(async () => {
  await b?.close();
  await server?.stop();
});

test('a float32 .npy with NaNs: nanstd per window matches numpy', async () => {
  const input = join(dir, 'f32.npy');
  py(`
rng = np.random.default_rng(1)
x = rng.standard_normal(2_000_000).astype(np.float32)
x[::997] = np.nan
np.save(sys.argv[1], x)`, input);
  const opts = { size: 10_000, step: 2_500, stat: 'std', nan: 'skip' };
  const out = await computeFile(b.page, dir, input, { ...opts, costMs: 0, threads: 2, seedCompatible: false }, 'f32');
  assert.equal(checkWithNumpy(input, out, opts), 797);
  // With a file as the input, the random input's fields (length, dtype, seed) are out of the way.
  assert.equal(await b.page.isVisible('#random-fields'), false);
  assert.equal(await b.page.isVisible('#file-fields'), true);
  await screenshot(b.page, 'npy-float32');
});

test('an int16 .npy: the blocked one-pass mean matches numpy', async () => {
  const input = join(dir, 'i16.npy');
  py(`
rng = np.random.default_rng(2)
np.save(sys.argv[1], rng.integers(-30000, 30000, 1_000_003, dtype=np.int16))`, input);
  const opts = { size: 50_000, step: 1_000, stat: 'mean', nan: 'propagate' };
  const out = await computeFile(b.page, dir, input, { ...opts, strategy: 'blocked', costMs: 0, threads: 2 }, 'i16');
  assert.equal(checkWithNumpy(input, out, opts), 951);
});

test('a .npy dropped on the page is loaded like a chosen one', async () => {
  const input = join(dir, 'dropped.npy');
  py(`np.save(sys.argv[1], np.arange(1000, dtype=np.uint8))`, input);
  const bytes = [...readFileSync(input)];
  const dt = await b.page.evaluateHandle((data) => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(data)], 'dropped.npy'));
    return t;
  }, bytes);
  await b.page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await b.page.waitForFunction(() => window.__memwin.input?.name === 'dropped.npy', null, { timeout: 10_000 });
  const input2 = await b.page.evaluate(() => window.__memwin.input);
  assert.deepEqual([input2.dtype, input2.len], ['u8', 1000]);
});

test('a .npy with bytes after its payload loads, with a warning that names them, as numpy reads it', async () => {
  const input = join(dir, 'extra.npy');
  py(`
np.save(sys.argv[1], np.arange(5000, dtype=np.float64))
open(sys.argv[1], 'ab').write(b'abc')
assert np.load(sys.argv[1]).shape == (5000,)  # numpy ignores the 3 bytes`, input);
  await b.page.setInputFiles('#file', input);
  await b.page.waitForFunction(() => window.__memwin.input?.name === 'extra.npy', null, { timeout: 10_000 });
  const info = await b.page.evaluate(() => window.__memwin.input);
  assert.deepEqual([info.dtype, info.len, info.extraBytes], ['f64', 5000, 3]);
  assert.match(await b.page.textContent('#input-info'), /Warning: 3 bytes after the 5,000 values its header describes/);
  assert.equal(await b.page.isHidden('#alert'), true);
});

test('a .npy without extra bytes has no warning', async () => {
  const input = join(dir, 'plain.npy');
  py(`np.save(sys.argv[1], np.arange(7, dtype=np.int32))`, input);
  await b.page.setInputFiles('#file', input);
  await b.page.waitForFunction(() => window.__memwin.input?.name === 'plain.npy', null, { timeout: 10_000 });
  assert.equal(await b.page.evaluate(() => window.__memwin.input.extraBytes), 0);
  assert.doesNotMatch(await b.page.textContent('#input-info'), /Warning/);
});

test('a file that is not a .npy is refused with a message', async () => {
  const bad = join(dir, 'not.npy');
  py(`open(sys.argv[1], 'wb').write(b'PK\\x03\\x04 not an array')`, bad);
  await b.page.setInputFiles('#file', bad);
  await b.page.waitForFunction(() => !document.querySelector('#alert').hidden, null, { timeout: 10_000 });
  assert.match(await b.page.textContent('#alert'), /not a \.npy file/);
});

test('the page draws the same random data as the native CLI: same seed, bit-identical results', async () => {
  const cli = memwinBin(); // built from this tree now, never a stale one
  const input = join(dir, 'cli-gen.npy');
  const native = join(dir, 'cli-out.npy');
  execFileSync(cli, ['gen', '--len', '200_000', '--seed', '5', '--dtype', 'f32', '--force', input]);
  execFileSync(cli, ['compute', input, '--size', '1e4', '--step', '5e3', '--stat', 'var', '--threads', '1', '-o', native, '--force']);
  const { page } = b;
  await setOptions(page, { source: 'random', len: '200000', dtype: 'f32', seed: '5', size: '1e4', step: '5e3', stat: 'var', nan: 'propagate', threads: 2, costMs: 0, strategy: 'auto' });
  const r = await runAndWait(page);
  assert.equal(r.status, 'done', r.error ?? '');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const web = join(dir, 'web-out.npy');
  await download.saveAs(web);
  const same = py(`
a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
print(a.shape == b.shape and a.dtype == b.dtype and bool((a.view(np.uint64) == b.view(np.uint64)).all()))`, native, web).trim();
  assert.equal(same, 'True', 'the browser and the CLI agree bit for bit');
});
