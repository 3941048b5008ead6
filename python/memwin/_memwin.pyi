# Type stubs for the extension module (python/src/lib.rs).
from typing import List, Literal, Optional, SupportsIndex

import numpy as np
import numpy.typing as npt

Stat = Literal["mean", "sum", "min", "max", "var", "std"]
NanPolicy = Literal["propagate", "skip"]

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
    strategy: str = "auto",
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
    strategy: str = "auto",
) -> str: ...
