"""Rolling statistics (issue 6): memwin against bottleneck, pandas, polars and numpy, on one file, in one run.

    python3 bench/rolling_vs_peers.py [--len 1e7] [--repeat 5] [--threads 2]

It makes its own venv (bench/.venv-peers, with numpy, bottleneck, pandas and polars; quick when present)
and re-runs itself there. It writes a 1e7 float64 offset signal (1e6 + uniform·1e3) to a temporary .npy and:
- R1/R2/R3: rolling mean, step 1, w in {1e3, 1e5, 1e6}: bottleneck move_mean, pandas rolling().mean(),
  polars rolling_mean, numpy's cumsum difference, and memwin two ways: `memwin.window_stats` from Python
  on the array in memory with a new output array each call, as the peers are timed (in the project's .venv,
  where scripts/test-python.sh installs it; in a loop that drops each result, so memwin reuses its memory,
  and with every result kept, so each output is fresh memory), and `memwin compute --step 1 --threads 2 -o out.npy` (its own
  `elapsed_s` over the maps, and the whole process in brackets), best of --repeat; then the largest
  relative error of each over 200 sampled windows against math.fsum(window) / w. R1, R2 and R4 use the
  in-memory times;
- R4: std, min and max at step 1 against the mean, memwin and bottleneck (move_std, move_min, move_max);
- R5: w = 1e5, s in {1, 7, 100, 1e3, 1e5}: memwin auto against each strategy forced by hand (a forced run
  is left out when its O(k·w) work would take minutes, and says so).
Prints Markdown tables and a verdict for each target. memwin is built with
`cargo build --release -p memwin-cli` when target/release/memwin is missing.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "bench", ".venv-peers")
PY = os.path.join(VENV, "bin", "python")
PEERS = ["numpy", "bottleneck", "pandas", "polars"]


def ensure_venv():
    """Runs this script inside bench/.venv-peers, creating it first if need be."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    check = "import numpy, bottleneck, pandas, polars"
    if not (os.path.exists(PY) and subprocess.run([PY, "-c", check], capture_output=True).returncode == 0):
        print(f"rolling_vs_peers: installing {', '.join(PEERS)} into bench/.venv-peers", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PEERS], check=True)
    os.execv(PY, [PY, os.path.abspath(__file__), *sys.argv[1:]])


ensure_venv()

import bottleneck as bn  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402

# MEMWIN=path/to/memwin picks another build (e.g. one in a private CARGO_TARGET_DIR).
EXE = os.environ.get("MEMWIN", os.path.join(ROOT, "target", "release", "memwin"))


def best(f, repeat):
    times, r = [], None
    for _ in range(repeat):
        tic = time.perf_counter()
        r = f()
        times.append(time.perf_counter() - tic)
    return min(times), r


def memwin(path, out, w, s, stat, strategy, threads, repeat):
    """Best kernel time (elapsed_s), best whole-process time, the strategy used, and the values (mapped)."""
    kernel, wall, used = [], [], None
    for _ in range(repeat):
        tic = time.perf_counter()
        r = subprocess.run(
            [EXE, "compute", path, "--size", str(w), "--step", str(s), "--stat", stat, "--strategy", strategy,
             "--threads", str(threads), "-o", out, "--force", "--json"], check=True, capture_output=True, text=True)
        wall.append(time.perf_counter() - tic)
        j = json.loads(r.stdout)
        kernel.append(j["elapsed_s"])
        used = j["strategy"]
    return min(kernel), min(wall), used, np.load(out, mmap_mode="r")


# memwin from Python, as bottleneck is timed: in-process, the input in memory (np.load), a new output array
# each call, two ways. "reused": each result is dropped before the next call, as in a loop, so memwin writes
# into the memory of the last one (python/src/outputs.rs); "fresh": every result is kept, so each call's
# output is new memory that the OS maps and zeroes on first write, as every bottleneck call's is. It runs in
# the project's .venv, where `bash scripts/test-python.sh` (or `cd python && maturin develop --release`)
# installed the package; this venv has only the peers.
IN_MEMORY = r"""
import json, sys, time
import numpy as np
import memwin
path, w, s, stat, threads, repeat = sys.argv[1], *map(int, sys.argv[2:4]), sys.argv[4], *map(int, sys.argv[5:7])
x = np.load(path)
reused, fresh, kept = [], [], []
for _ in range(repeat):
    tic = time.perf_counter()
    memwin.window_stats(x, w, s, stat=stat, threads=threads)
    reused.append(time.perf_counter() - tic)
for _ in range(repeat):
    tic = time.perf_counter()
    kept.append(memwin.window_stats(x, w, s, stat=stat, threads=threads))
    fresh.append(time.perf_counter() - tic)
print(json.dumps([min(reused), min(fresh)]))
"""
PROJECT_PY = os.path.join(ROOT, ".venv", "bin", "python")


