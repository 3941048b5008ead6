"""`python -m memwin demo`: joblib's "NumPy memmap in joblib.Parallel" example, run by memwin from Python.

The CLI's `memwin demo`, step for step, with numpy doing the file work: 1e7 random float64 are dumped to a
.npy in a temp folder and mapped back read-only; the means of the windows range(0, n - w, s), each with a
simulated 10 ms of work, are computed sequentially, in parallel over per-task copies, and in parallel over
the shared map; then workers write (5 ms each) straight into a writable output memmap, which is read back
and compared with the sequential means and with numpy's own ``x[a:b].mean()``.
"""

import argparse
import json
import math
import os
import tempfile
import time

import numpy as np

from memwin._memwin import window_count, window_stats

PHASES = ("sequential", "parallel_copy", "parallel_shared")


def count(text):
    """1e7, 10_000_000 and 10000000 are the same count, as on the CLI."""
    value = float(text.replace("_", ""))
    if not value.is_integer() or value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got '{text}'")
    return int(value)


def parser():
    p = argparse.ArgumentParser(prog="python -m memwin demo", description=__doc__.split("\n\n")[0])
    p.add_argument("--len", type=count, default=10**7, help="number of random float64 values (default 1e7)")
    p.add_argument("--size", type=count, default=500_000, help="window size (default 5e5)")
    p.add_argument("--step", type=count, default=100_000, help="window step (default 1e5)")
    p.add_argument("--threads", type=count, default=None, help="worker threads (default: the available parallelism)")
    p.add_argument("--cost-ms", type=float, default=10.0, help="simulated work per window (default 10)")
    p.add_argument("--write-cost-ms", type=float, default=5.0, help="simulated work per window when writing (default 5)")
    p.add_argument("--seed", type=count, default=0, help="seed of the random data (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    return p


def run(args):
    threads = args.threads or os.cpu_count() or 1
    # Checked before any data exists: the same ValueError the kernel would raise later.
    k = window_count(args.len, args.size, args.step, seed_windows=True)
    opts = dict(seed_windows=True, strategy="per-window")
    with tempfile.TemporaryDirectory(prefix="memwin-demo-") as folder:
        data = np.random.default_rng(args.seed).random(args.len)
        data_path = os.path.join(folder, "data.npy")
        np.save(data_path, data)
        mapped = np.load(data_path, mmap_mode="r")

        timings = {}
        tic = time.perf_counter()
        expected = window_stats(data, args.size, args.step, threads=1, _cost_ms=args.cost_ms, **opts)
        timings["sequential"] = time.perf_counter() - tic
        tic = time.perf_counter()
        copied = window_stats(data, args.size, args.step, threads=threads, _cost_ms=args.cost_ms, _access="copy", **opts)
        timings["parallel_copy"] = time.perf_counter() - tic
        tic = time.perf_counter()
        shared = window_stats(mapped, args.size, args.step, threads=threads, _cost_ms=args.cost_ms, **opts)
        timings["parallel_shared"] = time.perf_counter() - tic
        runs_agree = bool(np.array_equal(expected, copied) and np.array_equal(expected, shared))

        out_path = os.path.join(folder, "output.npy")
        output = np.lib.format.open_memmap(out_path, mode="w+", dtype=np.float64, shape=(k,))
        tic = time.perf_counter()
        window_stats(mapped, args.size, args.step, threads=threads, _cost_ms=args.write_cost_ms, out=output, **opts)
        write_s = time.perf_counter() - tic
        output.flush()
        del output
        actual = np.array(np.load(out_path, mmap_mode="r"))
        del mapped
    # numpy's own means of the same windows: the independent reference.
    by_numpy = np.array([data[a : a + args.size].mean() for a in range(0, args.len - args.size, args.step)])

    ideal = math.ceil(k / threads) * args.cost_ms / 1e3
    report = {
        "windows": k,
        "len": args.len,
        "size": args.size,
        "step": args.step,
        "threads": threads,
        "cost_ms": args.cost_ms,
        "write_cost_ms": args.write_cost_ms,
        "seed": args.seed,
        "rule": "seed-compatible",
        "stat": "mean",
        "timings_s": timings,
        "ideal_s": ideal,
        "sequential_ideal_s": k * args.cost_ms / 1e3,
        "write_s": write_s,
        "write_ideal_s": math.ceil(k / threads) * args.write_cost_ms / 1e3,
        "runs_agree": runs_agree,
        "max_abs_diff": float(np.max(np.abs(expected - actual))),
        "bit_identical": bool(np.array_equal(expected, actual)),
        "numpy_bit_identical": bool(np.array_equal(by_numpy, actual)),
    }
    if args.json:
        print(json.dumps(report))
        return 0
    rows = [("phase", "time", "ideal", "efficiency")]
    ideals = {"sequential": report["sequential_ideal_s"], "parallel_copy": ideal, "parallel_shared": ideal}
    for phase in PHASES:
        rows.append((phase, f"{timings[phase]:.3f} s", f"{ideals[phase]:.3f} s", f"{ideals[phase] / timings[phase]:.0%}"))
    rows.append(("write_output", f"{write_s:.3f} s", f"{report['write_ideal_s']:.3f} s", f"{report['write_ideal_s'] / write_s:.0%}"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    table = "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)
    print(
        f'memwin demo (from Python): joblib\'s "NumPy memmap in joblib.Parallel"\n'
        f"data:     {args.len} random float64 (seed {args.seed}), dumped to data.npy, mapped read-only\n"
        f"windows:  {k} means of {args.size} values every {args.step}, range(0, n - w, s), {args.cost_ms} ms of simulated work each\n"
        f"threads:  {threads} (ideal = ceil({k}/{threads}) x {args.cost_ms} ms = {ideal:.3f} s)\n\n{table}\n\n"
        f"expected vs actual: the {k} means read back from output.npy are "
        f"{'bit-identical' if report['bit_identical'] else 'NOT bit-identical'} with the sequential ones "
        f"(max abs diff {report['max_abs_diff']:g}); numpy's x[a:b].mean() agrees bit for bit: "
        f"{'yes' if report['numpy_bit_identical'] else 'NO'}; parallel runs agree: {'yes' if runs_agree else 'NO'}"
    )
    return 0 if report["bit_identical"] and runs_agree else 1
