// The kernel in the browser against the native CLI, on the same job and the same data, in one run.
//
//     bash scripts/build-wasm.sh && npx vite build && cargo build --release -p memwin-cli --examples
//     CARGO_TARGET_DIR=target/baseline-simd cargo build --release -p memwin-cli --examples --features memwin/baseline-simd
//     node bench/wasm_vs_native.mjs [--repeat 15] [--len 1e7] [--threads <cores>] [--rolling-repeat 5]
//
// Both sides generate the same seeded random float64 in memory (the page, served by `vite preview` in
// Debian's headless Chromium; natively, cli/examples/kernel_timing.rs), and time the kernel alone, with no
// simulated cost, best of --repeat runs: the driver's timing of `run()` in wasm, `Instant` around `run()`
// natively. The threaded build runs with COOP/COEP, the single-thread build without (as the page falls
// back). Every wasm result is checked bit for bit against native before a row is printed.
//
// A second table is issue 6's target R6: a rolling mean (w = 1e3, step 1) over 1e7 + 999 float64, so 1e7
// windows, `auto` (which picks sliding) on both sides; its 1e7 values are compared by a digest of their
// bits rather than copied out of the page. Natively it also runs with 128-bit vectors only (SSE2, the width of
// wasm's simd128: the `baseline-simd` feature leaves out the AVX2/FMA path), which splits the gap into what
// the vector width costs and what the browser costs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, serve, browser, openPage, setOptions, runAndWait } from '../tests/e2e/helpers.mjs';

