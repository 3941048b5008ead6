"""joblib's example "NumPy memmap in joblib.Parallel", and memwin on the same memmap, side by side.

    python python/examples/joblib_vs_memwin.py [--len 1e7] [--jobs 2] [--cost-ms 10]

Each step of joblib's example runs as joblib writes it (the left column) and then as one memwin call (the
right column): the same data, the same windows range(0, n - w, s), the same 10 ms of simulated work per
window (memwin's private ``_cost_ms``, a sleep in each task as joblib's ``time.sleep``), the same memmaps.
At the end, the means joblib's workers wrote into the output memmap and the ones memwin's threads wrote into
their own are compared with the means computed in the parent process.
"""

import argparse
import os
import shutil
import tempfile
import time

import numpy as np
from joblib import Parallel, delayed, dump, load

import memwin


def slow_mean(data, sl, cost):
    """joblib's task: simulate some work, then the mean of one slice."""
    time.sleep(cost)
    return data[sl].mean()


def slow_mean_write_output(data, sl, output, idx, cost):
    """joblib's task that writes its mean straight into the shared output memmap."""
    time.sleep(cost)
    output[idx] = data[sl].mean()


def timed(fn):
    tic = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - tic


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--len", type=float, default=1e7)
    p.add_argument("--jobs", type=int, default=2, help="joblib's n_jobs and memwin's threads")
    p.add_argument("--cost-ms", type=float, default=10.0)
    args = p.parse_args()
    n, jobs, cost = int(args.len), args.jobs, args.cost_ms / 1e3
    window_size, step = int(5e5 * n / 1e7), int(1e5 * n / 1e7)
    mw = dict(seed_windows=True, strategy="per-window", _cost_ms=args.cost_ms)  # range(0, n - w, s)

    data = np.random.random((n,))
    slices = [slice(start, start + window_size) for start in range(0, data.size - window_size, step)]
    rows = []

    # 1. Sequentially, in the parent process.
    results, t_joblib = timed(lambda: [slow_mean(data, sl, cost) for sl in slices])
    mine, t_memwin = timed(lambda: memwin.window_stats(data, window_size, step, threads=1, **mw))
    rows.append(("sequential", t_joblib, t_memwin))

    # 2. In parallel over the in-memory array (joblib memmaps it for its workers behind the scenes).
    Parallel(n_jobs=jobs)(delayed(abs)(i) for i in range(jobs))  # start the workers before timing
    _, t_joblib = timed(lambda: Parallel(n_jobs=jobs)(delayed(slow_mean)(data, sl, cost) for sl in slices))
    _, t_memwin = timed(lambda: memwin.window_stats(data, window_size, step, threads=jobs, **mw))
    rows.append(("parallel, in memory", t_joblib, t_memwin))

    folder = tempfile.mkdtemp(prefix="joblib_memmap_")
    try:
        # 3. In parallel over a dumped-and-loaded memmap: both read the same map.
        data_filename_memmap = os.path.join(folder, "data_memmap")
        dump(data, data_filename_memmap)
        data = load(data_filename_memmap, mmap_mode="r")
        _, t_joblib = timed(lambda: Parallel(n_jobs=jobs)(delayed(slow_mean)(data, sl, cost) for sl in slices))
        _, t_memwin = timed(lambda: memwin.window_stats(data, window_size, step, threads=jobs, **mw))
        rows.append(("parallel, over the memmap", t_joblib, t_memwin))

        # 4. Workers writing into a shared output memmap (5 ms each, as in the example).
        output = np.memmap(os.path.join(folder, "output_memmap"), dtype=data.dtype, shape=len(slices), mode="w+")
        ours = np.lib.format.open_memmap(os.path.join(folder, "memwin_output.npy"), mode="w+", dtype=np.float64, shape=(len(slices),))
        _, t_joblib = timed(
            lambda: Parallel(n_jobs=jobs)(
                delayed(slow_mean_write_output)(data, sl, output, idx, cost / 2) for idx, sl in enumerate(slices)
            )
        )
        _, t_memwin = timed(lambda: memwin.window_stats(data, window_size, step, threads=jobs, out=ours, **dict(mw, _cost_ms=args.cost_ms / 2)))
        rows.append(("parallel, writing an output memmap", t_joblib, t_memwin))

        print(f"{len(slices)} windows of {window_size} over {n} float64, step {step}, {args.cost_ms} ms per window, {jobs} workers\n")
        print(f"{'step':<36}{'joblib':>10}{'memwin':>10}")
        for name, a, b in rows:
            print(f"{name:<36}{a:>9.3f}s{b:>9.3f}s")
        expected = np.array(results)
        print(f"\nexpected means (parent process): {expected[:3]} ...")
        print(f"joblib workers wrote:            {np.asarray(output)[:3]} ... equal: {np.array_equal(expected, output)}")
        print(f"memwin threads wrote:            {np.asarray(ours)[:3]} ... equal: {np.array_equal(expected, ours)}")
        print(f"memwin sequential == parent:     {np.array_equal(expected, mine)}")
        ok = np.array_equal(expected, output) and np.array_equal(expected, ours) and np.array_equal(expected, mine)
        del output, ours, data
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
