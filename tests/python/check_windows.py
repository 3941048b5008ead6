"""Checks memwin's output files against numpy's own per-window statistics.

Usage: python check_windows.py MANIFEST.json

The manifest is a list of runs: {input, output, stat, nan, size, step, seed_windows}. Each output must load
with np.load(path, mmap_mode='r') as float64 of shape (windows,), and match numpy window by window:
x[a:b].mean(dtype=np.float64) (or nanmean under skip), .sum, .min, .max, .var, .std, to rtol 1e-12 plus
an atol of 1e-12 times the window's own scale (mean |x| for mean, ...) for values near 0. Min and max must
be exact. Windows come from sliding_window_view(x, w)[::s], or range(0, n - w, s) with seed_windows.
Prints a JSON summary; exits 1 if anything differs.
"""

import json
import sys
import warnings

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

F64 = np.float64

PROPAGATE = {
    "mean": lambda w: w.mean(dtype=F64),
    "sum": lambda w: w.sum(dtype=F64),
    "min": lambda w: F64(w.min()),
    "max": lambda w: F64(w.max()),
    "var": lambda w: w.var(dtype=F64),
    "std": lambda w: w.std(dtype=F64),
}
SKIP = {
    "mean": lambda w: np.nanmean(w, dtype=F64),
    "sum": lambda w: np.nansum(w, dtype=F64),
    "min": lambda w: F64(np.nanmin(w)),
    "max": lambda w: F64(np.nanmax(w)),
    # numpy's nanvar subtracts the mean in the input's dtype even with dtype=float64 (a float32 window
    # loses ~1e-8), so the window is widened first; var(dtype=float64) above has no such step.
    "var": lambda w: np.nanvar(w.astype(F64)),
    "std": lambda w: np.nanstd(w.astype(F64)),
}


def scale(w, stat):
    """The size of the numbers a statistic's rounding error is relative to."""
    f = w.astype(F64)
    f = f[~np.isnan(f)]
    if f.size == 0:
        return 0.0
    return {
        "mean": np.abs(f).mean(),
        "sum": np.abs(f).sum(),
        "var": (f * f).mean(),
        "std": np.sqrt((f * f).mean()),
    }.get(stat, 0.0)


def windows(x, w, s, seed_windows):
    if seed_windows:
        return [x[a : a + w] for a in range(0, len(x) - w, s)]
    return list(sliding_window_view(x, w)[::s])


def check(run):
    x = np.load(run["input"])
    out = np.load(run["output"], mmap_mode="r")
    problems = []
    ws = windows(x, run["size"], run["step"], run["seed_windows"])
    if not isinstance(out, np.memmap) or out.dtype != F64 or out.shape != (len(ws),):
        return [f"{run['output']}: {type(out).__name__} {out.dtype} {out.shape}, want memmap float64 ({len(ws)},)"]
    fn = (SKIP if run["nan"] == "skip" else PROPAGATE)[run["stat"]]
    for i, w in enumerate(ws):
        want = fn(w)
        got = out[i]
        if np.isnan(want) or np.isnan(got):
            ok = np.isnan(want) and np.isnan(got)
        elif run["stat"] in ("min", "max"):
            ok = got == want
        else:
            ok = abs(got - want) <= 1e-12 * abs(want) + 1e-12 * scale(w, run["stat"])
        if not ok:
            problems.append(f"{run['output']} window {i}: memwin {got!r}, numpy {want!r}")
    return problems


def main(manifest):
    with open(manifest) as f:
        runs = json.load(f)
    problems = []
    values = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of an all-NaN window, on purpose
        for run in runs:
            problems += check(run)
            values += len(np.load(run["output"], mmap_mode="r"))
    print(json.dumps({"runs": len(runs), "values": values, "problems": problems[:20], "failed": len(problems)}))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1])
