"""memwin's kernel against numpy on the same file, in one run: no simulated cost, just the statistic.

    .venv/bin/python bench/kernel_vs_numpy.py [--len 1e7] [--repeat 3]

For each case it times, best of --repeat:
- numpy, the seed's way: one `x[a:b].mean()` per window (a Python loop over numpy calls);
- numpy, vectorised: `sliding_window_view(x, w)[::s].mean(axis=1)`;
- memwin compute: per-window and blocked on 1 thread, auto on all threads (the kernel's own
  `elapsed_s`, excluding process start-up and the map's opening, which are reported apart as `wall`).
It checks that every memwin result matches numpy to 1e-12 relative, and prints a Markdown table.
"""

import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.path.join(ROOT, "target", "release", "memwin")

NUMPY_STAT = {"mean": np.mean, "std": np.std, "max": np.max}


def best(f, repeat):
    times = []
    for _ in range(repeat):
        tic = time.perf_counter()
        r = f()
        times.append(time.perf_counter() - tic)
    return min(times), r


def memwin(path, w, s, stat, strategy, threads, repeat):
    def once():
        tic = time.perf_counter()
        out = subprocess.run(
            [EXE, "compute", path, "--size", str(w), "--step", str(s), "--stat", stat, "--strategy", strategy,
             "--threads", str(threads), "--json"], check=True, capture_output=True, text=True).stdout
        wall = time.perf_counter() - tic
        j = json.loads(out)
        return j["elapsed_s"], wall, np.array([float(v) for v in j["values"]])
    runs = [once() for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--len", type=float, default=1e7)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()
    n = int(a.len)
    if not os.path.exists(EXE):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    x = np.random.default_rng(0).random(n)
    cases = [
        ("seed windows", int(5e5), int(1e5), "mean"),
        ("heavy overlap", int(1e5), int(1e3), "mean"),
        ("heavy overlap, std", int(1e5), int(1e3), "std"),
        ("no overlap", int(1e4), int(1e4), "mean"),
        ("short windows", 64, 16, "max"),
        # One window: the lanes share its passes (numpy's loop and vectorised ways are both x.std()).
        ("whole array", n, n, "std"),
    ]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "x.npy")
        np.save(path, x)
        print(f"{n:,} float64, best of {a.repeat}; memwin times are the kernel's own (wall incl. process start)\n")
        print("| case | w / s | k | numpy loop (s) | numpy vectorised (s) | memwin per-window 1t (s) | memwin blocked 1t (s) "
              f"| memwin auto {a.threads}t (s) (wall) | numpy best / memwin auto |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, w, s, stat in cases:
            f = NUMPY_STAT[stat]
            starts = range(0, n - w + 1, s)
            k = len(starts)
            t_loop, ref = best(lambda: np.array([f(x[a:a + w]) for a in starts]), a.repeat)
            t_vec, _ = best(lambda: f(sliding_window_view(x, w)[::s], axis=1), a.repeat)
            results = {}
            for strategy, threads in [("per-window", 1), ("blocked", 1), ("auto", a.threads)]:
                results[(strategy, threads)] = memwin(path, w, s, stat, strategy, threads, a.repeat)
            for key, (_, _, vals) in results.items():
                np.testing.assert_allclose(vals, ref, rtol=1e-12, atol=1e-12, err_msg=f"{name} {key}")
            pw1 = results[("per-window", 1)][0]
            b1 = results[("blocked", 1)][0]
            at, at_wall, _ = results[("auto", a.threads)]
            print(f"| {name} ({stat}) | {w:,} / {s:,} | {k:,} | {t_loop:.4f} | {t_vec:.4f} | {pw1:.4f} | {b1:.4f} "
                  f"| {at:.4f} ({at_wall:.3f}) | {min(t_loop, t_vec) / at:.1f}× |")


if __name__ == "__main__":
    main()
