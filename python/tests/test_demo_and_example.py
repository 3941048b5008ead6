"""`python -m memwin demo` and the joblib example run end to end (small sizes) and check their own results."""

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "joblib_vs_memwin.py"


def test_demo_reproduces_the_seed_experiment_in_small():
    args = ["--len", "1e6", "--size", "5e4", "--step", "1e4", "--cost-ms", "2", "--write-cost-ms", "1", "--json"]
    run = subprocess.run([sys.executable, "-m", "memwin", "demo", *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["windows"] == 95  # range(0, n - w, s) leaves out the 96th window
    assert set(report["timings_s"]) == {"sequential", "parallel_copy", "parallel_shared"}
    assert report["bit_identical"] and report["runs_agree"] and report["numpy_bit_identical"]
    assert report["max_abs_diff"] == 0.0
    # The sleeps alone take k x cost sequentially: a run cannot beat its ideal.
    assert report["timings_s"]["sequential"] >= report["sequential_ideal_s"]


def test_demo_refuses_bad_options_with_one_line_and_exit_2():
    run = subprocess.run([sys.executable, "-m", "memwin", "demo", "--size", "0"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip() == "python -m memwin demo: window size must be at least 1, got 0"


def test_the_joblib_example_agrees_with_joblib():
    run = subprocess.run([sys.executable, str(EXAMPLE), "--len", "1e6", "--cost-ms", "1"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "joblib workers wrote" in run.stdout
    assert run.stdout.count("equal: True") == 2 and "memwin sequential == parent:     True" in run.stdout
