"""The recorded run: steps, events and memory accesses, and a cursor that
moves to any step forward or back without replaying from the start.

Recording keeps deltas, not copies: every cell write logs (block, cell, old,
new), so a step is undone by writing the old values back. The blocks are the
machine's own, so after the run the cursor rewinds them in place. Per-step
counters and positions live in flat arrays; the cache, whose state is not
logged per access, is rebuilt from periodic snapshots plus a short replay of
the logged accesses.

Position k (0..N) means: steps 0..k-1 have run and step k is next; N is the
end of the run.
"""

from __future__ import annotations

from array import array
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .cache import L1Cache, _l1c
from .cost import Totals
from .machine import RunError
from .memory import Block
from .rss import resident_mb
from .stepcounters import CHUNK, StepCounters

# event kinds in `events`
CALL = "call"        # (CALL, frame)
RET = "ret"          # (RET, frame)
DECL = "decl"        # (DECL, frame, var)
SCOPE_END = "scope"  # (SCOPE_END, frame, (vars,))
ALLOC = "alloc"      # (ALLOC, block, site)
FREE = "free"        # (FREE, block)
REALLOC = "realloc"  # (REALLOC, old, new, old_count, new_count)
GC = "gc"            # (GC, phase)  phase: mark | sweep | done
COLOUR = "colour"    # (COLOUR, [block], olds, news): a mark phase's colour changes
                     # in order, olds and news as bytearrays (10 bytes a change)
OUTPUT = "out"       # (OUTPUT, text)

# Per-step counters, in this order.
COUNTERS = (
    "steps", "heap_allocs", "heap_reallocs", "heap_frees", "heap_bytes", "gc_cycles",
    "gc_marked", "gc_swept", "cache_hits", "cache_misses", "alloc_cycles", "gc_work_cycles",
    "frame_cycles", "stack_peak_bytes",
)
NC = len(COUNTERS)
CACHE_SNAPSHOT_EVERY = 4096  # accesses between cache snapshots
# An access's size field in acc_meta saturates here: the size is then in
# Recorder.acc_big (a memcpy's or memset's one access over a whole region).
BIG_SIZE = 0xFFFF

# Steps that start with a forced GC cycle (Go; the play screen's "force a GC"
# key re-runs the program with one added). Set around a recorded run with
# `forcing_gc`; a context variable, so concurrent runs in other threads or
# tasks are unaffected.
_FORCE_GC: ContextVar[frozenset[int]] = ContextVar("force_gc", default=frozenset())


@contextmanager
def forcing_gc(steps: Iterable[int]) -> Iterator[None]:
    """Within the block, recorded Go runs start step k with a GC cycle for
    every k in `steps` (k >= 1: the request is made while step k-1 runs)."""
    token = _FORCE_GC.set(frozenset(steps))
    try:
        yield
    finally:
        _FORCE_GC.reset(token)


class ListWriteLog:
    """The cell writes of a recorded run, (block, cell, old, new) in order:
    four list entries a write. The pure twin of `_l1c.WriteLog`, which
    keeps int values unboxed (tests/sim/test_writelog.py)."""

    __slots__ = ("_w", "add")

    def __init__(self) -> None:
        self._w: list[Any] = []
        self.add = self._w.extend  # add((block, cell, old, new))

    def write(self, b: Block, i: int, old: Any, new: Any) -> None:
        self._w.extend((b, i, old, new))

    def __len__(self) -> int:
        return len(self._w) >> 2

    def __getitem__(self, j: int) -> tuple[Block, int, Any, Any]:
        if not -len(self) <= j < len(self):
            raise IndexError("write log index out of range")
        k = (j % len(self)) * 4
        w = self._w
        return w[k], w[k + 1], w[k + 2], w[k + 3]

    def redo(self, lo: int, hi: int) -> None:
        """Writes lo..hi-1 again, in order."""
        w = self._w
        for k in range(4 * max(lo, 0), 4 * min(hi, len(self)), 4):
            try:  # (_set_cell inlined: millions of writes)
                w[k].cells[w[k + 1]] = w[k + 3]
            except IndexError:
                _set_cell(w[k], w[k + 1], w[k + 3])

    def undo(self, lo: int, hi: int) -> None:
        """Writes hi-1 down to lo undone: each cell gets its old value back."""
        w = self._w
        for k in range(4 * min(hi, len(self)) - 4, 4 * max(lo, 0) - 4, -4):
            try:
                w[k].cells[w[k + 1]] = w[k + 2]
            except IndexError:
                _set_cell(w[k], w[k + 1], w[k + 2])


