"""memwin over Dask arrays: each window is computed by memwin inside one task, on whichever worker holds its
data, and the result is a lazy dask array of the k window values.

    >>> import memwin.dask
    >>> x = memwin.dask.from_npy("big.npy", chunks=10_000_000)    # only the path travels to the workers
    >>> means = memwin.dask.window_stats(x, 500_000, 100_000)     # lazy, float64, shape (k,)
    >>> means.compute()

How the windows are split: window i (start i*step) belongs to the chunk that holds its first element. Each
chunk's task reads its windows' span, from its first window's start to its last window's end: its own
elements plus a halo of up to size - 1 elements from the chunks after it, however many that takes. So any
chunking works (uneven chunks, steps that do not divide the chunk size, windows longer than a chunk), and
each window is computed over exactly the elements memwin would read on the whole array. The strategy is
resolved once for the whole array, so the pieces give the same bits as ``memwin.window_stats`` on it.

Over an array straight from ``from_npy``, a task maps its span of the file itself, halo included, instead of
gathering the halo from the next chunks into a copy.
"""

import os

import numpy as np

from memwin._memwin import DTYPES, resolve_strategy, window_count
from memwin._memwin import window_stats as _window_stats

__all__ = ["window_stats", "from_npy"]

# The arrays from_npy made, by their dask name, which changes with any operation on them: window_stats over
# one of these reads the file directly.
_FROM_NPY = {}


def window_stats(darr, size, step=None, *, stat="mean", nan="propagate", seed_windows=False, threads=1, strategy="auto"):
    """The windowed statistic of a 1-D dask array, as a lazy float64 dask array of shape (k,).

    The options are ``memwin.window_stats``'s. ``threads`` is per task (default 1: Dask runs the chunks in
    parallel; raise it for workers with several cores and one thread). Everything is checked here, before
    any task runs: bad input raises TypeError or ValueError with one line naming the value.
    """
    import dask.array as da
    from dask.base import tokenize

    if not isinstance(darr, da.Array):
        raise TypeError(f"darr must be a dask array, got {type(darr).__module__}.{type(darr).__qualname__} (use memwin.window_stats for numpy arrays)")
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
    # Checks threads with the kernel's own words, on a one-element job.
    _window_stats(np.zeros(1), 1, threads=threads)

    options = dict(size=size, step=step, stat=stat, nan=nan, threads=threads, strategy=concrete)
    spans = []  # (first, last) window of each chunk that has windows
    chunk_start = 0
    for chunk_len in darr.chunks[0]:
        chunk_end = chunk_start + chunk_len
        first = -(-chunk_start // step)  # the first window starting in this chunk
        last = min(-(-chunk_end // step), k) - 1  # and the last
        if first <= last:
            spans.append((first, last))
        chunk_start = chunk_end

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


def _stats_of_file_span(row, path, **options):
    """One task over a from_npy array: the windows of one span, read from the mapped file in place."""
    first, last = (int(v) for v in row[0])
    step, size = options.pop("step"), options.pop("size")
    span = np.load(path, mmap_mode="r")[first * step : last * step + size]
    return _window_stats(span, size, step, **options)


def _stats_of_span(span, **options):
    """One task: the windows of one span, which starts at its first window and ends with its last."""
    # Arrays that come over the network can be views, or misaligned in their receive buffer; memwin reads
    # aligned contiguous memory, so make it so (a copy only when needed).
    span = np.require(span, requirements="CA")
    return _window_stats(span, options.pop("size"), options.pop("step"), **options)


def from_npy(path, chunks="auto"):
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


def _load_chunk(path, block_info=None):
    """One task of from_npy: its chunk of the mapped file (a read-only memmap view)."""
    lo, hi = block_info[None]["array-location"][0]
    return np.load(path, mmap_mode="r")[lo:hi]


def _check_dtype(dtype):
    if dtype.name not in DTYPES or (dtype.byteorder == ">" and dtype.itemsize > 1):
        raise TypeError(f"unsupported dtype '{dtype.str if dtype.byteorder == '>' else dtype.name}' (memwin reads {', '.join(DTYPES)})")
