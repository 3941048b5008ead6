// .npy files written by numpy go in through the file input, are streamed into shared memory, and the
// downloaded result is a float64 .npy that numpy opens and agrees with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, screenshot, py, tempDir, computeFile, checkWithNumpy } from './helpers.mjs';

let server, b, dir;
before(async () => {
  server = await serve();
  b = await browser();
  dir = tempDir();
  await openPage(b.page, server.url);
});
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

test('a file that is not a .npy is refused with a message', async () => {
  const bad = join(dir, 'not.npy');
  py(`open(sys.argv[1], 'wb').write(b'PK\\x03\\x04 not an array')`, bad);
  await b.page.setInputFiles('#file', bad);
  await b.page.waitForFunction(() => !document.querySelector('#alert').hidden, null, { timeout: 10_000 });
  assert.match(await b.page.textContent('#alert'), /not a \.npy file/);
});