def new_write_log() -> Any:
    """The compiled write log where the compiled cache is in use (the same
    switch), else the list one."""
    if L1Cache.compiled and _l1c is not None:
        return _l1c.WriteLog()
    return ListWriteLog()


class Recorder:
    """Collects the trace while the machine runs."""

    def __init__(self) -> None:
        self.step_line = array("i")
        self.step_col = array("i")
        self.step_depth = array("i")
        # indices, unsigned 32-bit: the recording budget keeps them far below 2**32
        self.step_w = array("I")   # index into wlog (in writes)
        self.step_e = array("I")   # index into events
        self.step_a = array("I")   # index into the access log
        self.step_sp = array("q")
        self.counters = StepCounters(NC)  # NC per step, packed in chunks
        self.wlog = new_write_log()
        self.events: list[tuple] = []
        # where in `events` the ALLOC, FREE, REALLOC, GC and COLOUR events
        # are (the ones that leave state on blocks): a run of a million
        # declarations is not read to find them
        self.block_events = array("I")
        self.acc_addr = array("Q")
        # min(size, BIG_SIZE) << 16 | way << 8 | write << 1 | miss: 4 bytes
        # an access (millions a run), the rare big size kept apart
        self.acc_meta = array("I")
        self.acc_big: dict[int, int] = {}  # access index -> its size >= BIG_SIZE
        self.cache_snaps: list[tuple[int, Any]] = []
        self.m: Any = None
        self._log: Any = None  # the compiled step log, when the cache is compiled
        self._recorded: Any = None  # () -> steps recorded so far (set on attach)
        # (block, steps recorded, writes logged) at the latest allocation
        self._fresh: tuple[Block, int, int] | None = None
        self._finishing = False

    # ---- wiring --------------------------------------------------------------

    def attach(self, m: Any) -> None:
        self.m = m
        cache: L1Cache = m.cache
        c = cache.compiled_recording()
        if c is not None:
            m.access, m.access_w = c.rec_read, c.rec_write
            self._log = self._step_log(c)
            self.step = self._log.step  # type: ignore[method-assign]
            recorded = self._log.count
        else:
            access, access_w, counts = cache.recording_access(self.acc_addr.append, self._meta_log())
            m.access = access
            m.access_w = access_w
            self.step = self._stepper(counts)  # type: ignore[method-assign]
            recorded = self.step_line.__len__
        self._recorded = recorded

        gc_at = _FORCE_GC.get()
        if gc_at:
            plain = self.step

            def step(line: int, col: int, fr: Any) -> None:
                plain(line, col, fr)
                # The compiled step checks `gc_pending` before recording, so
                # asking now runs the cycle at the start of the next step.
                if recorded() in gc_at:
                    m.gc_pending = True

            self.step = step  # type: ignore[method-assign]
            plain_safe_point = m.safe_point

            def safe_point() -> None:
                plain_safe_point()
                # A cycle the allocator asked for in this same step would
                # otherwise swallow the request for the next one.
                if recorded() in gc_at:
                    m.gc_pending = True

            m.safe_point = safe_point

    def _meta_log(self) -> Any:
        """The pure cache's `meta_log(size << 16 | way << 8 | flags)`, storing
        as the compiled take_log does (a big size saturated, kept apart)."""
        meta, big = self.acc_meta, self.acc_big
        append = meta.append

        def meta_log(x: int) -> None:
            size = x >> 16
            if size >= BIG_SIZE:
                big[len(meta)] = size
                x = BIG_SIZE << 16 | (x & 0xFFFF)
            append(x)
        return meta_log

    def access_size(self, j: int) -> int:
        """The size in bytes of logged access j."""
        size = self.acc_meta[j] >> 16
        return self.acc_big[j] if size == BIG_SIZE else size

    def replay_accesses(self, cache: L1Cache, lo: int, hi: int) -> None:
        """Logged accesses lo..hi-1 again, through `cache`."""
        addr, meta, big = self.acc_addr, self.acc_meta, self.acc_big
        access = cache.access
        for j in range(lo, hi):
            size = meta[j] >> 16
            access(addr[j], big[j] if size == BIG_SIZE else size)

    def _counters(self) -> list[int]:
        t: Totals = self.m.t
        return [getattr(t, name) for name in COUNTERS]

    # ---- hooks called by the machine -------------------------------------------

    def _stepper(self, counts: Any) -> Any:
        """`step`, as a closure over the buffers (called once per step).
        The cache is snapshotted at the first step boundary after every
        CACHE_SNAPSHOT_EVERY accesses."""
        m = self.m
        t = m.t
        frames = m.frames
        cache = m.cache
        wlog, events, acc = self.wlog, self.events, self.acc_addr
        snaps = self.cache_snaps
        every = CACHE_SNAPSHOT_EVERY
        lines, cols, depths = self.step_line.append, self.step_col.append, self.step_depth.append
        sw, se, sa, ssp = self.step_w.append, self.step_e.append, self.step_a.append, self.step_sp.append
        counters = self.counters
        ctr, ctail, pack_at = counters.extend, counters.tail, counters.flush_at
        snap_at = -every

        def step(line: int, col: int, fr: Any) -> None:
            nonlocal snap_at
            lines(line)
            cols(col)
            depths(len(frames))
            sw(len(wlog))
            se(len(events))
            n = len(acc)
            sa(n)
            ssp(m.sp)
            if n - snap_at >= every:
                snap_at = n
                cache.sync()
                snaps.append((n, cache.snapshot()))
            hits, misses = counts()
            if len(ctail) >= pack_at:
                self._pack_within_budget()
            ctr((
                t.steps - 1, t.heap_allocs, t.heap_reallocs, t.heap_frees, t.heap_bytes, t.gc_cycles,
                t.gc_marked, t.gc_swept, hits, misses, t.alloc_cycles,
                t.gc_work_cycles, t.frame_cycles, t.stack_peak_bytes,
            ))
        return step

    def _pack_within_budget(self) -> None:
        """Pack the counters' full chunk, then stop the run if the process
        has passed the recording budget (at the step just begun)."""
        self.counters.pack()
        budget = self.m.limits.max_record_mb
        if budget and resident_mb() > budget:
            raise RunError(
                f"recording limit exceeded: more than {budget:,} MiB after "
                f"{len(self.step_line) - 1:,} steps", (self.step_line[-1], self.step_col[-1]),
            )

    def _step_log(self, c: Any) -> Any:
        """`_stepper` in C (_l1c.StepLog over the compiled cache c): it
        buffers rows and hands them here every CHUNK steps, to be appended
        to the same arrays and packed at the same steps as the closure."""
        m = self.m
        counters = self.counters
        tail = counters.tail
        cols = (self.step_line, self.step_col, self.step_depth, self.step_w,
                self.step_e, self.step_a, self.step_sp)
        snaps = self.cache_snaps

        def flush(rows: tuple[bytes, ...], ctrs: bytes) -> None:
            for col, data in zip(cols, rows):
                col.frombytes(data)
            c.take_log(self.acc_addr, self.acc_meta, self.acc_big)
            tail.frombytes(ctrs)
            if len(tail) >= counters.flush_at and not self._finishing:
                self._pack_within_budget()

        def snap(n: int) -> None:
            state = array("q")
            state.frombytes(c.packed())  # cache.snapshot(), without a sync
            snaps.append((n, state))

        return _l1c.StepLog(c, m.frames, self.wlog, self.events, m, m.t, flush, snap,
                            CHUNK, CACHE_SNAPSHOT_EVERY)

    def step(self, line: int, col: int, fr: Any) -> None:
        """Record the start of a step (replaced by `_stepper` on attach)."""
        raise RuntimeError("Recorder.step before attach")

    def finish(self) -> None:
        """Close the run with the end position N."""
        if self._log is not None:
            self._finishing = True
            self._log.flush()
        self.step_line.append(0)
        self.step_col.append(0)
        self.step_depth.append(len(self.m.frames))
        self.step_w.append(len(self.wlog))
        self.step_e.append(len(self.events))
        self.step_a.append(len(self.acc_addr))
        self.step_sp.append(self.m.sp)
        self.counters.extend(self._counters())

    def write(self, b: Block, i: int, old: Any, new: Any) -> None:
        self.wlog.write(b, i, old, new)

    def writer(self) -> Any:
        """`write` as one call taking the tuple (b, i, old, new), for hot
        closures."""
        return self.wlog.add

    def call(self, fr: Any) -> None:
        self.events.append((CALL, fr))

    def ret(self, fr: Any) -> None:
        self.events.append((RET, fr))

    def decl_site(self, var: Any) -> Any:
        """The DECL event of `var` at one declaration site, as `(fr) -> None`
        (see `_site_event`)."""
        return self._site_event(DECL, var)

    def scope_end_site(self, scope: tuple[Any, ...]) -> Any:
        """The SCOPE_END event of one block, as `(fr) -> None`; `scope`: the
        block's variables, a tuple the caller does not change."""
        return self._site_event(SCOPE_END, scope)

    def _site_event(self, kind: str, what: Any) -> Any:
        """An event of one site of the program, as a closure
        `(fr) -> None` that appends the same event
        tuple again while the frame stays the same: a loop iteration's
        declaration costs 8 bytes, not a new 64-byte tuple. (The cursor
        undoes shared events in order, so sharing is exact.)"""
        append = self.events.append
        last: tuple = (kind, None, what)

        def event(fr: Any) -> None:
            nonlocal last
            if last[1] is not fr:
                last = (kind, fr, what)
            append(last)
        return event

    def _block_event(self, ev: tuple) -> None:
        self.block_events.append(len(self.events))
        self.events.append(ev)

    def alloc(self, b: Block, site: Any) -> None:
        self._block_event((ALLOC, b, site))
        self._fresh = (b, self._recorded(), len(self.wlog))

    def logs_fill_of(self, b: Block) -> bool:
        """Whether writes filling `b` now need logging. Not when this step
        allocated b and nothing has been written since: b was not alive
        before the step, so undoing it never needs b's earlier cells, and
        redoing it finds them filled (no logged write of the step touches
        them before the fill). A growslice's copy of a million pointers
        then costs no write records."""
        f = self._fresh
        return f is None or f[0] is not b or f[1] != self._recorded() or f[2] != len(self.wlog)

    def free(self, b: Block) -> None:
        self._block_event((FREE, b))

    def realloc(self, old: Block, new: Block, old_count: int) -> None:
        self._block_event((REALLOC, old, new, old_count, new.count))

    def gc_phase(self, phase: str) -> None:
        self._block_event((GC, phase))

    def gc_colours(self, blocks: list[Block], olds: bytearray, news: bytearray) -> None:
        """The mark phase's colour changes, in order, as one event."""
        if blocks:
            self._block_event((COLOUR, blocks, olds, news))

    def output(self, text: str) -> None:
        self.events.append((OUTPUT, text))

    @property
    def nsteps(self) -> int:
        return len(self.step_line) - 1


