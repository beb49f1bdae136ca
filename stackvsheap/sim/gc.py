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
from .shapes import _SHAPES
from .memory import HEAP, Block, FuncV, IfaceV, Ptr, SliceV, StrV

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
    """One full cycle: mark from the roots, then sweep unmarked objects.

    Colours live on the blocks themselves (`Block.mark`: 0 white, 1 grey,
    2 black), so marking a million objects needs no side tables."""
    t = m.t
    rec = m.rec
    t.gc_cycles += 1
    t.gc_work_cycles += cost.GC_CYCLE
    if rec is not None:
        rec.gc_phase("mark")
        # the colour changes, in order, kept compact (Recorder.gc_colours)
        col_blocks: list[Block] = []
        log_block = col_blocks.append
        col_old, col_new = bytearray(), bytearray()
        log_old, log_new = col_old.append, col_new.append
    shapes = _SHAPES
    marked_objs: set[int] = set()  # allocator objects with a black block
    grey: list = []
    others: list = []  # shaded blocks outside the heap (frames, globals)

    roots: list = []
    if m.globals is not None:
        roots.append(m.globals)
    for fr in m.frames:
        roots.append(fr.block)
        roots.extend(fr.pins)
        if fr.env is not None:
            roots.append(fr.env)
    for r in roots:
        if r.__class__ is not Block:
            r = r.block  # a closure environment inside a frame
        if r.mark == 0:
            if rec is not None and r.where == HEAP:
                log_block(r)
                log_old(0)
                log_new(1)
            r.mark = 1
            grey.append(r)
    scanned_words = 0
    nmarked = 0
    while grey:
        b = grey.pop()
        obj = b.info
        if b.where == HEAP and obj is not None:
            if obj not in marked_objs:  # the object's first block to turn black
                marked_objs.add(obj)
                nmarked += 1
        else:
            others.append(b)
        if rec is not None and b.where == HEAP:
            log_block(b)
            log_old(b.mark)
            log_new(2)
        b.mark = 2
        sh = shapes.get(id(b.elem))
        if not (sh.scan if sh is not None else b.elem.has_pointers):
            continue
        for v in b.cells:
            cls = v.__class__
            if cls is Ptr or cls is SliceV or cls is StrV or cls is IfaceV:
                blk = v.block
            elif cls is FuncV:
                blk = v.env
                if blk is not None and blk.__class__ is not Block:
                    blk = blk.block
            else:
                continue
            scanned_words += 1
            if blk is not None and blk.mark == 0:
                if rec is not None and blk.where == HEAP:
                    log_block(blk)
                    log_old(0)
                    log_new(1)
                blk.mark = 1
                grey.append(blk)
    t.gc_marked += nmarked
    t.gc_work_cycles += nmarked * cost.GC_MARK_OBJECT + scanned_words * cost.GC_SCAN_WORD
    if rec is not None:
        rec.gc_colours(col_blocks, col_old, col_new)
        rec.gc_phase("sweep")
    # One pass over the heap in allocation order: an allocator object dies
    # when none of its blocks is marked (a tiny block lives while any object
    # packed in it does); survivors turn back to white for the next cycle.
    survivors: list[Block] = []
    dead: list[int] = []
    dead_set: set[int] = set()
    for b in m.heap_blocks:
        obj = b.info
        if obj in marked_objs:
            b.mark = 0
            survivors.append(b)
            continue
        b.alive = False
        if rec is not None:
            rec.free(b)
        if obj not in dead_set:
            dead_set.add(obj)
            dead.append(obj)
    m.heap_blocks = survivors
    heap_free = m.heap.free
    for obj in dead:
        heap_free(obj)
    t.gc_swept += len(dead)
    t.heap_frees += len(dead)
    t.gc_work_cycles += len(dead) * cost.GC_SWEEP_OBJECT
    for b in others:
        b.mark = 0
    m.heap.end_cycle()
    m.pacer.after_mark(m.heap.live_bytes)
    if rec is not None:
        rec.gc_phase("done")
