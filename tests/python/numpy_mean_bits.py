"""Per-window float64 means, bit for bit: memwin's per-window strategy against numpy's own x[a:b].mean().

Usage:
  python numpy_mean_bits.py make DIR        writes the inputs to DIR, prints them as JSON
  python numpy_mean_bits.py check MANIFEST  compares memwin's outputs with numpy's, prints a JSON summary

Both sum pairwise (numpy's pairwise_sum: 8 accumulators up to 128 elements, then halves at a multiple of 8)
and divide by the count once, so the bits must agree, not just the first 12 digits. The inputs are hard on
purpose: a large offset, mixed magnitudes, alternating signs of large numbers. NaN-free windows are compared
with x[a:b].mean() and x[a:b].sum(); windows with NaNs under skip with np.nanmean and np.nansum (which sum
a copy with the NaNs zeroed, as memwin does), under propagate they must be NaN.

The manifest is a list of runs: {input, output, size, step, stat, nan}. Exits 1 if any bit differs.
"""

import json
import sys
import warnings
from pathlib import Path

import numpy as np

N = 300_007  # odd, and long enough for one window to be split across threads (pieces of 2**16 or more)


def inputs(rng):
    """The hard float64 arrays, by name."""
    u = rng.random(N)
    mixed = rng.standard_normal(N) * 10.0 ** rng.integers(-8, 9, N)
    alternating = (1.0 + rng.random(N)) * 1e6 * np.where(np.arange(N) % 2 == 0, 1.0, -1.0)
    with_nans = rng.standard_normal(N) + 3.0
    with_nans[rng.integers(0, N, N // 500)] = np.nan
    with_nans[1000:1300] = np.nan  # whole windows of NaN for the short sizes
    return {
        "uniform": u,
        "offset": 1e8 + rng.standard_normal(N),
        "mixed": mixed,
        "alternating": alternating,
        "with_nans": with_nans,
    }


def make(folder):
    rng = np.random.default_rng(20261127)
    made = []
    for name, x in inputs(rng).items():
        path = Path(folder) / f"{name}.npy"
        np.save(path, x.astype("<f8"))
        made.append({"name": name, "path": str(path), "len": len(x), "nans": int(np.isnan(x).sum())})
    print(json.dumps(made))


def expected(w, stat, nan):
    if nan == "skip":
        return {"mean": np.nanmean, "sum": np.nansum}[stat](w)
    return {"mean": w.mean, "sum": w.sum}[stat]()


def check(manifest):
    with open(manifest) as f:
        runs = json.load(f)
    problems = []
    failed = 0
    values = 0
    nan_values = 0
    for run in runs:
        x = np.load(run["input"])
        out = np.load(run["output"])
        size, step = run["size"], run["step"]
        starts = range(0, len(x) - size + 1, step)
        if out.dtype != np.float64 or out.shape != (len(starts),):
            problems.append(f"{run['output']}: {out.dtype} {out.shape}, want float64 ({len(starts)},)")
            failed += 1
            continue
        want = np.array([expected(x[a : a + size], run["stat"], run["nan"]) for a in starts], dtype=np.float64)
        both_nan = np.isnan(want) & np.isnan(out)
        differ = (want.view(np.uint64) != out.view(np.uint64)) & ~both_nan
        values += len(out)
        nan_values += int(both_nan.sum())
        failed += int(differ.sum())
        for i in np.flatnonzero(differ)[:5]:
            problems.append(
                f"{Path(run['input']).name} size {size} step {step} {run['stat']} {run['nan']} window {i}: "
                f"memwin {float(out[i]).hex()}, numpy {float(want[i]).hex()}"
            )
    summary = {"runs": len(runs), "values": values, "nan_values": nan_values, "failed": failed}
    print(json.dumps({**summary, "problems": problems[:20]}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of an all-NaN window, on purpose
    {"make": make, "check": check}[sys.argv[1]](sys.argv[2])
