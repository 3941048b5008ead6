"""Returned arrays whose memory memwin reuses once numpy frees them (python/src/outputs.rs): every value of a
reused buffer is written again, no two live arrays share memory, and a view keeps its memory from reuse."""

import gc

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

import memwin


def numpy_means(x, size):
    return sliding_window_view(x, size).mean(axis=1)


def test_a_reused_buffer_holds_only_the_new_values(rng):
    # The first result fills its buffer with large values, then is freed; the next calls (shorter by less
    # than a quarter, then equal) take that buffer and must show nothing of the old values.
    big = rng.uniform(1e6, 2e6, 50_000)
    first = memwin.window_stats(big, 100, 1, threads=2)
    assert first.min() > 1e6
    address = first.__array_interface__["data"][0]
    del first
    gc.collect()
    for n in (45_000, 50_000, 50_000):
        x = rng.uniform(-1.0, 1.0, n)
        got = memwin.window_stats(x, 100, 1, threads=2, stat="mean" if n < 50_000 else "min")
        # The same memory again: the case under test did happen.
        assert got.__array_interface__["data"][0] == address
        want = numpy_means(x, 100) if n < 50_000 else sliding_window_view(x, 100).min(axis=1)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-15)
        assert np.abs(got).max() <= 1.0
        del got
        gc.collect()


def test_live_results_never_share_memory(rng):
    x = rng.standard_normal(20_000)
    results = []
    for i in range(6):
        results.append(memwin.window_stats(x, 50 + i, 1, threads=2))
        if i % 2:
            # Free one now and then, so the spares are in play.
            results.pop(0)
            gc.collect()
    for i, a in enumerate(results):
        assert a.flags.writeable and a.flags.c_contiguous and a.dtype == np.float64
        for b in results[i + 1 :]:
            assert not np.shares_memory(a, b)


def test_a_view_keeps_its_memory_from_reuse(rng):
    x = rng.standard_normal(30_000)
    whole = memwin.window_stats(x, 10, 1, threads=2)
    view = whole[5:]
    expected = view.copy()
    del whole
    gc.collect()
    # Same length: these would take the buffer if the view did not hold it.
    for i in range(4):
        y = rng.standard_normal(30_000)
        np.testing.assert_allclose(memwin.window_stats(y, 10, 1, threads=2), numpy_means(y, 10), atol=1e-15)
    assert np.array_equal(view, expected)


def test_a_result_can_be_written_pickled_and_outlive_the_call(rng):
    import pickle

    x = rng.standard_normal(10_000)
    got = memwin.window_stats(x, 20, 5, stat="max")
    got[0] = 123.0
    back = pickle.loads(pickle.dumps(got))
    assert back[0] == 123.0 and np.array_equal(back[1:], got[1:])
    assert np.array_equal(got[1:], sliding_window_view(x, 20)[::5].max(axis=1)[1:])


def test_an_output_too_large_for_the_machine_is_a_memory_error(tmp_path):
    import pytest

    # 1e11 windows of a sparse 100 GB file: 800 GB of output. Linux refuses one allocation that large under
    # its default overcommit heuristic (mode 0) or strict accounting (2); with overcommit always on (1) it
    # would be granted and then fill memory, so the test needs to know the mode.
    try:
        mode = open("/proc/sys/vm/overcommit_memory").read().strip()
    except OSError:
        pytest.skip("no /proc/sys/vm/overcommit_memory: cannot tell whether 800 GB would be refused")
    if mode == "1":
        pytest.skip("vm.overcommit_memory = 1 grants any allocation: the 800 GB would fill memory")
    path = tmp_path / "sparse.bin"
    with open(path, "wb") as f:
        f.truncate(100 * 2**30)
    x = np.memmap(path, dtype=np.uint8, mode="r")
    with pytest.raises(MemoryError, match="cannot allocate the output: 107374182399 float64 values"):
        memwin.window_stats(x, 2, 1)
