"""Writes the numpy-side inputs of the interop tests into a folder and prints their manifest as JSON.

Usage: python make_arrays.py OUTDIR

Every dtype memwin reads, in .npy versions 1.0 (np.save), 2.0 and 3.0 (np.lib.format.write_array), plus
float arrays with NaNs (scattered, and one all-NaN stretch longer than a window) for --nan skip, and the
files memwin must refuse (complex, 2-D, big-endian, ...).
"""

import json
import os
import sys

import numpy as np

N = 2000


def values(dtype, rng):
    dt = np.dtype(dtype)
    if dt.kind == "f":
        # Not centred on 0, and spread, so that var and mean both carry many significant digits.
        return (rng.standard_normal(N) * 1e3 + 250.0).astype(dt)
    if dt == np.int64:
        return rng.integers(-(2**62), 2**62, N, dtype=np.int64)
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, N, dtype=dt, endpoint=True)


def save(path, a, version):
    if version == (1, 0):
        np.save(path, a)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, a, version=version)


def main(out):
    rng = np.random.default_rng(20240611)
    good = []
    for dtype in ["float64", "float32", "int64", "int32", "int16", "uint16", "uint8"]:
        a = values(dtype, rng)
        for version in [(1, 0), (2, 0), (3, 0)]:
            name = f"{dtype}-v{version[0]}.npy"
            save(os.path.join(out, name), a, version)
            good.append({"name": name, "dtype": dtype, "version": f"{version[0]}.{version[1]}", "nans": False})
    for dtype in ["float64", "float32"]:
        a = values(dtype, rng)
        a[rng.random(N) < 0.03] = np.nan
        a[700:900] = np.nan  # longer than any window the tests use: all-NaN windows
        name = f"{dtype}-nans.npy"
        np.save(os.path.join(out, name), a)
        good.append({"name": name, "dtype": dtype, "version": "1.0", "nans": True})

    bad = {
        "complex128.npy": (np.zeros(10, np.complex128), "<c16"),
        "big-endian.npy": (np.arange(10, dtype=">f8"), ">f8"),
        "big-endian-i4.npy": (np.arange(10, dtype=">i4"), ">i4"),
        "two-d.npy": (np.zeros((4, 5)), "(4, 5)"),
        "fortran-2d.npy": (np.asfortranarray(np.zeros((4, 5))), "(4, 5)"),
        "scalar.npy": (np.array(1.5), "()"),
        "float16.npy": (np.zeros(10, np.float16), "<f2"),
        "bool.npy": (np.zeros(10, np.bool_), "|b1"),
        "int8.npy": (np.zeros(10, np.int8), "|i1"),
        "structured.npy": (np.zeros(10, dtype=[("a", "<f8"), ("b", "<i4")]), "structured"),
    }
    refused = []
    for name, (a, names) in bad.items():
        np.save(os.path.join(out, name), a)
        refused.append({"name": name, "names": names})
    print(json.dumps({"good": good, "bad": refused, "len": N}))


if __name__ == "__main__":
    main(sys.argv[1])
