"""Memmaps in and out, read and written in place: no input-sized allocation, the output file filled by the
workers themselves."""

import tracemalloc

import numpy as np
import pytest

import memwin


def anon_rss_bytes():
    """Private (anonymous) resident memory: a copy of a mapped file would land here, the map itself not."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
    pytest.skip("no RssAnon in /proc/self/status (not Linux?)")


def test_np_memmap_and_np_load_mmap_inputs(tmp_path, rng):
    x = rng.random(100_000)
    path = tmp_path / "x.npy"
    np.save(path, x)
    loaded = np.load(path, mmap_mode="r")
    raw = np.memmap(tmp_path / "raw.bin", dtype=np.float64, mode="w+", shape=x.shape)
    raw[:] = x
    raw.flush()
    readonly = np.memmap(tmp_path / "raw.bin", dtype=np.float64, mode="r", shape=x.shape)
    want = memwin.window_stats(x, 1000, 300)
    for view in (loaded, raw, readonly):
        assert isinstance(view, np.memmap)
        assert memwin.window_stats(view, 1000, 300).tobytes() == want.tobytes()


def test_a_large_memmap_is_read_without_an_input_sized_allocation(tmp_path):
    n = 25_000_000  # 2e8 bytes of float64
    path = tmp_path / "big.npy"
    big = np.lib.format.open_memmap(path, mode="w+", dtype=np.float64, shape=(n,))
    big[:] = 1.5
    big.flush()
    del big
    x = np.load(path, mmap_mode="r")
    before = anon_rss_bytes()
    tracemalloc.start()
    got = memwin.window_stats(x, 1_000_000, 500_000, threads=2)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    grown = anon_rss_bytes() - before
    assert np.all(got == 1.5) and got.shape == (49,)
    assert peak < 1_000_000, f"numpy allocated {peak} bytes for a {x.nbytes}-byte input"
    # A copy would add 2e8 bytes of private memory; thread stacks and the partials are a few MB.
    assert grown < x.nbytes // 10, f"private memory grew by {grown} bytes for a {x.nbytes}-byte input"


def test_out_writes_into_a_writable_memmap(tmp_path, rng):
    x = rng.random(50_000)
    k = memwin.window_count(len(x), 2000, 700)
    path = tmp_path / "out.npy"
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float64, shape=(k,))
    returned = memwin.window_stats(x, 2000, 700, stat="var", out=out)
    assert returned is out
    out.flush()
    del out, returned
    back = np.load(path, mmap_mode="r")
    want = np.array([x[a : a + 2000].var() for a in range(0, len(x) - 2000 + 1, 700)])
    np.testing.assert_allclose(back, want, rtol=1e-12)


def test_out_accepts_a_plain_array_and_returns_it(rng):
    x = rng.random(1000)
    out = np.full(10, -1.0)
    assert memwin.window_stats(x, 100, out=out) is out
    np.testing.assert_allclose(out, x.reshape(10, 100).mean(axis=1), rtol=1e-14)


def test_the_input_is_not_modified_and_a_new_output_is_float64(rng):
    for dtype in [np.uint8, np.int64, np.float32]:
        x = (rng.random(1000) * 100).astype(dtype)
        before = x.copy()
        got = memwin.window_stats(x, 10)
        assert got.dtype == np.float64 and got.shape == (100,)
        assert np.array_equal(x, before)
