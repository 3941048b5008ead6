"""memwin: windowed statistics over large numpy arrays and memmaps, in parallel, zero-copy.

    >>> import numpy as np, memwin
    >>> x = np.arange(10.0)
    >>> memwin.window_stats(x, 4, 3, stat="max")    # windows [0:4], [3:7], [6:10]
    array([3., 6., 9.])

The work is done by the memwin kernel (Rust) on its own threads, with the GIL released: the input is read
where it lies (an ndarray, ``np.memmap`` or ``np.load(path, mmap_mode="r")``), and the results are written
straight into the output (a new float64 array, or ``out=``, e.g. a writable memmap).

``memwin.dask.window_stats`` does the same over a Dask array, chunk by chunk, on a Dask cluster.
"""

from memwin._memwin import (
    DTYPES,
    NAN_POLICIES,
    STATS,
    STRATEGIES,
    __version__,
    chunk_alignment,
    resolve_strategy,
    window_count,
    window_stats,
)

__all__ = [
    "window_stats",
    "window_count",
    "resolve_strategy",
    "chunk_alignment",
    "STATS",
    "NAN_POLICIES",
    "STRATEGIES",
    "DTYPES",
    "__version__",
]
