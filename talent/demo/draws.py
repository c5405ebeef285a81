"""Fast deterministic random draws for the demo data (``talent.demo.load`` and its parts)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

import numpy as np

T = TypeVar("T")


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """Items with cumulative weights, for ``Draws.weighted``."""

    items: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, pairs: Sequence[tuple[T, float]]) -> Weighted[T]:
        return cls(tuple(p[0] for p in pairs), tuple(accumulate(p[1] for p in pairs)))


class Draws:
    """Uniform draws from one PCG64 stream, served from a buffer.

    A scalar call into numpy costs microseconds; 50,000 people need millions of draws, so
    they are taken in chunks and handed out from a Python list. The sequence is fixed by
    the generator's seed, so everything drawn from it is deterministic.
    """

    _CHUNK = 16384

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._buffer: list[float] = []
        self._next = 0

    def uniform(self) -> float:
        if self._next == len(self._buffer):
            self._buffer = self._rng.random(self._CHUNK).tolist()
            self._next = 0
        value = self._buffer[self._next]
        self._next += 1
        return value

    def chance(self, p: float) -> bool:
        return self.uniform() < p

    def between(self, lo: int, hi: int) -> int:
        """An integer in ``[lo, hi]``, both included."""
        return lo + int(self.uniform() * (hi - lo + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.uniform() * len(items))]

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """``k`` distinct items (fewer if there are fewer), in draw order."""
        pool = list(items)
        chosen = []
        for _ in range(min(k, len(pool))):
            chosen.append(pool.pop(int(self.uniform() * len(pool))))
        return chosen

    def weighted(self, table: Weighted[T]) -> T:
        point = self.uniform() * table.cumulative[-1]
        return table.items[bisect.bisect_right(table.cumulative, point)]
