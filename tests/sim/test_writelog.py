"""The compiled write log (_l1c.WriteLog) against its pure twin
(trace.ListWriteLog): the same writes read back and rewind the same cells."""

from __future__ import annotations

import gc
import random
import weakref
from typing import Any

import pytest

from stackvsheap.sim.cache import _l1c
from stackvsheap.sim.memory import Ptr
from stackvsheap.sim.trace import ListWriteLog

pytestmark = pytest.mark.skipif(_l1c is None, reason="no compiled extension")


class Cells:
    """A block as the log sees it: anything with a `cells` list."""

    def __init__(self, n: int) -> None:
        self.cells: list[Any] = [0] * n


def _values(rng: random.Random, blocks: list[Cells]) -> Any:
    return rng.choice([
        rng.randrange(-300, 300), rng.randrange(-(1 << 63), 1 << 63), rng.randrange(1 << 63, 1 << 64),
        -(1 << 63) - 1, True, False, None, rng.random(), "é", Ptr(rng.choice(blocks), 0),  # type: ignore[arg-type]
        (1 << 63) - 1, -(1 << 63),
    ])


def _run(rng: random.Random, blocks: list[Cells], logs: list[Any], n: int) -> None:
    """The same n writes into every log, as a recording makes them: the old
    value is the cell's, and the cell is written (sometimes past its end)."""
    for _ in range(n):
        b = rng.choice(blocks)
        i = rng.randrange(len(b.cells) + 2)
        old = b.cells[i] if i < len(b.cells) else None
        new = _values(rng, blocks)
        for k, log in enumerate(logs):
            if k % 2:
                log.add((b, i, old, new))
            else:
                log.write(b, i, old, new)
        if i >= len(b.cells):
            b.cells.extend([None] * (i + 1 - len(b.cells)))
        b.cells[i] = new


def _state(blocks: list[Cells]) -> list[list[Any]]:
    return [[(type(v), v) if not isinstance(v, Ptr) else ("ptr", id(v.block)) for v in b.cells]
            for b in blocks]


@pytest.mark.parametrize("seed", range(8))
def test_both_logs_read_and_rewind_alike(seed: int) -> None:
    rng = random.Random(seed)
    blocks = [Cells(rng.randrange(0, 6)) for _ in range(5)]
    start = _state(blocks)
    pure, fast = ListWriteLog(), _l1c.WriteLog()
    _run(rng, blocks, [pure, fast], 400)
    assert len(fast) == len(pure) == 400
    for j in [0, 1, 199, 399, -1]:
        pb, pi, po, pn = pure[j]
        fb, fi, fo, fn = fast[j]
        assert (fb, fi) == (pb, pi)
        assert (type(fo), fo) == (type(po), po) and (type(fn), fn) == (type(pn), pn)
    with pytest.raises(IndexError):
        fast[400]
    assert [w[0] for w in fast] == [w[0] for w in pure]  # iterable
    end = _state(blocks)
    # Undo then redo in uneven ranges, comparing the cells after each move
    # with the pure log doing the same to a copy.
    cuts = sorted({0, 400, *(rng.randrange(401) for _ in range(6))})
    for lo, hi in reversed(list(zip(cuts, cuts[1:]))):
        fast.undo(lo, hi)
        state = _state(blocks)
        pure.redo(lo, hi)
        pure.undo(lo, hi)
        assert _state(blocks) == state
    grown = [s + [(type(None), None)] * (len(b.cells) - len(s)) for s, b in zip(start, blocks)]
    assert _state(blocks) == grown  # every write undone (cells written past their end stay grown)
    for lo, hi in zip(cuts, cuts[1:]):
        fast.redo(lo, hi)
    assert _state(blocks) == end


def test_ints_are_not_kept_alive_but_other_values_are() -> None:
    log = _l1c.WriteLog()
    b = Cells(1)
    log.add((b, 0, 10**12, 10**12 + 1))
    assert log[0][2:] == (10**12, 10**12 + 1)

    class Value:
        pass
    v = Value()
    ref = weakref.ref(v)
    log.add((b, 0, None, v))
    del v
    gc.collect()
    assert ref() is not None and log[1][3] is ref()


def test_a_cycle_through_the_log_is_collected() -> None:
    log = _l1c.WriteLog()
    b = Cells(1)
    b.cells[0] = log  # the block refers back to the log that refers to it
    log.add((b, 0, None, log))
    ref = weakref.ref(b)
    del log, b
    gc.collect()
    assert ref() is None


def test_bad_writes_are_refused() -> None:
    log = _l1c.WriteLog()
    with pytest.raises(TypeError):
        log.add((Cells(1), 0, 1))
    with pytest.raises(OverflowError):
        log.add((Cells(1), -1, 1, 2))
    assert len(log) == 0
