// The page's threaded wasm build on Node's main thread, 1 thread, without a browser: a quick loop for timing
// and profiling the kernel as V8 compiles it (the page adds the browser's own threads, which this leaves out).
//
//     bash scripts/build-wasm.sh
//     node bench/wasm_in_node.mjs [--len 10000999] [--size 1000] [--stat mean] [--repeat 8]
//
// Prints {"best_ms", "strategy", "digest"}: rolling windows (step 1) over the same seeded float64 as the
// page and `cli/examples/kernel_timing.rs`, and a digest of the output's bits (FNV-1a over its 32-bit words,
// as both of those print), so a run can be checked against native. To see V8's machine code with its costs:
//
//     perf record -k 1 -o perf.data node --perf-prof bench/wasm_in_node.mjs
//     perf inject -i perf.data --jit -o perf.jit.data && perf report -i perf.jit.data
//
// (The same V8 flag works in the page's Chromium: --js-flags=--perf-prof with `perf record -a`.)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    len: { type: 'string', default: '10000999' },
    size: { type: 'string', default: '1000' },
    stat: { type: 'string', default: 'mean' },
    repeat: { type: 'string', default: '8' },
  },
});

// wasm-bindgen-rayon's worker helper, which the build imports, listens on `self` (a worker's global); no
// worker starts here, so a stand-in with the one method it calls is enough.
globalThis.self = { addEventListener() {} };
const { initSync, Workspace } = await import('../web/pkg-parallel/memwin.js');
const memory = new WebAssembly.Memory({ initial: 1024, maximum: 65536, shared: true });
initSync({ module: readFileSync(new URL('../web/pkg-parallel/memwin_bg.wasm', import.meta.url)), memory });

const ws = new Workspace();
ws.allocInput('f64', Number(args.len));
ws.fillRandom(0, 1);
const options = { size: Number(args.size), step: 1, stat: args.stat, nan: 'propagate', threads: 1, costMs: 0, strategy: 'auto', seedCompatible: false };
let best = Infinity;
let info;
for (let r = 0; r < Number(args.repeat); r++) {
  info = ws.prepare(options);
  const t0 = performance.now();
  ws.run();
  best = Math.min(best, performance.now() - t0);
}
const words = new Uint32Array(new Float64Array(memory.buffer, info.outputPtr, info.windows).slice().buffer);
let h = 0x811c9dc5;
for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 16777619) >>> 0;
console.log(JSON.stringify({ best_ms: best, strategy: info.strategy, digest: h.toString(16).padStart(8, '0') }));
