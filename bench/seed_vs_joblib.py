"""The seed experiment, side by side: joblib's "NumPy memmap in joblib.Parallel" as joblib runs it, and
`memwin demo`, in one run on one machine.

    .venv/bin/python bench/seed_vs_joblib.py [--len 1e7] [--threads 2]

joblib's side follows its example: 1e7 random floats, the means of the windows range(0, n - w, s) with
w = 5e5, s = 1e5 (95 windows), 10 ms of sleep per window; sequential, Parallel(n_jobs) over the in-memory
array, Parallel(n_jobs) over a dumped-and-loaded memmap; then workers writing (5 ms each) into a writable
output memmap. memwin's side is `memwin demo --json` with the same sizes. Prints a Markdown table.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from joblib import Parallel, delayed, dump, load

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def slow_mean(data, sl, cost):
    time.sleep(cost)
    return data[sl].mean()


def slow_mean_write_output(data, sl, output, idx, cost):
    time.sleep(cost)
    output[idx] = data[sl].mean()


def joblib_side(n, w, s, threads, cost, write_cost):
    data = np.random.default_rng(0).random(n)
    slices = [slice(a, a + w) for a in range(0, n - w, s)]
    t = {}
    # Start joblib's worker processes before timing anything, so no row pays for the pool's start-up.
    Parallel(n_jobs=threads)(delayed(abs)(i) for i in range(threads * 4))
    tic = time.perf_counter()
    expected = [slow_mean(data, sl, cost) for sl in slices]
    t["sequential"] = time.perf_counter() - tic
    tic = time.perf_counter()
    # joblib's default: arrays above 1 MB are memmapped for the workers automatically. Turn that off to get
    # the copy the example contrasts with (each task pickles its arguments).
    Parallel(n_jobs=threads, max_nbytes=None)(delayed(slow_mean)(data, sl, cost) for sl in slices)
    t["parallel_copy"] = time.perf_counter() - tic
    tic = time.perf_counter()
    # joblib's default, the example's plain Parallel run: the array is dumped to a memmap behind the scenes.
    Parallel(n_jobs=threads)(delayed(slow_mean)(data, sl, cost) for sl in slices)
    t["parallel_default"] = time.perf_counter() - tic
    folder = tempfile.mkdtemp(prefix="joblib_memmap_")
    try:
        path = os.path.join(folder, "data_memmap")
        dump(data, path)
        mapped = load(path, mmap_mode="r")
        tic = time.perf_counter()
        Parallel(n_jobs=threads)(delayed(slow_mean)(mapped, sl, cost) for sl in slices)
        t["parallel_shared"] = time.perf_counter() - tic
        output = np.memmap(os.path.join(folder, "output_memmap"), dtype=data.dtype, shape=len(slices), mode="w+")
        tic = time.perf_counter()
        Parallel(n_jobs=threads)(
            delayed(slow_mean_write_output)(mapped, sl, output, i, write_cost) for i, sl in enumerate(slices)
        )
        t["write"] = time.perf_counter() - tic
        diff = float(np.max(np.abs(np.array(expected) - output)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return len(slices), t, diff


def memwin_side(n, w, s, threads, cost_ms, write_cost_ms):
    exe = os.path.join(ROOT, "target", "release", "memwin")
    if not os.path.exists(exe):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    out = subprocess.run(
        [exe, "demo", "--json", "--len", str(n), "--size", str(w), "--step", str(s), "--threads", str(threads),
         "--cost-ms", str(cost_ms), "--write-cost-ms", str(write_cost_ms)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--len", type=float, default=1e7)
    p.add_argument("--size", type=float, default=5e5)
    p.add_argument("--step", type=float, default=1e5)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--cost-ms", type=float, default=10)
    p.add_argument("--write-cost-ms", type=float, default=5)
    a = p.parse_args()
    n, w, s = int(a.len), int(a.size), int(a.step)
    k, jt, jdiff = joblib_side(n, w, s, a.threads, a.cost_ms / 1e3, a.write_cost_ms / 1e3)
    m = memwin_side(n, w, s, a.threads, a.cost_ms, a.write_cost_ms)
    assert m["windows"] == k, (m["windows"], k)
    ideal_seq = k * a.cost_ms / 1e3
    ideal_par = -(-k // a.threads) * a.cost_ms / 1e3
    ideal_write = -(-k // a.threads) * a.write_cost_ms / 1e3
    rows = [
        ("sequential", ideal_seq, jt["sequential"], m["timings_s"]["sequential"]),
        ("parallel, copies (joblib: max_nbytes=None)", ideal_par, jt["parallel_copy"], m["timings_s"]["parallel_copy"]),
        ("parallel, joblib's default (auto-memmap)", ideal_par, jt["parallel_default"], m["timings_s"]["parallel_shared"]),
        ("parallel, shared memmap", ideal_par, jt["parallel_shared"], m["timings_s"]["parallel_shared"]),
        ("workers write output memmap", ideal_write, jt["write"], m["write_s"]),
    ]
    print(f"{k} windows of {w:,} every {s:,} over {n:,} float64, {a.cost_ms:g} ms per window, {a.threads} threads\n")
    print("| phase | ideal (s) | joblib (s) | joblib eff. | memwin (s) | memwin eff. | joblib / memwin |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, ideal, j, mm in rows:
        print(f"| {name} | {ideal:.3f} | {j:.3f} | {ideal / j:.0%} | {mm:.3f} | {ideal / mm:.0%} | {j / mm:.2f}× |")
    print(f"\nexpected vs actual, max abs diff: joblib {jdiff:g}, memwin {m['max_abs_diff']:g} "
          f"(bit-identical: {m['bit_identical']})")


if __name__ == "__main__":
    sys.exit(main())
