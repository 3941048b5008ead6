"""Every dtype, stat, NaN policy and strategy against numpy's own per-window statistics."""

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

import memwin

F64 = np.float64
DTYPES = ["float64", "float32", "int64", "int32", "int16", "uint16", "uint8"]

NUMPY = {
    ("mean", "propagate"): lambda w: w.mean(dtype=F64),
    ("sum", "propagate"): lambda w: w.sum(dtype=F64),
    ("min", "propagate"): lambda w: F64(w.min()),
    ("max", "propagate"): lambda w: F64(w.max()),
    ("var", "propagate"): lambda w: w.astype(F64).var(),
    ("std", "propagate"): lambda w: w.astype(F64).std(),
    ("mean", "skip"): lambda w: np.nanmean(w.astype(F64)),
    ("sum", "skip"): lambda w: np.nansum(w.astype(F64)),
    ("min", "skip"): lambda w: F64(np.nanmin(w)),
    ("max", "skip"): lambda w: F64(np.nanmax(w)),
    ("var", "skip"): lambda w: np.nanvar(w.astype(F64)),
    ("std", "skip"): lambda w: np.nanstd(w.astype(F64)),
}


def sample(rng, dtype, n):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        x = (rng.standard_normal(n) * 1e3 + 5e3).astype(dtype)
        x[rng.choice(n, n // 50, replace=False)] = np.nan
        return x
    info = np.iinfo(dtype)
    lo, hi = max(info.min, -(2**40)), min(info.max, 2**40)
    return rng.integers(lo, hi, n, endpoint=True, dtype=dtype)


def numpy_windows(x, size, step, stat, nan):
    fn = NUMPY[(stat, nan)]
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.array([fn(w) for w in sliding_window_view(x, size)[::step]])


def assert_close(got, want, x, stat):
    assert got.dtype == F64 and got.shape == want.shape
    assert np.array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(want)
    if stat in ("min", "max"):
        assert np.array_equal(got[ok], want[ok])
    else:
        scale = float(np.nanmax(np.abs(x.astype(F64)))) ** (2 if stat == "var" else 1)
        scale *= 300 if stat == "sum" else 1
        np.testing.assert_allclose(got[ok], want[ok], rtol=1e-12, atol=1e-12 * scale)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stat", ["mean", "sum", "min", "max", "var", "std"])
def test_every_dtype_and_stat_matches_numpy(rng, dtype, stat):
    x = sample(rng, dtype, 1501)
    nans = ["propagate", "skip"] if np.dtype(dtype).kind == "f" else ["propagate"]
    for nan in nans:
        for size, step in [(300, 70), (64, 3), (50, 120)]:
            got = memwin.window_stats(x, size, step, stat=stat, nan=nan, threads=2)
            assert_close(got, numpy_windows(x, size, step, stat, nan), x, stat)


@pytest.mark.parametrize("strategy", memwin.STRATEGIES)
def test_every_strategy_the_kernel_names_matches_numpy(rng, strategy):
    # The kernel's list, not one written here: a strategy added to the kernel is tested as it lands.
    x = sample(rng, "float64", 5000)
    for stat in ["mean", "var", "max"]:
        for nan in ["propagate", "skip"]:
            got = memwin.window_stats(x, 500, 25, stat=stat, nan=nan, strategy=strategy, threads=2)
            assert_close(got, numpy_windows(x, 500, 25, stat, nan), x, stat)


def test_float64_means_are_bit_identical_to_numpy_slices(rng):
    x = rng.random(200_000)
    got = memwin.window_stats(x, 50_000, 10_000, strategy="per-window")
    want = np.array([x[a : a + 50_000].mean() for a in range(0, len(x) - 50_000 + 1, 10_000)])
    assert got.tobytes() == want.tobytes()


def test_seed_windows_leave_out_the_last_window(rng):
    x = rng.random(10_000)
    got = memwin.window_stats(x, 500, 100, seed_windows=True)
    want = np.array([x[a : a + 500].mean() for a in range(0, len(x) - 500, 100)])
    assert len(got) == 95 == memwin.window_count(10_000, 500, 100, seed_windows=True)
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_step_defaults_to_the_size(rng):
    x = rng.random(1000)
    np.testing.assert_allclose(memwin.window_stats(x, 100), x.reshape(10, 100).mean(axis=1), rtol=1e-14)


def test_results_do_not_depend_on_the_thread_count(rng):
    x = rng.random(300_000)
    one = memwin.window_stats(x, 10_000, 3_000, stat="std", threads=1)
    for threads in [2, 3, 8]:
        assert memwin.window_stats(x, 10_000, 3_000, stat="std", threads=threads).tobytes() == one.tobytes()


def test_numpy_integer_sizes_are_accepted(rng):
    x = rng.random(100)
    np.testing.assert_array_equal(memwin.window_stats(x, np.int64(10), np.uint8(5)), memwin.window_stats(x, 10, 5))


def test_the_bit_identical_means_are_per_windows_and_auto_may_pick_another(rng):
    # What the README and the docstring promise: per-window means are numpy's x[a:b].mean() bit for bit;
    # auto picks sliding for a rolling mean of 1,000 at step 1, whose means differ in the last bits only.
    x = rng.random(50_000) * 10 + 3
    want = np.array([x[a : a + 1000].mean() for a in range(len(x) - 999)])
    assert memwin.window_stats(x, 1000, 1, strategy="per-window").tobytes() == want.tobytes()
    assert memwin.resolve_strategy(len(x), 1000, 1) == "sliding"
    auto = memwin.window_stats(x, 1000, 1)
    np.testing.assert_allclose(auto, want, rtol=1e-15, atol=0)
