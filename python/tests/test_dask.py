"""memwin.dask on a real dask.distributed LocalCluster of two worker processes: the lazy result equals
memwin on the whole array bit for bit, for any chunking; from_npy keeps the graph small."""

import os
import pickle

import numpy as np
import pytest

import memwin
import memwin.dask

da = pytest.importorskip("dask.array", reason="memwin.dask needs dask (scripts/setup-python.sh installs it)")
distributed = pytest.importorskip("distributed", reason="the cluster tests need dask.distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_the_workers_are_separate_processes(client):
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


# (chunks, size, step, options): uneven chunks, steps that do not divide the chunks, windows longer than a
# chunk (and than several), gaps between windows, the seed's windows, one window over everything.
CASES = [
    ((1000, 1000, 1000, 1000, 1000, 1000), 300, 100, {}),
    ((997, 3001, 13, 1500, 489), 250, 77, {}),
    ((997, 3001, 13, 1500, 489), 2500, 333, {"stat": "var", "nan": "skip"}),
    ((400,) * 15, 1999, 1, {"stat": "max"}),
    ((2048, 1, 3951), 64, 100, {"stat": "sum"}),
    ((1000,) * 6, 500, 100, {"seed_windows": True}),
    ((123, 4567, 1310), 6000, 1, {"stat": "std", "nan": "skip"}),
]


def data(n=6000):
    x = np.random.default_rng(7).standard_normal(n) * 10 + 3
    x[::211] = np.nan
    return x


@pytest.mark.parametrize("chunks, size, step, options", CASES)
def test_equals_memwin_on_the_whole_array(client, chunks, size, step, options):
    x = data(sum(chunks))
    lazy = memwin.dask.window_stats(da.from_array(x, chunks=(chunks,)), size, step, **options)
    want = memwin.window_stats(x, size, step, **options)
    assert isinstance(lazy, da.Array) and lazy.dtype == np.float64 and lazy.shape == want.shape
    got = lazy.compute()
    assert got.tobytes() == want.tobytes()


@pytest.mark.parametrize("strategy", memwin.STRATEGIES)
def test_every_strategy_splits_without_changing_a_bit(client, strategy):
    x = data(20_000)
    darr = da.from_array(x, chunks=((3333, 6667, 5000, 4999, 1),))
    for size, step in [(1200, 300), (40, 1), (700, 250)]:
        got = memwin.dask.window_stats(darr, size, step, stat="mean", nan="skip", strategy=strategy).compute()
        want = memwin.window_stats(x, size, step, stat="mean", nan="skip", strategy=strategy)
        assert got.tobytes() == want.tobytes(), (strategy, size, step)


def test_from_npy_over_every_dtype(client, tmp_path):
    rng = np.random.default_rng(3)
    for dtype in memwin.DTYPES:
        x = (rng.random(50_000) * 200).astype(dtype)
        path = tmp_path / f"{dtype}.npy"
        np.save(path, x)
        darr = memwin.dask.from_npy(path, chunks=7_000)
        assert darr.dtype == np.dtype(dtype) and darr.chunks == ((7_000,) * 7 + (1_000,),)
        np.testing.assert_array_equal(darr[12_345:12_400].compute(), x[12_345:12_400])
        got = memwin.dask.window_stats(darr, 10_000, 3_000, stat="std").compute()
        assert got.tobytes() == memwin.window_stats(x, 10_000, 3_000, stat="std").tobytes()
        # The same array after an operation: the spans are gathered from the chunks instead of mapped.
        got = memwin.dask.window_stats(darr[5:], 10_000, 3_000, stat="std").compute()
        assert got.tobytes() == memwin.window_stats(x[5:], 10_000, 3_000, stat="std").tobytes()


def test_over_from_npy_each_task_maps_its_own_span(tmp_path):
    np.save(tmp_path / "x.npy", np.arange(100_000.0))
    darr = memwin.dask.from_npy(tmp_path / "x.npy", chunks=10_000)
    graph = dict(memwin.dask.window_stats(darr, 25_000, 5_000).__dask_graph__())
    assert not any("from-npy" in str(key) for key in graph), "the chunks were loaded and gathered, not mapped"


def test_from_npy_graphs_carry_the_path_not_the_data(tmp_path):
    n = 100_000_000  # 800 MB, a sparse file: nothing is written or read
    path = tmp_path / "big.npy"
    np.lib.format.open_memmap(path, mode="w+", dtype=np.float64, shape=(n,))
    darr = memwin.dask.from_npy(path, chunks=10_000_000)
    lazy = memwin.dask.window_stats(darr, 500_000, 100_000)
    small = len(pickle.dumps(dict(lazy.__dask_graph__())))
    assert small < 100_000, f"the pickled graph of a {8 * n}-byte array is {small} bytes"
    # The contrast that motivates from_npy (dask#11850): from_array over the memmap pickles the data.
    m = 1_000_000
    np.save(tmp_path / "small.npy", np.zeros(m))
    copied = da.from_array(np.load(tmp_path / "small.npy", mmap_mode="r"), chunks=100_000)
    assert len(pickle.dumps(dict(copied.__dask_graph__()))) > 8 * m


def test_it_is_lazy(tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.arange(1000.0))
    lazy = memwin.dask.window_stats(memwin.dask.from_npy(path, chunks=100), 10, 10)
    os.remove(path)  # nothing has read it yet
    assert lazy.shape == (100,)
    with pytest.raises(FileNotFoundError):
        lazy.compute(scheduler="sync")


def test_bad_input_is_refused_before_any_task(tmp_path):
    x = da.from_array(np.arange(100.0), chunks=30)
    with pytest.raises(TypeError, match="dask array.*numpy.ndarray"):
        memwin.dask.window_stats(np.arange(100.0), 10)
    with pytest.raises(ValueError, match=r"1-D.*\(10, 10\)"):
        memwin.dask.window_stats(x.reshape(10, 10), 2)
    with pytest.raises(TypeError, match="'int8'"):
        memwin.dask.window_stats(x.astype(np.int8), 2)
    with pytest.raises(ValueError, match="window size 101 is larger than the input length 100"):
        memwin.dask.window_stats(x, 101)
    with pytest.raises(ValueError, match="unknown statistic 'median'"):
        memwin.dask.window_stats(x, 10, stat="median")
    with pytest.raises(ValueError, match="thread count must be at least 1, got 0"):
        memwin.dask.window_stats(x, 10, threads=0)
    with pytest.raises(TypeError, match=r"^darr is a masked dask array.*da\.ma\.filled\(darr, np\.nan\)[^\n]*$"):
        memwin.dask.window_stats(da.ma.masked_array(x, mask=x > 50), 10)
    with pytest.raises(TypeError, match="stat must be a str"):
        memwin.dask.window_stats(x, 10, stat=np.mean)
    with pytest.raises(ValueError, match="unknown chunk sizes"):
        memwin.dask.window_stats(x[x > 50], 10)
    np.save(tmp_path / "two.npy", np.zeros((4, 5)))
    with pytest.raises(ValueError, match=r"1-D.*\(4, 5\)"):
        memwin.dask.from_npy(tmp_path / "two.npy")


# Data far from zero (1e6 + N(0, 3)), where a sum's last bits depend on where its blocks start: each
# strategy's grid is anchored at its slice's first element, so a task that started a span off the grid
# would compute other bits than the whole run (it did for sliding: a span must start at a window index
# that is a multiple of the kernel's chunk alignment, w / gcd(w, s)).
BIT_CHUNKS = [(997, 3001, 2002), (1500, 1500, 3000), (2999, 3001)]
BIT_WINDOWS = [(1000, 1), (500, 3), (700, 7)]


def test_every_stat_and_strategy_is_bit_identical_to_the_whole_array(client, tmp_path):
    x = 1e6 + np.random.default_rng(20261208).normal(0.0, 3.0, 6000)
    path = tmp_path / "far.npy"
    np.save(path, x)
    cases, lazies = [], []
    for chunks in BIT_CHUNKS:
        arrays = {"dask-array": da.from_array(x, chunks=(chunks,)), "from_npy": memwin.dask.from_npy(path, chunks=(chunks,))}
        for source, darr in arrays.items():
            assert darr.chunks == (chunks,)
            for size, step in BIT_WINDOWS:
                for stat in memwin.STATS:
                    for strategy in memwin.STRATEGIES:
                        cases.append((source, chunks, size, step, stat, strategy))
                        lazies.append(memwin.dask.window_stats(darr, size, step, stat=stat, strategy=strategy))
    import dask

    results = dask.compute(*lazies)
    differ = []
    for (source, chunks, size, step, stat, strategy), got in zip(cases, results):
        want = memwin.window_stats(x, size, step, stat=stat, strategy=strategy)
        assert got.shape == want.shape
        if not np.array_equal(got.view(np.uint64), want.view(np.uint64)):
            differ.append(f"{source} chunks={chunks} w={size} s={step} {stat} {strategy}")
    assert not differ, f"{len(differ)} of {len(cases)} differ from memwin on the whole array: " + "; ".join(differ)
