"""Per-step counters of a recorded run, compacted in chunks of steps.

A recorded run keeps NC counters per position (trace.COUNTERS). Flat, that
is 8 bytes each, 112 bytes a step, the largest fixed cost of recording; yet
within a few thousand steps most counters do not change and the rest move
by little. So the recorder appends whole steps to a raw tail, and every
CHUNK steps the tail is packed: per counter, one value if it is constant
in the chunk, else its values in the smallest array type that holds them
(or their offsets from the chunk's lowest, when the values are too big). Reading stays O(1) and
exact; the interface is the flat array's (`counters[pos * NC + k]`, slices,
len).
"""

from __future__ import annotations

from array import array
from itertools import repeat
from operator import sub
from typing import Iterator, overload

CHUNK = 4096  # steps per packed chunk
_TYPECODES = (("B", 1 << 8), ("H", 1 << 16), ("I", 1 << 32))


def _pack(column: array) -> tuple[int, array | None]:
    # Counters only grow, so the first and last values usually bound the
    # chunk; the checks below stay exact when they do not (count() sees
    # every value, and a value out of a type's range raises OverflowError).
    first, last = column[0], column[-1]
    if first == last and column.count(first) == len(column):
        return first, None
    if first >= 0:
        for tc, lim in _TYPECODES:
            if last < lim:
                try:
                    return 0, array(tc, column)
                except OverflowError:
                    break
    lo, hi = min(column), max(column)
    if lo == hi:
        return lo, None
    tc = next((tc for tc, lim in _TYPECODES if hi - lo < lim), "q")
    return lo, array(tc, map(sub, column, repeat(lo)))


class StepCounters:
    """`nc` integers per position; `extend` appends one position's."""

    def __init__(self, nc: int) -> None:
        self.nc = nc
        self.tail = array("q")
        # one packed chunk: per counter (lowest value, offsets or None)
        self._chunks: list[tuple[tuple[int, array | None], ...]] = []
        self.extend = self.tail.extend
        # the recorder packs when len(tail) reaches this (checked inline)
        self.flush_at = CHUNK * nc

    def pack(self) -> None:
        """Pack the tail's first CHUNK steps (in place: `extend` stays bound)."""
        nc, tail = self.nc, self.tail
        n = CHUNK * nc
        head = tail[:n]
        self._chunks.append(tuple(_pack(head[k::nc]) for k in range(nc)))
        del tail[:n]

    def __len__(self) -> int:
        return len(self._chunks) * CHUNK * self.nc + len(self.tail)

    def _at(self, i: int) -> int:
        pos, k = divmod(i, self.nc)
        chunk, j = divmod(pos, CHUNK)
        if chunk < len(self._chunks):
            lo, offs = self._chunks[chunk][k]
            return lo if offs is None else lo + offs[j]
        return self.tail[i - len(self._chunks) * CHUNK * self.nc]

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        n = len(self)
        if isinstance(i, slice):
            return [self._at(j) for j in range(*i.indices(n))]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("step counter index out of range")
        return self._at(i)

    def __iter__(self) -> Iterator[int]:
        for i in range(len(self)):
            yield self._at(i)

    def nbytes(self) -> int:
        """The packed size in bytes (arrays only), for the benchmarks."""
        size = self.tail.itemsize * len(self.tail)
        for chunk in self._chunks:
            size += sum(o.itemsize * len(o) for _, o in chunk if o is not None)
        return size
