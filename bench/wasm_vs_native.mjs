// The kernel in the browser against the native CLI, on the same job and the same data, in one run.
//
//     bash scripts/build-wasm.sh && npx vite build && cargo build --release --examples
//     node bench/wasm_vs_native.mjs [--repeat 15] [--len 1e7] [--threads <cores>]
//
// Both sides generate the same seeded random float64 in memory (the page, served by `vite preview` in
// Debian's headless Chromium; natively, crate/examples/kernel_timing.rs), and time the kernel alone, with no
// simulated cost, best of --repeat runs: the driver's timing of `run()` in wasm, `Instant` around `run()`
// natively. The threaded build runs with COOP/COEP, the single-thread build without (as the page falls
// back). Every wasm result is checked bit for bit against native before a row is printed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, serve, browser, openPage, setOptions, runAndWait } from '../tests/e2e/helpers.mjs';

const { values: args } = parseArgs({
  options: { repeat: { type: 'string', default: '15' }, len: { type: 'string', default: '1e7' }, threads: { type: 'string', default: String(availableParallelism()) } },
});
const repeat = Number(args.repeat);
const len = Number(args.len);
const threads = Number(args.threads);
const EXE = join(ROOT, 'target', 'release', 'examples', 'kernel_timing');
for (const [path, how] of [[EXE, 'cargo build --release --examples'], [join(ROOT, 'dist', 'index.html'), 'bash scripts/build-wasm.sh && npx vite build']]) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run ${how}`);
}

const JOBS = [
  { stat: 'mean', strategy: 'per-window' },
  { stat: 'mean', strategy: 'blocked' },
  { stat: 'std', strategy: 'per-window' },
  { stat: 'std', strategy: 'blocked' },
];
const WINDOWS = { size: 500_000, step: 100_000 };

function native(job, t) {
  const out = JSON.parse(execFileSync(EXE, ['--len', String(len), '--seed', '0', '--size', String(WINDOWS.size), '--step', String(WINDOWS.step),
    '--stat', job.stat, '--strategy', job.strategy, '--threads', String(t), '--repeat', String(repeat)], { maxBuffer: 1 << 26 }));
  return { seconds: out.best_s, values: out.values };
}

async function inBrowser(isolated, runs) {
  const server = await serve({ isolated });
  const b = await browser();
  try {
    const env = await openPage(b.page, server.url);
    const results = new Map();
    for (const { job, t } of runs) {
      // The single build has one thread and disables the field.
      const threadsField = env.build === 'single' ? {} : { threads: t };
      await setOptions(b.page, { source: 'random', len: String(len), dtype: 'f64', seed: '0', ...WINDOWS, costMs: 0, ...threadsField, access: 'shared', nan: 'propagate', seedCompatible: false, ...job });
      let best = Infinity;
      for (let r = 0; r < repeat; r++) {
        const run = await runAndWait(b.page);
        if (run.status !== 'done') throw new Error(`${JSON.stringify(job)} ${t}t in the ${env.build} build: ${run.error}`);
        best = Math.min(best, run.lastRun.seconds);
      }
      results.set(`${job.stat} ${job.strategy} ${t}`, { seconds: best, values: await b.page.evaluate(() => __memwin.values), build: env.build });
    }
    return results;
  } finally {
    await b.close();
    await server.stop();
  }
}

const sameBits = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
const runs = JOBS.flatMap((job) => [{ job, t: 1 }, { job, t: threads }]);
const threaded = await inBrowser(true, runs);
const single = await inBrowser(false, runs.filter((r) => r.t === 1));
const ms = (s) => `${(s * 1e3).toFixed(1)} ms`;
console.log(`${len.toLocaleString('en-US')} float64, windows of ${WINDOWS.size.toLocaleString('en-US')} every ${WINDOWS.step.toLocaleString('en-US')}, best of ${repeat}; kernel time only\n`);
console.log(`| job | native 1t (in memory) | wasm threaded build 1t | wasm single build 1t (no simd128) | threaded / native 1t | single / native 1t | native ${threads}t | wasm ${threads}t | wasm / native ${threads}t |`);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const job of JOBS) {
  const key = (t) => `${job.stat} ${job.strategy} ${t}`;
  const n1 = native(job, 1);
  const nT = native(job, threads);
  const w1 = threaded.get(key(1));
  const wT = threaded.get(key(threads));
  const s1 = single.get(key(1));
  if (s1.build !== 'single' || w1.build !== 'parallel') throw new Error('the builds are not the ones asked for');
  for (const [name, r] of [['threaded 1t', w1], [`threaded ${threads}t`, wT], ['single 1t', s1], [`native ${threads}t`, nT]]) {
    if (!sameBits(r.values, n1.values)) throw new Error(`${key(1)}: ${name} differs from native`);
  }
  console.log(`| ${job.stat}, ${job.strategy} | ${ms(n1.seconds)} | ${ms(w1.seconds)} | ${ms(s1.seconds)} | ${(w1.seconds / n1.seconds).toFixed(2)}× | ${(s1.seconds / n1.seconds).toFixed(2)}× `
    + `| ${ms(nT.seconds)} | ${ms(wT.seconds)} | ${(wT.seconds / nT.seconds).toFixed(2)}× |`);
}
