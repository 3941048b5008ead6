"""Bad input: a TypeError or ValueError whose one line names the problem and the value, raised before any
work starts, and nothing written."""

import subprocess
import sys
import textwrap

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
    return message


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
        # Finite but beyond any duration: the kernel's error, not a panic.
        (dict(size=10, _cost_ms=1e300), ValueError, ["simulated cost"]),
        (dict(size=10, _cost_ms=-1.0), ValueError, ["simulated cost", "-1"]),
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


def test_a_huge_simulated_cost_is_a_value_error_not_a_panic():
    with pytest.raises(ValueError, match="simulated cost"):
        memwin.window_stats(X, 10, _cost_ms=1e300)
    with pytest.raises(ValueError, match="simulated cost"):
        memwin.resolve_strategy(100, 10, _cost_ms=1e300)


def test_a_masked_array_is_refused_not_read_without_its_mask():
    # Read without its mask, it gave [2. 7.]: the second window's mean over values that are masked out.
    masked = np.ma.masked_array(np.arange(10.0), mask=[0] * 5 + [1] * 5)
    raises(TypeError, "x", "masked", "x.filled(np.nan)", 'nan="skip"', call=lambda: memwin.window_stats(masked, 5))
    # What the message says to do gives numpy's masked mean of each window.
    want = [masked[a : a + 5].mean() for a in (0, 5)]
    got = memwin.window_stats(masked.filled(np.nan), 5, nan="skip")
    assert got[0] == want[0] and np.isnan(got[1]) and want[1] is np.ma.masked
    out = np.ma.masked_array(np.zeros(10), mask=[1] * 10)
    raises(TypeError, "out", "masked", call=lambda: memwin.window_stats(X, 10, out=out))
    assert out.mask.all() and (out.data == 0).all()


def test_a_strided_out_is_not_supported_yet():
    out = np.zeros(20)
    # The old advice, np.ascontiguousarray(out), would have written into a copy the caller never sees.
    message = raises(ValueError, "out", "not contiguous", "(16,)", "not supported yet", "contiguous float64",
                     call=lambda: memwin.window_stats(X, 10, out=out[::2]))
    assert "ascontiguousarray" not in message
    assert (out == 0).all()


def test_a_big_endian_out_names_the_byte_order():
    message = raises(TypeError, "out", "'>f8'", "big-endian", call=lambda: memwin.window_stats(X, 10, out=np.empty(10, ">f8")))
    assert "must be float64" not in message


@pytest.mark.parametrize("param, value, shown", [("stat", np.mean, "<function mean"), ("nan", True, "bool True"),
                                                 ("strategy", None, "NoneType None"), ("stat", b"mean", "bytes b'mean'")])
def test_a_str_option_that_is_not_a_str_names_the_parameter(param, value, shown):
    names = {"stat": memwin.STATS, "nan": memwin.NAN_POLICIES, "strategy": memwin.STRATEGIES}[param]
    expected = f"{param} must be a str, one of {', '.join(names)}; got"
    for call in (lambda: memwin.window_stats(X, 10, **{param: value}),
                 lambda: memwin.resolve_strategy(100, 10, **{param: value}),
                 lambda: memwin.chunk_alignment(100, 10, **{param: value})):
        raises(TypeError, expected, shown, call=call)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="limits the address space with RLIMIT_AS")
def test_a_refused_scratch_allocation_is_a_memory_error():
    # The blocked strategy's tile for one window of 1e6 single-element blocks is 48 MB: under an address
    # space limit of 16 MB more than the process has, the kernel's allocation fails before any work.
    script = textwrap.dedent("""
        import resource, numpy as np, memwin
        x, out = np.ones(1_000_000), np.empty(1)
        vm = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1]) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (vm + (16 << 20), resource.RLIM_INFINITY))
        try:
            memwin.window_stats(x, 1_000_000, 1, strategy="blocked", threads=1, out=out)
            print("ran")
        except MemoryError as e:
            print("MemoryError:", e)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("MemoryError: cannot allocate"), run.stdout
    assert "blocked" in run.stdout
