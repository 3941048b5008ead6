"""memwin from Python against its peers, in one run on one machine; prints Markdown tables for BENCHMARKS.md.

    .venv/bin/python bench/python_vs_peers.py [--repeat 5] [--skip-dask]

Needs the package built into .venv (`bash scripts/test-python.sh`, or `cd python && maturin develop
--release`) and the CLI (`cargo build --release -p memwin-cli`; this script runs that build itself). It
installs bottleneck and pandas into the running venv when they are missing.

1. The kernel's jobs, no simulated cost, best of --repeat, every result checked against numpy first:
   - the seed's job: 1e7 float64, windows of 5e5 every 1e5, mean;
   - a rolling job: 1e7 float64, windows of 1e3 every 1, mean;
   - 1e8 float64, the mean of the whole array (one window);
   memwin from Python (over the memory-mapped .npy) against the CLI's kernel time (`elapsed_s` of `memwin
   compute --json` on the same file: the call overhead), numpy's per-slice loop, numpy's cumsum block trick,
   bottleneck's move_mean and pandas' rolling mean.
2. The seed experiment with 10 ms per window: memwin from Python against joblib over the same memmap.
3. Dask on one LocalCluster of 2 worker processes: memwin per chunk (memwin.dask) against dask's own
   sliding_window_view (numpy's, per chunk with an overlap), over the same from_npy array, as a ratio.
"""

import argparse
import importlib
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

import memwin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
CLI = os.path.join(TARGET, "release", "memwin")


def need(module, package=None):
    """Imports a bench-only peer, installing it into this venv first if it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", package or module], check=True)
        return importlib.import_module(module)


def best(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        tic = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - tic)
    return min(times), result


def cli_kernel_seconds(path, size, step, repeat, seed_windows=False):
    """The CLI's own kernel time (elapsed_s), best of repeat, and its values."""
    args = [CLI, "compute", str(path), "--size", str(size), "--step", str(step), "--threads", "2", "--json"]
    if seed_windows:
        args.append("--seed-windows")
    runs = [json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout) for _ in range(repeat)]
    return min(r["elapsed_s"] for r in runs), np.array([float(v) for v in runs[0]["values"]])


