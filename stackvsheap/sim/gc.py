"""Go's garbage collector: non-moving, tri-colour mark and sweep from the roots.

The real collector runs concurrently with the program; we run each cycle at a
safe point (a statement boundary), which changes when work happens but not
which objects survive. Pacing follows GOGC: the next cycle starts when the
live heap reaches `live after the last mark * (1 + GOGC/100)`, never below a
minimum heap (the runtime's is 4 MiB, `heapMinimum` in mgcpacer.go; the game's
default is small so short snippets show cycles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import cost
from .machine import _SHAPES
from .memory import FuncV, Ptr, SliceV, StrV

if TYPE_CHECKING:
    from .machine import Machine

GOGC = 100
REALISTIC_MIN_HEAP = 4 << 20
GAME_MIN_HEAP = 4 << 10


class GCPacer:
    def __init__(self, realistic: bool = False, gogc: int = GOGC) -> None:
        self.gogc = gogc
        self.min_heap = REALISTIC_MIN_HEAP if realistic else GAME_MIN_HEAP
        self.trigger = self.min_heap

    def after_mark(self, live_bytes: int) -> None:
        self.trigger = max(self.min_heap, live_bytes * (100 + self.gogc) // 100)


def collect(m: "Machine") -> None:
    """One full cycle: mark from the roots, then sweep unmarked objects."""
    t = m.t
    rec = m.rec
    t.gc_cycles += 1
    t.gc_work_cycles += cost.GC_CYCLE
    if rec is not None:
        rec.gc_phase("mark")
    objects = m.objects
    shapes = _SHAPES
    marked: set[int] = set()
    seen: set[int] = set()  # block ids already scanned
    grey: list = []

    def shade(b) -> None:
        if b is None or b.id in seen:
            return
        seen.add(b.id)
        grey.append(b)
        if rec is not None and b.info is not None:
            rec.gc_colour(b, 1)

    roots = []
    if m.globals is not None:
        roots.append(m.globals)
    for fr in m.frames:
        roots.append(fr.block)
        roots.extend(fr.pins)
        if fr.env is not None:
            roots.append(fr.env)
    for r in roots:
        shade(r)
    scanned_words = 0
    nmarked = 0
    while grey:
        b = grey.pop()
        if b.info is not None and b.alive:
            if b.info not in marked:
                marked.add(b.info)
                nmarked += 1
            b.mark = 2
            if rec is not None:
                rec.gc_colour(b, 2)
        sh = shapes.get(id(b.elem))
        if not (sh.scan if sh is not None else b.elem.has_pointers):
            continue
        for v in b.cells:
            cls = v.__class__
            if cls is Ptr or cls is SliceV or cls is StrV:
                scanned_words += 1
                shade(v.block)
            elif cls is FuncV:
                scanned_words += 1
                shade(v.env)
    t.gc_marked += nmarked
    t.gc_work_cycles += nmarked * cost.GC_MARK_OBJECT + scanned_words * cost.GC_SCAN_WORD
    if rec is not None:
        rec.gc_phase("sweep")
    dead = [obj for obj in objects if obj not in marked]
    for obj in dead:
        blocks = objects.pop(obj)
        m.heap.free(obj)
        for b in (blocks if blocks.__class__ is list else (blocks,)):
            b.alive = False
            if rec is not None:
                rec.free(b)
        t.gc_swept += 1
        t.heap_frees += 1
    t.gc_work_cycles += len(dead) * cost.GC_SWEEP_OBJECT
    for blocks in objects.values():
        if blocks.__class__ is list:
            for b in blocks:
                b.mark = 0
        else:
            blocks.mark = 0
    m.heap.end_cycle()
    m.pacer.after_mark(m.heap.live_bytes)
    if rec is not None:
        rec.gc_phase("done")
