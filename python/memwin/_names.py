"""The option names as ``typing.Literal`` types, for the stubs and annotations: the kernel's names
(``memwin.STATS``, ``memwin.NAN_POLICIES``, ``memwin.STRATEGIES``), which python/tests/test_stubs.py holds
these lists equal to."""

from typing import Literal

Stat = Literal["mean", "sum", "min", "max", "var", "std"]
NanPolicy = Literal["propagate", "skip"]
Strategy = Literal["auto", "per-window", "blocked", "sliding"]
# What "auto" resolves to (memwin.resolve_strategy): every strategy but "auto".
ConcreteStrategy = Literal["per-window", "blocked", "sliding"]
