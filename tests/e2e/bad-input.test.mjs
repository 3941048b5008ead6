// The page's bad-input matrix: each case shows one message that names the problem and the value, and the
// page then runs a normal job. Files are made here byte by byte (headers numpy would refuse to write), or
// by numpy (valid arrays memwin does not take).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { serve, browser, openPage, setOptions, screenshot, py, tempDir, assertNoErrors, alertText, runsANormalJob } from './helpers.mjs';

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

/** A .npy 1.0 file: magic, version, header length, the header dict as given (padded to 64 bytes), then
 * `payload` bytes (a sparse hole when `sparse`). */
function npy(name, dict, payload, { sparse = false } = {}) {
  let text = dict;
  const pad = 64 - ((10 + text.length + 1) % 64);
  text += ' '.repeat(pad % 64) + '\n';
  const head = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(head);
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(text.length, 8);
  const path = join(dir, name);
  const bytes = Buffer.concat([head, Buffer.from(text, 'latin1')]);
  if (sparse) {
    writeFileSync(path, bytes);
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, bytes.length + payload);
    closeSync(fd);
  } else {
    writeFileSync(path, Buffer.concat([bytes, Buffer.alloc(payload)]));
  }
  return path;
}

/** Chooses `path` as the input, and returns the message the page shows. */
async function loadFile(path) {
  await b.page.check('[name=source][value=file]');
  await b.page.setInputFiles('#file', path);
  return alertText(b.page);
}

/** Sets the options (random input), presses Run, and returns the message. */
async function runWith(options) {
  await setOptions(b.page, { source: 'random', len: '1e5', dtype: 'f64', size: '1e3', step: '1e3', costMs: 0, threads: 1, ...options });
  await b.page.click('#run');
  return alertText(b.page);
}

// Each case: what is wrong, how to cause it, and what the message must say.
const CASES = [
  ['a window larger than the input', () => runWith({ size: '2e5' }), /window size 200000 is larger than the input length 100000/],
  ['a step of 0', () => runWith({ step: '0' }), /step must be at least 1, got 0/],
  ['a fractional window size', () => runWith({ size: '1.5' }), /window size: "1\.5" is not a whole number/],
  ['a length that is not a number', () => runWith({ len: 'ten' }), /length: "ten" is not a number/],
  ['more threads than the pool has', () => runWith({ threads: String(env.poolThreads + 1) }), () => new RegExp(`threads: ${env.poolThreads + 1} asked for, but this page has ${env.poolThreads} worker threads`)],
  ['a simulated cost of NaN', () => runWith({ costMs: 'NaN' }), /simulated cost must be a number of milliseconds >= 0, got "NaN"/],
  ['a negative simulated cost', () => runWith({ costMs: '-1' }), /simulated cost must be a number of milliseconds >= 0, got "-1"/],
  ['a random input over what wasm32 can hold', () => runWith({ len: '3e8', size: '1e6', step: '1e6' }), /300,000,000 × float64.*2 GiB/],
  ['a file that is not a .npy (a zip)', () => loadFile(writeBytes('notes.npy', 'PK\x03\x04 not an array')), /notes\.npy: .*not a \.npy file/],
  ['a broken header (the dict never closes)', () => loadFile(npy('broken.npy', "{'descr': '<f8', 'fortran_order': False, 'shape': (10,", 80)), /broken\.npy: .*header/i],
  ['a header without a shape', () => loadFile(npy('noshape.npy', "{'descr': '<f8', 'fortran_order': False, }", 80)), /noshape\.npy: .*shape/],
  ['a header that claims 4 GB over 80 bytes', () => loadFile(npy('claims.npy', "{'descr': '<f8', 'fortran_order': False, 'shape': (500000000,), }", 80)), /claims\.npy: .*truncated: it has 208 bytes but needs 4000000128/],
  ['a file larger than wasm can hold (5 GB, sparse)', () => loadFile(npy('huge.npy', "{'descr': '<f8', 'fortran_order': False, 'shape': (625000000,), }", 5e9, { sparse: true })), /huge\.npy: .*shape \(625000000,\) is too large/],
  ['complex numbers', () => loadFile(numpyFile('complex.npy', 'np.zeros(10, dtype=np.complex128)')), /complex\.npy: .*c16/],
  ['booleans', () => loadFile(numpyFile('bool.npy', 'np.zeros(10, dtype=bool)')), /bool\.npy: .*b1/],
  ['big-endian float64', () => loadFile(numpyFile('be.npy', "np.zeros(10, dtype='>f8')")), /be\.npy: .*>f8/],
  ['a 2-D array', () => loadFile(numpyFile('matrix.npy', 'np.zeros((10, 10))')), /matrix\.npy: .*(1-D|2-D|shape)/],
];

function writeBytes(name, text) {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return path;
}

function numpyFile(name, expr) {
  const path = join(dir, name);
  py(`np.save(sys.argv[1], ${expr})`, path);
  return path;
}

for (const [what, cause, message] of CASES) {
  test(`bad input: ${what}: one message, and the page runs a normal job afterwards`, async (t) => {
    const text = await cause();
    t.diagnostic(text);
    assert.match(text, typeof message === 'function' ? message() : message); // a function: it needs the page's pool size
    assert.equal(text.split('\n').length, 1, `one line: ${text}`);
    assert.equal(await b.page.evaluate(() => window.__memwin.status), 'error');
    if (what.startsWith('a file larger')) await screenshot(b.page, 'bad-input-huge-file');
    await runsANormalJob(b.page);
  });
}

test('a file that is not a .npy, dropped on the page: a message, then a normal job', async () => {
  const bytes = [...readFileSync(writeBytes('dropped.txt', 'just some text\n'))];
  const dt = await b.page.evaluateHandle((data) => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(data)], 'dropped.txt'));
    return t;
  }, bytes);
  await b.page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  assert.match(await alertText(b.page), /dropped\.txt: .*not a \.npy file/);
  await runsANormalJob(b.page);
});
