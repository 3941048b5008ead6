"""memwin over Dask arrays: each window is computed by memwin inside one task, on whichever worker holds its
data, and the result is a lazy dask array of the k window values.

    >>> import memwin.dask
    >>> x = memwin.dask.from_npy("big.npy", chunks=10_000_000)    # only the path travels to the workers
    >>> means = memwin.dask.window_stats(x, 500_000, 100_000)     # lazy, float64, shape (k,)
    >>> means.compute()

How the windows are split: the strategy is resolved once for the whole array, and each task computes a
span of consecutive windows with it. A span starts at a window index that is a multiple of the kernel's
chunk alignment (``memwin.chunk_alignment``: 1 for per-window and blocked, w / gcd(w, s) for sliding,
whose block grid must line up with the whole run's): the first such window that starts in the chunk.
The task reads its span from its first window's start to its last window's end: elements of its own
chunk plus a halo from the chunks after it, however many that takes. So any chunking works (uneven
chunks, steps that do not divide the chunk size, windows longer than a chunk), and the pieces give the
same bits as ``memwin.window_stats`` on the whole array.

Over an array straight from ``from_npy``, a task maps its span of the file itself, halo included, instead of
gathering the halo from the next chunks into a copy.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

import numpy as np

from memwin._memwin import DTYPES, chunk_alignment, resolve_strategy, window_count
from memwin._memwin import window_stats as _window_stats

if TYPE_CHECKING:
    import dask.array as da

    from memwin._names import NanPolicy, Stat, Strategy

__all__ = ["window_stats", "from_npy"]

# The arrays from_npy made, by their dask name, which changes with any operation on them: window_stats over
# one of these reads the file directly.
_FROM_NPY: Dict[str, str] = {}


def window_stats(
    darr: da.Array,
    size: int,
    step: Optional[int] = None,
    *,
    stat: Stat = "mean",
    nan: NanPolicy = "propagate",
    seed_windows: bool = False,
    threads: int = 1,
    strategy: Strategy = "auto",
) -> da.Array:
    """The windowed statistic of a 1-D dask array, as a lazy float64 dask array of shape (k,).

    The options are ``memwin.window_stats``'s. ``threads`` is per task (default 1: Dask runs the chunks in
    parallel; raise it for workers with several cores and one thread). Everything is checked here, before
    any task runs: bad input raises TypeError or ValueError with one line naming the value.
    """
    import dask.array as da
    from dask.base import tokenize

    if not isinstance(darr, da.Array):
        raise TypeError(f"darr must be a dask array, got {type(darr).__module__}.{type(darr).__qualname__} (use memwin.window_stats for numpy arrays)")
    if isinstance(darr._meta, np.ma.MaskedArray):
        raise TypeError(
            "darr is a masked dask array (its chunks are np.ma.MaskedArray), and memwin would read their data with "
            "the mask ignored; pass da.ma.filled(darr, np.nan) with nan=\"skip\" to leave the masked values out"
        )
    if darr.ndim != 1:
        raise ValueError(f"memwin reads 1-D arrays, but darr has shape {darr.shape}")
    _check_dtype(np.dtype(darr.dtype))
    n = darr.shape[0]
    if n != n or any(c != c for c in darr.chunks[0]):
        raise ValueError("darr has unknown chunk sizes (NaN); call darr.compute_chunk_sizes() first")
    step = size if step is None else step
    k = window_count(n, size, step, seed_windows=seed_windows)
    size, step = int(size), int(step)
    concrete = resolve_strategy(n, size, step, seed_windows=seed_windows, stat=stat, nan=nan, strategy=strategy)
    # The kernel's rule: a span of windows gives the whole run's bits when it starts on a multiple of this.
    align = chunk_alignment(n, size, step, seed_windows=seed_windows, stat=stat, nan=nan, strategy=concrete)
    # Checks threads with the kernel's own words, on a one-element job.
    _window_stats(np.zeros(1), 1, threads=threads)

    options = dict(size=size, step=step, stat=stat, nan=nan, threads=threads, strategy=concrete)
    # Chunk j's span starts at the first aligned window that starts in it, and ends before the next
    # chunk's; a chunk with no aligned window start has no task (its windows are in an earlier span).
    starts = [0]
    for chunk_end in np.cumsum(darr.chunks[0]).tolist():
        first_window = -(-chunk_end // step)  # the first window starting at or after chunk_end
        starts.append(min(-(-first_window // align) * align, k))
    starts[-1] = k
    spans: List[Tuple[int, int]] = [(a, b - 1) for a, b in zip(starts, starts[1:]) if a < b]  # (first, last)

    path = _FROM_NPY.get(darr.name)
    if path is not None:
        # An untouched from_npy array: each task maps its own span of the file, so the halo is read in
        # place too, instead of being gathered from the neighbouring chunks into a copy.
        # One (first, last) row per task, so a task's graph entry holds its own span only.
        rows = da.from_array(np.array(spans, dtype=np.int64), chunks=(1, 2), name="memwin-spans-" + tokenize(spans))
        return da.map_blocks(
            _stats_of_file_span,
            rows,
            path=path,
            drop_axis=1,
            name="memwin-window-stats-" + tokenize(darr.name, spans, options),
            chunks=(tuple(last - first + 1 for first, last in spans),),
            dtype=np.float64,
            meta=np.empty((0,), np.float64),
            **options,
        )
    pieces = []
    for first, last in spans:
        span = darr[first * step : last * step + size]
        pieces.append(
            span.rechunk(span.shape[0]).map_blocks(
                _stats_of_span,
                dtype=np.float64,
                chunks=((last - first + 1,),),
                meta=np.empty((0,), np.float64),
                **options,
            )
        )
    return da.concatenate(pieces)


def _stats_of_file_span(row: np.ndarray, path: str, **options: Any) -> np.ndarray:
    """One task over a from_npy array: the windows of one span, read from the mapped file in place."""
    first, last = (int(v) for v in row[0])
    step, size = options.pop("step"), options.pop("size")
    span = np.load(path, mmap_mode="r")[first * step : last * step + size]
    return _window_stats(span, size, step, **options)


def _stats_of_span(span: np.ndarray, **options: Any) -> np.ndarray:
    """One task: the windows of one span, which starts at its first window and ends with its last."""
    # Arrays that come over the network can be views, or misaligned in their receive buffer; memwin reads
    # aligned contiguous memory, so make it so (a copy only when needed).
    span = np.require(span, requirements=["C", "A"])
    return _window_stats(span, options.pop("size"), options.pop("step"), **options)


def from_npy(path: Union[str, os.PathLike[str]], chunks: Any = "auto") -> da.Array:
    """A dask array over a 1-D .npy file, memory-mapped inside each task.

    Only the path goes into the graph, and each task maps the file read-only and slices its chunk (zero
    copy), where ``da.from_array(np.load(path, mmap_mode="r"))`` would put the whole array into the
    graph (dask#11850). The file must stay where it is until the tasks have run.
    """
    import dask.array as da
    from dask.base import tokenize

    path = os.path.abspath(os.fspath(path))
    header = np.load(path, mmap_mode="r")  # reads the header and maps the file; no data is read
    shape, dtype = header.shape, header.dtype
    del header
    if len(shape) != 1:
        raise ValueError(f"memwin reads 1-D arrays, but {path} has shape {shape}")
    _check_dtype(dtype)
    chunks = da.core.normalize_chunks(chunks, shape, dtype=dtype)
    stat = os.stat(path)
    name = "memwin-from-npy-" + tokenize(path, stat.st_size, stat.st_mtime_ns, chunks)
    _FROM_NPY[name] = path
    return da.map_blocks(
        _load_chunk, path=path, name=name, chunks=chunks, dtype=dtype, meta=np.empty((0,), dtype)
    )


def _load_chunk(path: str, block_info: Optional[Dict[Any, Any]] = None) -> np.ndarray:
    """One task of from_npy: its chunk of the mapped file (a read-only memmap view)."""
    assert block_info is not None  # dask passes it to a function that takes it
    lo, hi = block_info[None]["array-location"][0]
    return np.load(path, mmap_mode="r")[lo:hi]


def _check_dtype(dtype: np.dtype[Any]) -> None:
    if dtype.name not in DTYPES or (dtype.byteorder == ">" and dtype.itemsize > 1):
        raise TypeError(f"unsupported dtype '{dtype.str if dtype.byteorder == '>' else dtype.name}' (memwin reads {', '.join(DTYPES)})")