def block_trick(x, size, step, count):
    """numpy's fastest exact-ish way: sums of blocks of gcd(size, step), then window sums from a cumsum of
    the block sums (one pass over x, rounding like a running sum over the blocks)."""
    g = math.gcd(size, step)
    covered = (count - 1) * step + size
    blocks = x[:covered].reshape(-1, g).sum(axis=1)
    c = np.concatenate(([0.0], np.cumsum(blocks)))
    starts = np.arange(count) * (step // g)
    return (c[starts + size // g] - c[starts]) / size


def kernel_rows(folder, repeat):
    bn = need("bottleneck")
    pd = need("pandas")
    rows = []
    jobs = [
        ("seed's job", 10**7, 500_000, 100_000, True),
        ("rolling", 10**7, 1_000, 1, False),
        ("1e8, whole array", 10**8, 10**8, 10**8, False),
    ]
    for name, n, size, step, seed_windows in jobs:
        path = os.path.join(folder, f"x{n}.npy")
        if not os.path.exists(path):
            np.save(path, np.random.default_rng(0).random(n))
        x = np.load(path, mmap_mode="r")
        k = memwin.window_count(n, size, step, seed_windows=seed_windows)
        starts = range(0, k * step, step)
        # numpy's per-slice loop, the seed's way; timed on at most 10,000 windows and scaled.
        sample = min(k, 10_000)
        t_loop, ref = best(lambda: np.array([x[a : a + size].mean() for a in starts[:sample]]), max(1, repeat // 2))
        t_loop *= k / sample
        t_py, got = best(lambda: memwin.window_stats(x, size, step, seed_windows=seed_windows, threads=2), repeat * 3)
        t_cli, cli_values = cli_kernel_seconds(path, size, step, repeat * 3, seed_windows)
        assert got.tobytes() == cli_values.tobytes(), f"{name}: Python and the CLI differ"
        np.testing.assert_allclose(got[:sample], ref, rtol=1e-12)
        t_block, block = best(lambda: block_trick(x, size, step, k), repeat)
        np.testing.assert_allclose(block[:sample], ref, rtol=1e-9)
        t_bn, t_pd = None, None
        if size < n:  # the rolling peers compute every window of size w, then keep every step-th
            t_bn, moved = best(lambda: bn.move_mean(x, size)[size - 1 :: step][:k], repeat)
            np.testing.assert_allclose(moved[:sample], ref, rtol=1e-9)
            t_pd, rolled = best(lambda: pd.Series(x).rolling(size).mean().to_numpy()[size - 1 :: step][:k], repeat)
            np.testing.assert_allclose(rolled[:sample], ref, rtol=1e-9)
        rows.append((name, n, size, step, k, t_py, t_cli, t_loop, t_block, t_bn, t_pd, sample < k))
        del x
    return rows


def print_kernel(rows):
    print("| job | n | w / s | k | memwin from Python (s) | CLI kernel (s) | Python / CLI | numpy per-slice (s) | numpy block trick (s) | bottleneck (s) | pandas (s) | best peer / memwin |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    fmt = lambda t: "–" if t is None else f"{t:.4f}"
    for name, n, size, step, k, t_py, t_cli, t_loop, t_block, t_bn, t_pd, scaled in rows:
        peers = [t for t in (t_loop, t_block, t_bn, t_pd) if t is not None]
        print(
            f"| {name} | {n:.0e} | {size:,} / {step:,} | {k:,} | {t_py:.4f} | {t_cli:.4f} | {t_py / t_cli:.2f}× | "
            f"{fmt(t_loop)}{' (scaled)' if scaled else ''} | {fmt(t_block)} | {fmt(t_bn)} | {fmt(t_pd)} | {min(peers) / t_py:.1f}× |"
        )


def seed_experiment(folder, repeat):
    from joblib import Parallel, delayed, dump, load

    n, size, step, cost = 10**7, 500_000, 100_000, 0.010
    data = np.random.default_rng(0).random(n)
    path = os.path.join(folder, "seed_memmap")
    dump(data, path)
    mapped = load(path, mmap_mode="r")
    slices = [slice(a, a + size) for a in range(0, n - size, step)]

    def slow_mean(d, sl):
        time.sleep(cost)
        return d[sl].mean()

    Parallel(n_jobs=2)(delayed(abs)(i) for i in range(4))  # workers up before timing
    t_joblib, want = best(lambda: Parallel(n_jobs=2)(delayed(slow_mean)(mapped, sl) for sl in slices), repeat)
    t_memwin, got = best(
        lambda: memwin.window_stats(mapped, size, step, seed_windows=True, strategy="per-window", threads=2, _cost_ms=cost * 1e3),
        repeat,
    )
    assert np.array_equal(np.array(want), got)
    ideal = math.ceil(len(slices) / 2) * cost
    print(f"| {len(slices)} windows, 10 ms each, 2 workers | {ideal:.3f} | {t_joblib:.3f} ({ideal / t_joblib:.0%}) | {t_memwin:.3f} ({ideal / t_memwin:.0%}) | {t_joblib / t_memwin:.2f}× |")


def dask_rows(folder, repeat, quick=False):
    import dask.array as da
    import distributed

    import memwin.dask

    n = 4 * 10**7
    path = os.path.join(folder, "dask.npy")
    np.save(path, np.random.default_rng(1).random(n))
    whole = np.load(path, mmap_mode="r")
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1")
    with cluster, distributed.Client(cluster):
        for size, step in [(500_000, 100_000), (1_000, 10)][: 1 if quick else 2]:
            darr = memwin.dask.from_npy(path, chunks=5_000_000)
            ours = memwin.dask.window_stats(darr, size, step)
            theirs = da.lib.stride_tricks.sliding_window_view(darr, size)[::step].mean(axis=1)
            t_ours, got = best(ours.compute, repeat)
            t_theirs, want = best(theirs.compute, max(1, repeat // 2))
            assert got.tobytes() == memwin.window_stats(whole, size, step).tobytes()
            np.testing.assert_allclose(got, want, rtol=1e-12)
            k = got.shape[0]
            print(f"| {n:.0e} float64, chunks of 5e6 | {size:,} / {step:,} | {k:,} | {t_ours:.3f} | {t_theirs:.3f} | {t_theirs / t_ours:.1f}× |")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--skip-dask", action="store_true")
    p.add_argument("--only", choices=["kernel", "seed", "dask"], help="run one part only")
    p.add_argument("--quick", action="store_true", help="Dask: the seed-like job only (the other takes minutes)")
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "memwin-cli"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory(prefix="memwin-bench-") as folder:
        print(f"memwin {memwin.__version__}, numpy {np.__version__}, 2 threads, best of {args.repeat} "
              f"(memwin and the CLI: best of {3 * args.repeat}); {time.strftime('%Y-%m-%d')}\n")
        if args.only in (None, "kernel"):
            print_kernel(kernel_rows(folder, args.repeat))
        if args.only in (None, "seed"):
            print("\n| seed experiment | ideal (s) | joblib over the memmap (s) (eff.) | memwin from Python (s) (eff.) | joblib / memwin |")
            print("|---|---:|---:|---:|---:|")
            seed_experiment(folder, max(1, args.repeat // 2))
        if args.only in (None, "dask") and not args.skip_dask:
            print("\n| Dask, 2 worker processes | w / s | k | memwin.dask (s) | dask sliding_window_view (s) | ratio |")
            print("|---|---|---:|---:|---:|---:|")
            dask_rows(folder, max(1, args.repeat // 2), args.quick)


if __name__ == "__main__":
    main()
