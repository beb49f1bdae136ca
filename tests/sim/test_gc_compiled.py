"""The compiled GC loops (sim/_l1c.c gc_mark / gc_sweep) against gc.py's pure
ones, on random object graphs with every kind of pointer-holding value:
the same objects marked, the same colour changes in the same order, the same
survivors, dead objects and recorded frees. (Whole programs run both ways in
test_trace_golden.py and test_recorder_compiled.py.)"""

from __future__ import annotations

import random
from typing import Any

import pytest

from stackvsheap.sim import cache as cache_mod
from stackvsheap.sim import gc
from stackvsheap.sim.memory import HEAP, STACK, Block, FuncV, IfaceV, Ptr, SliceV, StrV

pytestmark = pytest.mark.skipif(cache_mod._l1c is None, reason="the C extension is not built here")


class Elem:
    """An element type the shape table does not know: scan_of asks has_pointers."""

    def __init__(self, has_pointers: bool) -> None:
        self.has_pointers = has_pointers
        self.size = 8


class EnvView:
    """A closure environment inside a frame: the GC follows its .block."""

    def __init__(self, block: Block) -> None:
        self.block = block


def _graph(seed: int) -> tuple[list[Block], list[Any]]:
    rnd = random.Random(seed)
    elems = [Elem(True), Elem(True), Elem(False)]
    blocks: list[Block] = []
    n = rnd.randint(1, 120)
    for i in range(n):
        heap = rnd.random() < 0.8
        b = Block(0x1000 + 16 * i, rnd.choice(elems), 1, HEAP if heap else STACK, f"b{i}",
                  (0,), (8,), [], 8)
        # tiny-packed objects share an allocator object; stack blocks have none
        b.info = (rnd.randrange(n) if rnd.random() < 0.3 else 1000 + i) if heap else None
        blocks.append(b)

    def target() -> Block | None:
        return None if rnd.random() < 0.15 else rnd.choice(blocks)

    for b in blocks:
        for _ in range(rnd.randint(0, 5)):
            k = rnd.randrange(7)
            if k == 0:
                b.cells.append(rnd.randint(-5, 300))
            elif k == 1 and (t := target()) is not None:
                b.cells.append(Ptr(t, 0))
            elif k == 2:
                b.cells.append(SliceV(target(), 0, 1, 1))
            elif k == 3:
                b.cells.append(StrV("s", target(), 0))
            elif k == 4:
                b.cells.append(IfaceV("T", 1, target()))
            elif k == 5:
                env = target()
                b.cells.append(FuncV(None, EnvView(env) if env is not None and rnd.random() < 0.5 else env))
            else:
                b.cells.append(None)
    roots: list[Any] = [rnd.choice(blocks) for _ in range(rnd.randint(0, 6))]
    roots += [EnvView(rnd.choice(blocks)) for _ in range(rnd.randint(0, 2))]
    return blocks, roots


def _run(seed: int, compiled: bool, recorded: bool) -> dict[str, Any]:
    blocks, roots = _graph(seed)
    ix = {id(b): i for i, b in enumerate(blocks)}
    logs: gc.Logs | None = ([], bytearray(), bytearray()) if recorded else None
    mark = cache_mod._l1c.gc_mark if compiled else gc._mark
    sweep = cache_mod._l1c.gc_sweep if compiled else gc._sweep
    marked, others, nmarked, scanned = mark(roots, gc._TYPES, gc._scan_of, logs, HEAP)
    colours = [b.mark for b in blocks]
    freed: list[int] = []
    heap_blocks = [b for b in blocks if b.where == HEAP]
    survivors, dead = sweep(heap_blocks, marked, Block, (lambda b: freed.append(ix[id(b)])) if recorded else None)
    return {
        "marked": marked, "others": [ix[id(b)] for b in others], "nmarked": nmarked,
        "scanned": scanned, "colours": colours,
        "logs": None if logs is None else ([ix[id(b)] for b in logs[0]], bytes(logs[1]), bytes(logs[2])),
        "survivors": [ix[id(b)] for b in survivors], "dead": dead, "freed": freed,
        "after": [(b.mark, b.alive) for b in blocks],
    }


@pytest.mark.parametrize("recorded", [False, True])
@pytest.mark.parametrize("seed", range(60))
def test_compiled_gc_matches_pure(seed: int, recorded: bool) -> None:
    pure = _run(seed, False, recorded)
    assert _run(seed, True, recorded) == pure
    assert pure["nmarked"] == len(pure["marked"])


def test_a_graph_marks_what_is_reachable_and_nothing_else() -> None:
    """A fixed graph checked by hand, so the pair cannot agree on a wrong answer."""
    e = Elem(True)
    a, b, c, d = (Block(16 * i, e, 1, HEAP, n, (0,), (8,), [], 8) for i, n in enumerate("abcd"))
    for i, blk in enumerate((a, b, c, d)):
        blk.info = 100 + i
    a.cells = [Ptr(b, 0), 7]
    b.cells = [FuncV(None, EnvView(c))]
    d.cells = [Ptr(a, 0)]  # d points at a, but nothing points at d
    for mark in (gc._mark, cache_mod._l1c.gc_mark):
        for blk in (a, b, c, d):
            blk.mark = 0
        marked, others, nmarked, scanned = mark([a], gc._TYPES, gc._scan_of, None, HEAP)
        assert marked == {100, 101, 102} and nmarked == 3 and scanned == 2 and others == []
        assert [blk.mark for blk in (a, b, c, d)] == [2, 2, 2, 0]