@dataclass
class FrameView:
    """A frame on the call stack at the cursor, and the locals visible in it."""

    frame: Any
    visible: list[Any]  # ir.Var in declaration order


class TraceCursor:
    """The machine's state at any position of a finished recorded run."""

    def __init__(self, rec: Recorder, at_end: bool = True) -> None:
        self.rec = rec
        self.n = rec.nsteps
        self.pos = self.n if at_end else 0
        # Rebuild the call stack and visibility at the end by replaying
        # events (cheap: no cell writes involved).
        self.stack: list[FrameView] = []
        self.heap: dict[int, Block] = {}
        self.output: list[str] = []
        self.gc_phase = "done"
        self._block_state: dict[int, tuple] = {}
        self._ended: dict[int, list[Any]] = {}
        # visibility before each DECL / SCOPE_END applied, to undo exactly
        self._saved_vis: dict[int, list[list[Any]]] = {}
        if at_end:
            for ev in rec.events:
                self._apply_event(ev)
        # else: position 0 over blocks the caller has rewound (`at_start`)

    @classmethod
    def at_start(cls, rec: Recorder) -> TraceCursor | None:
        """A cursor at position 0 in the state `TraceCursor(rec)` then
        `seek(0)` gives, without replaying every step's events forward and
        back: every write undone in one pass, and only the events that leave
        state on blocks (liveness, size, GC colour) undone, then the events
        before the first step (the entry call) applied. None when a block
        the trace names is live at 0 (allocated by the global initialisers,
        or before the first step): the slow path builds that heap."""
        events = rec.events
        e0 = rec.step_e[0]  # events before the first step (the entry call) stay applied
        at = rec.block_events
        if at and at[0] < e0:
            return None
        born: set[int] = set()
        for j in at:
            ev = events[j]
            kind = ev[0]
            if kind == ALLOC:
                born.add(id(ev[1]))
            elif kind == FREE:
                if id(ev[1]) not in born:
                    return None
            elif kind == REALLOC:
                if id(ev[1]) not in born:
                    return None
                born.add(id(ev[2]))
        cur = cls(rec, at_end=False)
        rec.wlog.undo(rec.step_w[0], len(rec.wlog))
        for j in reversed(at):
            ev = events[j]
            kind = ev[0]
            if kind == ALLOC:
                ev[1].alive = False
            elif kind == FREE:
                ev[1].alive = True
            elif kind == REALLOC:
                old, new, old_count, _ = ev[1:]
                if old is new:
                    _resize(new, old_count)
                else:
                    old.alive, new.alive = True, False
            elif kind == COLOUR:
                cur._undo_event(ev)
            elif kind == GC:
                cur._undo_event(ev)
        for ev in events[:e0]:
            cur._apply_event(ev)
        return cur

    # ---- moving ------------------------------------------------------------

    def seek(self, k: int) -> None:
        k = max(0, min(self.n, k))
        if k > self.pos:
            self._forward(self.pos, k)
        elif k < self.pos:
            self._backward(k, self.pos)
        self.pos = k

    # A range of steps moves in two passes, its writes then its events
    # (backward: events, then writes), not step by step: a write sets only
    # cells and an event only block state, frames and output, so the order
    # between them does not matter, and a jump across millions of steps
    # makes one call into the write log.

    def _forward(self, a: int, b: int) -> None:
        """Run steps a..b-1 again (from position a to b)."""
        rec = self.rec
        rec.wlog.redo(rec.step_w[a], rec.step_w[b])
        ev = rec.events
        apply = self._apply_event
        for j in range(rec.step_e[a], rec.step_e[b]):
            apply(ev[j])

    def _backward(self, a: int, b: int) -> None:
        """Undo steps b-1 down to a (from position b to a)."""
        rec = self.rec
        ev = rec.events
        undo = self._undo_event
        for j in range(rec.step_e[b] - 1, rec.step_e[a] - 1, -1):
            undo(ev[j])
        rec.wlog.undo(rec.step_w[a], rec.step_w[b])

    def _apply_event(self, ev: tuple) -> None:
        kind = ev[0]
        if kind == CALL:
            self.stack.append(FrameView(ev[1], []))
        elif kind == RET:
            fv = self.stack.pop()
            self._ended.setdefault(id(ev[1]), []).append(fv)
        elif kind == DECL or kind == SCOPE_END:
            fv = self._frame_view(ev[1])
            if fv is not None:
                self._saved_vis.setdefault(id(ev), []).append(fv.visible)
                if kind == DECL:
                    fv.visible = [v for v in fv.visible if v is not ev[2]] + [ev[2]]
                else:
                    gone = {id(v) for v in ev[2]}
                    fv.visible = [v for v in fv.visible if id(v) not in gone]
        elif kind == ALLOC:
            self._live(ev[1], True)
        elif kind == FREE:
            self._live(ev[1], False)
        elif kind == REALLOC:
            self._realloc(ev, forward=True)
        elif kind == GC:
            self.gc_phase = ev[1]
        elif kind == COLOUR:
            for b, c in zip(ev[1], ev[3]):
                b.mark = c
        elif kind == OUTPUT:
            self.output.append(ev[1])

    def _undo_event(self, ev: tuple) -> None:
        kind = ev[0]
        if kind == CALL:
            self.stack.pop()
        elif kind == RET:
            views = self._ended.get(id(ev[1]))
            fv = views.pop() if views else FrameView(ev[1], [])
            self.stack.append(fv)
        elif kind == DECL or kind == SCOPE_END:
            fv = self._frame_view(ev[1])
            saved = self._saved_vis.get(id(ev))
            if fv is not None and saved:
                fv.visible = saved.pop()
        elif kind == ALLOC:
            self._live(ev[1], False)
        elif kind == FREE:
            self._live(ev[1], True)
        elif kind == REALLOC:
            self._realloc(ev, forward=False)
        elif kind == GC:
            self.gc_phase = "done" if ev[1] == "mark" else ("mark" if ev[1] == "sweep" else "sweep")
        elif kind == COLOUR:
            for b, c in zip(reversed(ev[1]), reversed(ev[2])):
                b.mark = c
        elif kind == OUTPUT:
            if self.output:
                self.output.pop()

    def _live(self, b: Block, alive: bool) -> None:
        b.alive = alive
        if alive:
            self.heap[b.id] = b
        else:
            self.heap.pop(b.id, None)

    def _realloc(self, ev: tuple, forward: bool) -> None:
        old, new, old_count, new_count = ev[1:]
        if old is new:
            _resize(new, new_count if forward else old_count)
        else:
            self._live(old, not forward)
            self._live(new, forward)

    def _frame_view(self, fr: Any) -> FrameView | None:
        for fv in reversed(self.stack):
            if fv.frame is fr:
                return fv
        return None

    # ---- reading the state ---------------------------------------------------

    def line(self) -> int:
        return self.rec.step_line[self.pos]

    def col(self) -> int:
        return self.rec.step_col[self.pos]

    def sp(self) -> int:
        return self.rec.step_sp[self.pos]

    def totals(self) -> Totals:
        return self.totals_at(self.pos)

    def totals_at(self, k: int) -> Totals:
        """The counters at position k (without moving there)."""
        base = k * NC
        vals = self.rec.counters[base:base + NC]
        return Totals(**dict(zip(COUNTERS, vals)))

    def step_accesses(self, s: int | None = None) -> list[tuple[bool, int, int, int, bool]]:
        """(is_write, address, size, way, miss) of every access of step s
        (default: the step just run, pos - 1)."""
        s = self.pos - 1 if s is None else s
        if s < 0:
            return []
        rec = self.rec
        out = []
        for j in range(rec.step_a[s], rec.step_a[s + 1]):
            meta = rec.acc_meta[j]
            out.append((bool(meta & 2), rec.acc_addr[j], rec.access_size(j), (meta >> 8) & 0xFF, bool(meta & 1)))
        return out

    def cache_at(self) -> L1Cache:
        """The cache as it was at this position: the nearest snapshot before
        it, plus a replay of at most CACHE_SNAPSHOT_EVERY accesses."""
        rec = self.rec
        target = rec.step_a[self.pos]
        snap_at, snap = 0, None
        lo, hi = 0, len(rec.cache_snaps) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if rec.cache_snaps[mid][0] <= target:
                snap_at, snap = rec.cache_snaps[mid]
                lo = mid + 1
            else:
                hi = mid - 1
        c = L1Cache(rec.m.cache.sets * rec.m.cache.ways * rec.m.cache.line_bytes,
                    rec.m.cache.ways, rec.m.cache.line_bytes)
        if snap is not None:
            c.restore(snap)
        rec.replay_accesses(c, snap_at, target)
        return c


def _set_cell(b: Block, i: int, v: Any) -> None:
    cells = b.cells
    if i < len(cells):
        cells[i] = v
    else:
        cells.extend([None] * (i + 1 - len(cells)))
        cells[i] = v


def _resize(b: Block, count: int) -> None:
    """In-place realloc: the block's visible size changes."""
    b.count = count
    b.size = count * b.elem_size