const { values: args } = parseArgs({
  options: {
    repeat: { type: 'string', default: '15' },
    len: { type: 'string', default: '1e7' },
    threads: { type: 'string', default: String(availableParallelism()) },
    'rolling-repeat': { type: 'string', default: '5' },
  },
});
const repeat = Number(args.repeat);
const len = Number(args.len);
const threads = Number(args.threads);
const rollingRepeat = Number(args['rolling-repeat']);
const EXE = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'release', 'examples', 'kernel_timing');
const EXE_128 = join(ROOT, 'target', 'baseline-simd', 'release', 'examples', 'kernel_timing');
for (const [path, how] of [
  [EXE, 'cargo build --release -p memwin-cli --examples'],
  [EXE_128, 'CARGO_TARGET_DIR=target/baseline-simd cargo build --release -p memwin-cli --examples --features memwin/baseline-simd'],
  [join(ROOT, 'dist', 'index.html'), 'bash scripts/build-wasm.sh && npx vite build'],
]) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run ${how}`);
}

const JOBS = [
  { stat: 'mean', strategy: 'per-window' },
  { stat: 'mean', strategy: 'blocked' },
  { stat: 'std', strategy: 'per-window' },
  { stat: 'std', strategy: 'blocked' },
];
const WINDOWS = { size: 500_000, step: 100_000 };

/** The native side: `kernel_timing` on the same data; `digest` for outputs too large to print. */
function native(job, t, { windows = WINDOWS, length = len, reps = repeat, digest = false, exe = EXE } = {}) {
  const out = JSON.parse(execFileSync(exe, ['--len', String(length), '--seed', '0', '--size', String(windows.size), '--step', String(windows.step),
    '--stat', job.stat, '--strategy', job.strategy, '--threads', String(t), '--repeat', String(reps), ...(digest ? ['--digest'] : [])], { maxBuffer: 1 << 26 }));
  return { seconds: out.best_s, values: out.values, digest: out.digest, strategy: out.strategy };
}

/** Each run: { key, options (the form's), reps, digest }. Returns key → { seconds, values | digest, build, strategy }. */
async function inBrowser(isolated, runs) {
  const server = await serve({ isolated });
  const b = await browser();
  try {
    const env = await openPage(b.page, server.url);
    const results = new Map();
    for (const { key, options, reps, digest } of runs) {
      // The single build has one thread and disables the field.
      const form = env.build === 'single' ? { ...options, threads: undefined } : options;
      await setOptions(b.page, { source: 'random', dtype: 'f64', seed: '0', costMs: 0, access: 'shared', nan: 'propagate', seedCompatible: false, ...form });
      let best = Infinity;
      let lastRun;
      for (let r = 0; r < reps; r++) {
        const run = await runAndWait(b.page, 300_000);
        if (run.status !== 'done') throw new Error(`${key} in the ${env.build} build: ${run.error}`);
        best = Math.min(best, run.lastRun.seconds);
        lastRun = run.lastRun;
      }
      const got = digest ? { digest: await b.page.evaluate(() => __memwin.digest) } : { values: await b.page.evaluate(() => __memwin.values) };
      results.set(key, { seconds: best, build: env.build, strategy: lastRun.strategy, ...got });
    }
    return results;
  } finally {
    await b.close();
    await server.stop();
  }
}

const sameBits = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
const ms = (s) => `${(s * 1e3).toFixed(1)} ms`;
const key = (job, t) => `${job.stat} ${job.strategy} ${t}`;
const formOf = (job, t) => ({ len: String(len), ...WINDOWS, threads: t, ...job });

// R6: the rolling job. The page's form takes the length; 1e7 windows need 1e7 + w − 1 elements.
const ROLLING = { size: 1000, step: 1 };
const rollingLen = 10_000_000 + ROLLING.size - 1;
const rollingJob = { stat: 'mean', strategy: 'auto' };
const rollingRuns = [1, threads].map((t) => ({
  key: `rolling ${t}`,
  options: { len: String(rollingLen), ...ROLLING, threads: t, ...rollingJob },
  reps: rollingRepeat,
  digest: true,
}));

const runs = JOBS.flatMap((job) => [1, threads].map((t) => ({ key: key(job, t), options: formOf(job, t), reps: repeat })));
const threaded = await inBrowser(true, [...runs, ...rollingRuns]);
const single = await inBrowser(false, [...runs.filter((r) => r.options.threads === 1), rollingRuns[0]]);
console.log(`${len.toLocaleString('en-US')} float64, windows of ${WINDOWS.size.toLocaleString('en-US')} every ${WINDOWS.step.toLocaleString('en-US')}, best of ${repeat}; kernel time only\n`);
console.log(`| job | native 1t (in memory) | wasm threaded build 1t | wasm single build 1t (no simd128) | threaded / native 1t | single / native 1t | native ${threads}t | wasm ${threads}t | wasm / native ${threads}t |`);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const job of JOBS) {
  const n1 = native(job, 1);
  const nT = native(job, threads);
  const w1 = threaded.get(key(job, 1));
  const wT = threaded.get(key(job, threads));
  const s1 = single.get(key(job, 1));
  if (s1.build !== 'single' || w1.build !== 'parallel') throw new Error('the builds are not the ones asked for');
  for (const [name, r] of [['threaded 1t', w1], [`threaded ${threads}t`, wT], ['single 1t', s1], [`native ${threads}t`, nT]]) {
    if (!sameBits(r.values, n1.values)) throw new Error(`${key(job, 1)}: ${name} differs from native`);
  }
  console.log(`| ${job.stat}, ${job.strategy} | ${ms(n1.seconds)} | ${ms(w1.seconds)} | ${ms(s1.seconds)} | ${(w1.seconds / n1.seconds).toFixed(2)}× | ${(s1.seconds / n1.seconds).toFixed(2)}× `
    + `| ${ms(nT.seconds)} | ${ms(wT.seconds)} | ${(wT.seconds / nT.seconds).toFixed(2)}× |`);
}

// R6.
const rolling = (t, exe) => native(rollingJob, t, { windows: ROLLING, length: rollingLen, reps: rollingRepeat, digest: true, exe });
const rn = [1, threads].map((t) => rolling(t, EXE));
const r128 = [1, threads].map((t) => rolling(t, EXE_128));
const rw = [1, threads].map((t) => threaded.get(`rolling ${t}`));
const rs = single.get('rolling 1');
for (const [name, r] of [['wasm threaded 1t', rw[0]], [`wasm threaded ${threads}t`, rw[1]], ['wasm single 1t', rs], [`native ${threads}t`, rn[1]],
  ['native 128-bit 1t', r128[0]], [`native 128-bit ${threads}t`, r128[1]]]) {
  if (r.digest !== rn[0].digest) throw new Error(`rolling: ${name} differs from native 1t (digest ${r.digest} vs ${rn[0].digest})`);
  if (r.strategy !== rn[0].strategy) throw new Error(`rolling: ${name} ran ${r.strategy}, native ${rn[0].strategy}`);
}
console.log(`\nR6: rolling mean, ${rollingLen.toLocaleString('en-US')} float64, w = ${ROLLING.size}, step 1 (10,000,000 windows), auto → ${rn[0].strategy}, best of ${rollingRepeat}; kernel time only; digests equal\n`);
console.log(`| threads | native | wasm threaded build | wasm / native | native, 128-bit vectors | wasm / native 128-bit | wasm single build (no simd128) | single / native |`);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [i, t] of [1, threads].entries()) {
  const single1 = i === 0 ? `${ms(rs.seconds)} | ${(rs.seconds / rn[0].seconds).toFixed(2)}×` : '– | –';
  console.log(`| ${t} | ${ms(rn[i].seconds)} | ${ms(rw[i].seconds)} | ${(rw[i].seconds / rn[i].seconds).toFixed(2)}× `
    + `| ${ms(r128[i].seconds)} | ${(rw[i].seconds / r128[i].seconds).toFixed(2)}× | ${single1} |`);
}
