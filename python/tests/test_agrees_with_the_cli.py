"""The package and the memwin command compute the same bits on the same file."""

import json
import subprocess

import numpy as np
import pytest

import memwin

CASES = [
    dict(size=5000, step=1000, stat="mean", nan="propagate"),
    dict(size=777, step=13, stat="var", nan="skip"),
    dict(size=64, step=1, stat="sum", nan="propagate"),
    dict(size=3000, step=5000, stat="std", nan="skip"),
    dict(size=5000, step=1000, stat="max", nan="skip", seed_windows=True),
]


@pytest.mark.parametrize("dtype", ["float64", "float32", "int16", "uint8"])
def test_bit_identical_to_memwin_compute(tmp_path, rng, memwin_cli, dtype):
    x = (rng.standard_normal(60_000) * 100).astype(dtype) if dtype.startswith("float") else rng.integers(0, 200, 60_000).astype(dtype)
    if dtype.startswith("float"):
        x[::97] = np.nan
    path = tmp_path / "x.npy"
    np.save(path, x)
    mapped = np.load(path, mmap_mode="r")
    for case in CASES:
        strategies = [s for s in memwin.STRATEGIES] if case is CASES[0] else ["auto"]
        for strategy in strategies:
            args = [str(memwin_cli), "compute", str(path), "--size", str(case["size"]), "--step", str(case["step"])]
            args += ["--stat", case["stat"], "--nan", case["nan"], "--strategy", strategy, "--threads", "2", "--json"]
            if case.get("seed_windows"):
                args.append("--seed-windows")
            run = subprocess.run(args, capture_output=True, text=True, check=True)
            report = json.loads(run.stdout)
            # JSON keeps the shortest round-trip decimal; NaN and the infinities are "NaN", "Infinity", "-Infinity".
            want = np.array([float(v) for v in report["values"]], dtype=np.float64)
            got = memwin.window_stats(mapped, case["size"], case["step"], stat=case["stat"], nan=case["nan"], seed_windows=case.get("seed_windows", False), strategy=strategy, threads=2)
            assert got.tobytes() == want.tobytes(), (case, strategy)
