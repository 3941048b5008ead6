"""Bad input: a TypeError or ValueError whose one line names the problem and the value, raised before any
work starts, and nothing written."""

import numpy as np
import pytest

import memwin

X = np.arange(100.0)


def raises(kind, *must, call):
    with pytest.raises(kind) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    for part in must:
        assert part in message, f"{message!r} does not name {part!r}"


def test_not_an_array():
    raises(TypeError, "numpy array", "list", call=lambda: memwin.window_stats([1.0, 2.0, 3.0], 2))


@pytest.mark.parametrize("dtype", ["int8", "uint32", "float16", "complex128", "bool", "uint64"])
def test_unsupported_dtypes(dtype):
    raises(TypeError, f"'{dtype}'", "float64", call=lambda: memwin.window_stats(np.zeros(10, dtype), 2))


def test_big_endian():
    raises(TypeError, ">f8", "newbyteorder", call=lambda: memwin.window_stats(np.zeros(10, ">f8"), 2))


def test_two_dimensions():
    raises(ValueError, "1-D", "(10, 10)", call=lambda: memwin.window_stats(X.reshape(10, 10), 2))


def test_not_contiguous():
    raises(ValueError, "not contiguous", "(16,)", "ascontiguousarray", call=lambda: memwin.window_stats(X[::2], 2))


def test_misaligned():
    raw = np.zeros(801, np.uint8)
    x = raw[1:].view(np.float64)
    assert not x.flags.aligned
    raises(ValueError, "not aligned", "float64", call=lambda: memwin.window_stats(x, 2))


@pytest.mark.parametrize(
    "kwargs, kind, must",
    [
        (dict(size=0), ValueError, ["window size", "0"]),
        (dict(size=-3), ValueError, ["window size", "-3"]),
        (dict(size=5.0), TypeError, ["window size", "float"]),
        (dict(size=True), TypeError, ["window size", "bool"]),
        (dict(size="5"), TypeError, ["window size", "str"]),
        (dict(size=101), ValueError, ["101", "100"]),
        (dict(size=10, step=0), ValueError, ["window step", "0"]),
        (dict(size=10, stat="median"), ValueError, ["'median'", "mean, sum, min, max, var, std"]),
        (dict(size=10, nan="drop"), ValueError, ["'drop'", "propagate"]),
        (dict(size=10, strategy="fast"), ValueError, ["'fast'", "auto"]),
        (dict(size=10, threads=0), ValueError, ["thread count", "0"]),
        (dict(size=10, threads=-2), ValueError, ["thread count", "-2"]),
        (dict(size=10, threads=5000), ValueError, ["at most 1024", "5000"]),
        (dict(size=100, seed_windows=True), ValueError, ["range(0, n - w, s)", "100"]),
        (dict(size=10, _cost_ms=float("nan")), ValueError, ["simulated cost", "NaN"]),
    ],
)
def test_bad_options(kwargs, kind, must):
    raises(kind, *must, call=lambda: memwin.window_stats(X, **kwargs))


def test_empty_input():
    raises(ValueError, "empty", call=lambda: memwin.window_stats(np.zeros(0), 1))


def test_bad_out():
    raises(TypeError, "out", "list", call=lambda: memwin.window_stats(X, 10, out=[0.0] * 10))
    raises(TypeError, "float64", "'float32'", call=lambda: memwin.window_stats(X, 10, out=np.zeros(10, np.float32)))
    raises(ValueError, "length 9", "10 windows", call=lambda: memwin.window_stats(X, 10, out=np.zeros(9)))
    raises(ValueError, "out", "(2, 5)", call=lambda: memwin.window_stats(X, 10, out=np.zeros((2, 5))))
    raises(ValueError, "out", "not contiguous", call=lambda: memwin.window_stats(X, 10, out=np.zeros(20)[::2]))
    frozen = np.zeros(10)
    frozen.flags.writeable = False
    raises(ValueError, "read-only", call=lambda: memwin.window_stats(X, 10, out=frozen))


def test_out_over_the_input_is_refused_and_leaves_it_alone():
    x = np.arange(100.0)
    raises(ValueError, "shares memory", call=lambda: memwin.window_stats(x, 10, out=x[:10]))
    assert np.array_equal(x, np.arange(100.0))


def test_a_read_only_output_memmap(tmp_path):
    path = tmp_path / "out.npy"
    np.save(path, np.zeros(10))
    out = np.load(path, mmap_mode="r")
    raises(ValueError, "read-only", call=lambda: memwin.window_stats(X, 10, out=out))
    assert np.array_equal(np.load(path), np.zeros(10))


def test_window_count_checks_too():
    assert memwin.window_count(100, 10, 5) == 19
    raises(ValueError, "window step", call=lambda: memwin.window_count(100, 10, 0))
