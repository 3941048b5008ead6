"""Rolling statistics (issue 6): memwin against bottleneck, pandas, polars and numpy, on one file, in one run.

    python3 bench/rolling_vs_peers.py [--len 1e7] [--repeat 5] [--threads 2]

It makes its own venv (bench/.venv-peers, with numpy, bottleneck, pandas and polars; quick when present)
and re-runs itself there. It writes a 1e7 float64 offset signal (1e6 + uniform·1e3) to a temporary .npy and:
- R1/R2/R3: rolling mean, step 1, w in {1e3, 1e5, 1e6}: bottleneck move_mean, pandas rolling().mean(),
  polars rolling_mean, numpy's cumsum difference, and memwin two ways: `memwin.window_stats` from Python
  on the array in memory with a new output array each call, as the peers are timed (imported from python/,
  where scripts/test-python.sh builds its extension, and timed in the same rounds as bottleneck, two ways:
  in a loop that drops each result, where memwin reuses the memory and bottleneck's goes back to the
  system, and with every result of both kept, so that every output is new memory), and `memwin compute --step 1 --threads 2 -o out.npy` (its own
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


def import_memwin():
    """memwin's Python package from this tree (python/, where `maturin develop` or scripts/test-python.sh puts
    its extension), imported into this process so that it is timed in the same rounds as bottleneck; None
    when the extension is not built."""
    sys.path.insert(0, os.path.join(ROOT, "python"))
    try:
        import memwin as package
    except ImportError:
        return None
    return package


def rounds(calls, repeat):
    """The best time of each of `calls` (a dict of functions), over `repeat` rounds of one call of each, so
    all of them see the same phases of a noisy machine. Results are dropped at once."""
    times = {name: [] for name in calls}
    for _ in range(repeat):
        for name, f in calls.items():
            tic = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - tic)
    return {name: min(t) for name, t in times.items()}


def kept_rounds(peer, mine, repeat):
    """Best times of a peer's call and memwin's, in the same rounds, with every result of both kept: every
    output is new memory that the OS maps and zeroes on first write (in a loop that drops each result, the
    peer's memory goes back to the system while memwin writes the next result into the last one's,
    python/src/outputs.rs). Two more rounds run first, untimed: their calls take up memwin's spare buffers.
    Returns (peer, memwin)."""
    kept = []
    keep = {"peer": lambda: kept.append(peer()), "mine": lambda: kept.append(mine())}
    rounds(keep, 2)
    fresh = rounds(keep, repeat)
    return fresh["peer"], fresh["mine"]


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

    mw = import_memwin()
    if mw is None:
        sys.exit("rolling_vs_peers: memwin's Python extension is not built: run bash scripts/test-python.sh")
    print(f"\n{n:,} float64, 1e6 + uniform·1e3, step 1, best of {R}, ms; memwin on {T} threads, in memory "
          f"(`memwin.window_stats` on the loaded array, timed in the same rounds as bottleneck, a new output "
          f"array each call: in a loop that drops each result, where memwin reuses its memory and bottleneck's "
          f"goes back to the system, and with every result of both kept, so every output is new memory) and "
          f"file to file "
          f"(`memwin compute x.npy -o out.npy`: kernel time over the maps, whole process in brackets); max rel. "
          f"error of the mean over 200 sampled windows vs math.fsum\n")
    print(f"`x.sum()` takes {ms(best(lambda: x.sum(), R)[0])} ms.\n")
    print("| w | bottleneck move_mean, loop / kept | pandas rolling | polars rolling_mean | numpy cumsum diff | "
          "memwin in memory, loop / kept | memwin file to file | memwin / bottleneck, loop / kept |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    errors, mean_times, kept_times, bn_mean, bn_kept = {}, {}, {}, {}, {}
    xs = pl.Series(x)
    ws = [1_000, 100_000, 1_000_000]
    # In a loop: every w of both in the same rounds, so R2's ratio between ws compares calls timed side by side.
    loop_calls = {}
    for w in ws:
        loop_calls[("bottleneck", w)] = lambda w=w: bn.move_mean(x, w)
        loop_calls[("memwin", w)] = lambda w=w: mw.window_stats(x, w, 1, threads=T)
    loop = rounds(loop_calls, R)
    for w in ws:
        k = n - w + 1
        starts = sample_rng.integers(0, k, 200)
        v_bn = bn.move_mean(x, w)
        t_bn, t_mw = loop[("bottleneck", w)], loop[("memwin", w)]
        t_bn_kept, t_kept = kept_rounds(lambda: bn.move_mean(x, w), lambda: mw.window_stats(x, w, 1, threads=T), R)
        mean_times[w], kept_times[w], bn_mean[w], bn_kept[w] = t_mw, t_kept, t_bn, t_bn_kept
        t_pd, v_pd = best(lambda: pd.Series(x).rolling(w).mean().to_numpy(), R)
        t_pl, v_pl = best(lambda: xs.rolling_mean(w).to_numpy(), R)

        def cumsum_diff():
            c = np.concatenate(([0.0], np.cumsum(x)))
            return (c[w:] - c[:-w]) / w

        t_np, v_np = best(cumsum_diff, R)
        t_file, wall, used, v_mw = memwin(path, out, w, 1, "mean", "auto", T, R)
        errors[w] = {
            "bottleneck": max_rel_error(x, w, v_bn[w - 1:], starts),
            "pandas": max_rel_error(x, w, v_pd[w - 1:], starts),
            "polars": max_rel_error(x, w, v_pl[w - 1:], starts),
            "numpy cumsum": max_rel_error(x, w, v_np, starts),
            f"memwin ({used})": max_rel_error(x, w, v_mw, starts),
        }
        print(f"| {w:,} | {ms(t_bn)} / {ms(t_bn_kept)} | {ms(t_pd)} | {ms(t_pl)} | {ms(t_np)} | {ms(t_mw)} / "
              f"{ms(t_kept)} | {ms(t_file)} ({ms(wall)}) {used} | {t_mw / t_bn:.2f} / {t_kept / t_bn_kept:.2f} |")
    print("\nmax relative error of the mean, 200 sampled windows:\n")
    print("| method | " + " | ".join(f"w = {w:,}" for w in errors) + " |")
    print("|---|" + "---:|" * len(errors) + "")
    for m in errors[1_000]:
        print(f"| {m} | " + " | ".join(f"{errors[w][m]:.1e}" for w in errors) + " |")

    r1 = max(mean_times[w] / bn_mean[w] for w in mean_times)
    r1_kept = max(kept_times[w] / bn_kept[w] for w in kept_times)
    verdicts.append(("R1", r1 <= 1.0, f"memwin / bottleneck move_mean, worst w: {r1:.2f} in a loop, {r1_kept:.2f} "
                     f"with every result kept"))
    r2 = max(mean_times.values()) / min(mean_times.values())
    r2_kept = max(kept_times.values()) / min(kept_times.values())
    verdicts.append(("R2", r2 <= 1.25, f"slowest w / fastest w: {r2:.2f} in a loop ({r2_kept:.2f} kept)"))
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
    peers = {"mean": bn.move_mean, "std": bn.move_std, "min": bn.move_min, "max": bn.move_max}
    # Every stat of both in the same rounds: the ratios to the mean compare calls timed side by side.
    calls = {}
    for stat, f in peers.items():
        calls[("bottleneck", stat)] = lambda f=f: f(x, w)
        calls[("memwin", stat)] = lambda stat=stat: mw.window_stats(x, w, 1, stat=stat, threads=T)
    best_of = rounds(calls, R)
    for stat in peers:
        t_bn, t_mw = best_of[("bottleneck", stat)], best_of[("memwin", stat)]
        t_file, _, used, v_mw = memwin(path, out, w, 1, stat, "auto", T, R)
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
    print(f"\nw = {w:,}: auto against each strategy forced by hand (kernel ms, best of {2 * R} in rounds of one run "
          f"each, {T} threads):\n")
    print("| step | windows | per-window | blocked | sliding | auto | auto / best |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    worst_r5 = 0.0
    for s in [1, 7, 100, 1_000, 100_000]:
        k = (n - w) // s + 1
        g = math.gcd(w, s)
        work = {"per-window": k * w, "blocked": k * w // g + n, "sliding": 2 * n}
        # Left out: a forced run whose O(k·w/g) work would take minutes.
        runnable = [st for st in work if work[st] <= 3e10] + ["auto"]
        # One run of each per round, so all see the same phases of a noisy machine.
        times, used = {st: [] for st in runnable}, None
        # Twice the rounds: these runs take milliseconds, where the machine's noise weighs the most.
        for _ in range(2 * R):
            for st in runnable:
                t, _, u, _ = memwin(path, out, w, s, "mean", st, T, 1)
                times[st].append(t)
                used = u if st == "auto" else used
        forced = {st: min(times[st]) for st in runnable if st != "auto"}
        row = [ms(forced[st]) if st in forced else f"- (O(k·w/g) = {work[st]:.0e})" for st in work]
        t_auto = min(times["auto"])
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