def memwin_in_memory(path, w, s, stat, threads, repeat):
    """Best times of memwin.window_stats over the array in memory, (reused output memory, fresh output
    memory); None without the project's .venv."""
    if not os.path.exists(PROJECT_PY):
        return None
    r = subprocess.run([PROJECT_PY, "-c", IN_MEMORY, path, str(w), str(s), stat, str(threads), str(repeat)],
                       capture_output=True, text=True)
    return tuple(json.loads(r.stdout)) if r.returncode == 0 else None


def max_rel_error(x, w, values, starts):
    """values[i] is the mean of x[i:i+w]; the largest relative error against fsum over the sampled starts."""
    worst = 0.0
    for i in starts:
        exact = math.fsum(x[i:i + w]) / w
        worst = max(worst, abs(values[i] - exact) / abs(exact))
    return worst


def ms(t):
    return f"{t * 1e3:,.1f}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--len", type=float, default=1e7)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    n, R, T = int(a.len), a.repeat, a.threads
    if not os.path.exists(EXE):
        subprocess.run(["cargo", "build", "--release", "-p", "memwin-cli"], cwd=ROOT, check=True)
    x = 1e6 + np.random.default_rng(0).random(n) * 1e3
    tmp = tempfile.mkdtemp(prefix="memwin-rolling-")
    path, out = os.path.join(tmp, "x.npy"), os.path.join(tmp, "out.npy")
    np.save(path, x)
    sample_rng = np.random.default_rng(1)
    verdicts = []

    if memwin_in_memory(path, 10, 1, "mean", 1, 1) is None:
        sys.exit("rolling_vs_peers: memwin's Python package is missing from .venv: run bash scripts/test-python.sh")
    print(f"\n{n:,} float64, 1e6 + uniform·1e3, step 1, best of {R}, ms; memwin on {T} threads, in memory "
          f"(`memwin.window_stats` on the loaded array, a new output array each call, as bottleneck is timed: "
          f"in a loop that drops each result, so its memory is reused, and with every result kept, so each "
          f"output is fresh memory) and file to file "
          f"(`memwin compute x.npy -o out.npy`: kernel time over the maps, whole process in brackets); max rel. "
          f"error of the mean over 200 sampled windows vs math.fsum\n")
    print(f"`x.sum()` takes {ms(best(lambda: x.sum(), R)[0])} ms.\n")
    print("| w | bottleneck move_mean | pandas rolling | polars rolling_mean | numpy cumsum diff | "
          "memwin in memory, reused / fresh output memory | memwin file to file | memwin / bottleneck, "
          "reused / fresh |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    errors, mean_times, fresh_times, bn_mean = {}, {}, {}, {}
    xs = pl.Series(x)
    for w in [1_000, 100_000, 1_000_000]:
        k = n - w + 1
        starts = sample_rng.integers(0, k, 200)
        t_bn, v_bn = best(lambda: bn.move_mean(x, w), R)
        t_pd, v_pd = best(lambda: pd.Series(x).rolling(w).mean().to_numpy(), R)
        t_pl, v_pl = best(lambda: xs.rolling_mean(w).to_numpy(), R)

        def cumsum_diff():
            c = np.concatenate(([0.0], np.cumsum(x)))
            return (c[w:] - c[:-w]) / w

        t_np, v_np = best(cumsum_diff, R)
        t_file, wall, used, v_mw = memwin(path, out, w, 1, "mean", "auto", T, R)
        t_mw, t_fresh = memwin_in_memory(path, w, 1, "mean", T, R)
        mean_times[w], fresh_times[w], bn_mean[w] = t_mw, t_fresh, t_bn
        errors[w] = {
            "bottleneck": max_rel_error(x, w, v_bn[w - 1:], starts),
            "pandas": max_rel_error(x, w, v_pd[w - 1:], starts),
            "polars": max_rel_error(x, w, v_pl[w - 1:], starts),
            "numpy cumsum": max_rel_error(x, w, v_np, starts),
            f"memwin ({used})": max_rel_error(x, w, v_mw, starts),
        }
        print(f"| {w:,} | {ms(t_bn)} | {ms(t_pd)} | {ms(t_pl)} | {ms(t_np)} | {ms(t_mw)} / {ms(t_fresh)} | "
              f"{ms(t_file)} ({ms(wall)}) {used} | {t_mw / t_bn:.2f} / {t_fresh / t_bn:.2f} |")
    print("\nmax relative error of the mean, 200 sampled windows:\n")
    print("| method | " + " | ".join(f"w = {w:,}" for w in errors) + " |")
    print("|---|" + "---:|" * len(errors) + "")
    for m in errors[1_000]:
        print(f"| {m} | " + " | ".join(f"{errors[w][m]:.1e}" for w in errors) + " |")

    r1 = max(mean_times[w] / bn_mean[w] for w in mean_times)
    r1_fresh = max(fresh_times[w] / bn_mean[w] for w in fresh_times)
    verdicts.append(("R1", r1 <= 1.0, f"memwin / bottleneck move_mean, worst w: {r1:.2f} in a loop (output memory "
                     f"reused), {r1_fresh:.2f} with every result kept (fresh output memory, as bottleneck's)"))
    r2 = max(mean_times.values()) / min(mean_times.values())
    r2_fresh = max(fresh_times.values()) / min(fresh_times.values())
    verdicts.append(("R2", r2 <= 1.25, f"slowest w / fastest w: {r2:.2f} (fresh output memory: {r2_fresh:.2f})"))
    r3 = max(e for m, e in errors_flat(errors) if m.startswith("memwin"))
    verdicts.append(("R3", r3 <= 2.5e-16, f"memwin's max rel. error {r3:.2e} (bottleneck "
                     f"{max(e for m, e in errors_flat(errors) if m == 'bottleneck'):.1e})"))

    # R4: std, min, max against the mean, w = 1e3 (the same job as R1's first row).
    w = 1_000
    print(f"\nstd, min and max at step 1, w = {w:,}, against the mean (ms, best of {R}; memwin in memory in a "
          f"loop, its output memory reused, file to file in brackets):\n")
    print("| stat | bottleneck | memwin | memwin / its mean | bottleneck / its mean | memwin / bottleneck |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios = {}
    for stat, f in [("mean", bn.move_mean), ("std", bn.move_std), ("min", bn.move_min), ("max", bn.move_max)]:
        t_bn, v_bn = best(lambda: f(x, w), R)
        t_file, _, used, v_mw = memwin(path, out, w, 1, stat, "auto", T, R)
        t_mw, _ = memwin_in_memory(path, w, 1, stat, T, R)
        for i in sample_rng.integers(0, n - w + 1, 20):
            ref = getattr(np, stat)(x[i:i + w])
            assert abs(v_mw[i] - ref) <= 1e-12 * abs(ref), (stat, i, v_mw[i], ref)
        if stat == "mean":
            base_mw, base_bn = t_mw, t_bn
        ratios[stat] = t_mw / base_mw
        print(f"| {stat} | {ms(t_bn)} | {ms(t_mw)} ({ms(t_file)}) {used} | {t_mw / base_mw:.2f} | "
              f"{t_bn / base_bn:.2f} | {t_mw / t_bn:.2f} |")
    verdicts.append(("R4", ratios["std"] <= 2.0 and max(ratios["min"], ratios["max"]) <= 1.5,
                     f"std {ratios['std']:.2f}× the mean (≤ 2), min {ratios['min']:.2f}×, max {ratios['max']:.2f}× "
                     f"(≤ 1.5)"))

    # R5: auto against every strategy forced by hand.
    w = 100_000
    print(f"\nw = {w:,}: auto against each strategy forced by hand (kernel ms, best of {R}, {T} threads):\n")
    print("| step | windows | per-window | blocked | sliding | auto | auto / best |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    worst_r5 = 0.0
    for s in [1, 7, 100, 1_000, 100_000]:
        k = (n - w) // s + 1
        g = math.gcd(w, s)
        row, forced = [], {}
        for strategy, work in [("per-window", k * w), ("blocked", k * w // g + n), ("sliding", 2 * n)]:
            if work > 3e10:
                row.append(f"- (O(k·w/g) = {work:.0e})")
                continue
            t, _, _, _ = memwin(path, out, w, s, "mean", strategy, T, R)
            forced[strategy] = t
            row.append(ms(t))
        t_auto, _, used, _ = memwin(path, out, w, s, "mean", "auto", T, R)
        ratio = t_auto / min(forced.values())
        worst_r5 = max(worst_r5, ratio)
        print(f"| {s:,} | {k:,} | " + " | ".join(row) + f" | {ms(t_auto)} {used} | {ratio:.2f} |")
    verdicts.append(("R5", worst_r5 <= 1.2, f"auto / best forced, worst step: {worst_r5:.2f}"))

    print("\n| target | met | measured |")
    print("|---|---|---|")
    for name, ok, what in verdicts:
        print(f"| {name} | {'met' if ok else 'NOT met'} | {what} |")
    for f in (path, out):
        os.remove(f)
    os.rmdir(tmp)


def errors_flat(errors):
    return [(m, e) for per_w in errors.values() for m, e in per_w.items()]


if __name__ == "__main__":
    main()
