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
from .cache import L1Cache, _l1c
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


Logs = tuple[list[Block], bytearray, bytearray]  # colour changes: blocks, old, new
_TYPES = (Block, Ptr, SliceV, StrV, IfaceV, FuncV)  # (the order gc_mark reads them in)


def _scan_of(elem) -> bool:
    """Whether an object of this type holds pointers the GC must scan."""
    sh = _SHAPES.get(id(elem))
    return sh.scan if sh is not None else elem.has_pointers


def _roots(m: "Machine") -> list:
    roots: list = []
    if m.globals is not None:
        roots.append(m.globals)
    for fr in m.frames:
        roots.append(fr.block)
        roots.extend(fr.pins)
        if fr.env is not None:
            roots.append(fr.env)
    return roots


def collect(m: "Machine") -> None:
    """One full cycle: mark from the roots, then sweep unmarked objects.

    Colours live on the blocks themselves (`Block.mark`: 0 white, 1 grey,
    2 black), so marking a million objects needs no side tables. Both loops
    run in C where it is built (_l1c.gc_mark / gc_sweep, the same order)."""
    t = m.t
    rec = m.rec
    t.gc_cycles += 1
    t.gc_work_cycles += cost.GC_CYCLE
    logs: Logs | None = None
    if rec is not None:
        rec.gc_phase("mark")
        # the colour changes, in order, kept compact (Recorder.gc_colours)
        logs = ([], bytearray(), bytearray())
    compiled = L1Cache.compiled and _l1c is not None
    mark = _l1c.gc_mark if compiled else _mark
    marked_objs, others, nmarked, scanned_words = mark(_roots(m), _TYPES, _scan_of, logs, HEAP)
    t.gc_marked += nmarked
    t.gc_work_cycles += nmarked * cost.GC_MARK_OBJECT + scanned_words * cost.GC_SCAN_WORD
    if rec is not None:
        rec.gc_colours(*logs)
        rec.gc_phase("sweep")
    sweep = _l1c.gc_sweep if compiled else _sweep
    survivors, dead = sweep(m.heap_blocks, marked_objs, Block, rec.free if rec is not None else None)
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


def _mark(roots: list, types: tuple, scan_of, logs: Logs | None, heap: int) -> tuple[set, list, int, int]:
    """Mark from the roots: (allocator objects with a black block, shaded
    blocks outside the heap, objects marked, pointer words scanned)."""
    if logs is not None:
        log_block = logs[0].append
        log_old, log_new = logs[1].append, logs[2].append
    marked_objs: set[int] = set()
    grey: list = []
    others: list = []  # shaded blocks outside the heap (frames, globals)
    for r in roots:
        if r.__class__ is not Block:
            r = r.block  # a closure environment inside a frame
        if r.mark == 0:
            if logs is not None and r.where == heap:
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
        if b.where == heap and obj is not None:
            if obj not in marked_objs:  # the object's first block to turn black
                marked_objs.add(obj)
                nmarked += 1
        else:
            others.append(b)
        if logs is not None and b.where == heap:
            log_block(b)
            log_old(b.mark)
            log_new(2)
        b.mark = 2
        if not scan_of(b.elem):
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
                if logs is not None and blk.where == heap:
                    log_block(blk)
                    log_old(0)
                    log_new(1)
                blk.mark = 1
                grey.append(blk)
    return marked_objs, others, nmarked, scanned_words


def _sweep(blocks: list[Block], marked_objs: set, _block_type: type, rec_free) -> tuple[list[Block], list]:
    """One pass in allocation order: an allocator object dies when none of its
    blocks is marked (a tiny block lives while any object packed in it does);
    survivors turn back to white for the next cycle."""
    survivors: list[Block] = []
    dead: list = []
    dead_set: set = set()
    for b in blocks:
        obj = b.info
        if obj in marked_objs:
            b.mark = 0
            survivors.append(b)
            continue
        b.alive = False
        if rec_free is not None:
            rec_free(b)
        if obj not in dead_set:
            dead_set.add(obj)
            dead.append(obj)
    return survivors, dead
