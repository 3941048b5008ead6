"""Checks that numpy loads memwin's generated files with the right dtype, shape and values.

Usage: python check_gen.py MANIFEST.json

The manifest is a list of {path, dtype, len, head, tail, nans}: numpy must load each file as that dtype and
shape (1-D, len), its first and last values must equal head and tail (decoded independently by the test,
NaN as null), and it must hold exactly `nans` NaNs. Prints a JSON summary; exits 1 on any difference.
"""

import json
import sys

import numpy as np


def same(a, b):
    return (b is None and np.isnan(a)) or (b is not None and a == b)


def main(manifest):
    with open(manifest) as f:
        files = json.load(f)
    problems = []
    for g in files:
        x = np.load(g["path"], mmap_mode="r")
        if x.dtype != np.dtype(g["dtype"]) or x.shape != (g["len"],):
            problems.append(f"{g['path']}: {x.dtype} {x.shape}, want {g['dtype']} ({g['len']},)")
            continue
        head = [float(v) for v in x[: len(g["head"])]]
        tail = [float(v) for v in x[len(x) - len(g["tail"]) :]]
        if not all(same(a, b) for a, b in zip(head + tail, g["head"] + g["tail"])):
            problems.append(f"{g['path']}: head {head} tail {tail}, want {g['head']} {g['tail']}")
        nans = int(np.isnan(x).sum()) if x.dtype.kind == "f" else 0
        if nans != g["nans"]:
            problems.append(f"{g['path']}: {nans} NaNs, want {g['nans']}")
    print(json.dumps({"files": len(files), "problems": problems}))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1])
