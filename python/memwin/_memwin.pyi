# Type stubs for the extension module (python/src/lib.rs). The option names are the kernel's, as Literal
# types (memwin/_names.py; python/tests/test_stubs.py keeps them equal to memwin.STATS, … ).
from typing import List, Optional, SupportsIndex

import numpy as np
import numpy.typing as npt

from memwin._names import ConcreteStrategy, NanPolicy, Stat, Strategy

STATS: List[str]
NAN_POLICIES: List[str]
STRATEGIES: List[str]
DTYPES: List[str]
__version__: str

def window_stats(
    x: npt.NDArray[np.float64 | np.float32 | np.int64 | np.int32 | np.int16 | np.uint16 | np.uint8],
    size: SupportsIndex,
    step: Optional[SupportsIndex] = None,
    *,
    stat: Stat = "mean",
    nan: NanPolicy = "propagate",
    seed_windows: bool = False,
    threads: Optional[SupportsIndex] = None,
    strategy: Strategy = "auto",
    out: Optional[npt.NDArray[np.float64]] = None,
) -> npt.NDArray[np.float64]: ...
def window_count(
    n: SupportsIndex, size: SupportsIndex, step: Optional[SupportsIndex] = None, *, seed_windows: bool = False
) -> int: ...
def resolve_strategy(
    n: SupportsIndex,
    size: SupportsIndex,
    step: Optional[SupportsIndex] = None,
    *,
    seed_windows: bool = False,
    stat: Stat = "mean",
    nan: NanPolicy = "propagate",
    strategy: Strategy = "auto",
) -> ConcreteStrategy: ...
def chunk_alignment(
    n: SupportsIndex,
    size: SupportsIndex,
    step: Optional[SupportsIndex] = None,
    *,
    seed_windows: bool = False,
    stat: Stat = "mean",
    nan: NanPolicy = "propagate",
    strategy: Strategy = "auto",
) -> int: ...
