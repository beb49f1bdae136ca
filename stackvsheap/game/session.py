"""One loaded run, as the play screen sees it: a position in the recorded
trace, the moves a player makes, and what each step means in words.

Pure and Textual-free (like frogmouth's `History`): the play screen, the
duel, the results screen and the tests all drive the same object. Moving is
delta-based (`TraceCursor.seek`): stepping back undoes one step, it never
replays from the start. What the panes draw is read from the cursor at the
current position, plus two small indexes kept in step with it: the live
heap by span or chunk (`HeapMap`) and the L1 cache.

Position k (0..N) means steps 0..k-1 have run and step k is next. The step
"just run" (k-1) is the one the narration explains and whose effects the
panes show; the code pane marks its line and, more faintly, the next one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..lang.rust.enums import EnumType, enum_pieces
from ..lang import ir
from ..lang.types import ArrayType, StructType, TupleType, Type
from ..sim.cache import L1Cache
from ..sim.cost import Totals
from ..sim.memory import HEAP, STATIC, Block, FuncV, Ptr, SliceV, StrV
from ..sim.trace import (
    ALLOC, CALL, COLOUR, COUNTERS, DECL, FREE, GC, NC, OUTPUT, REALLOC, RET, SCOPE_END,
    TraceCursor,
)

# A recorded step costs a few hundred bytes (events, cell writes, accesses):
# two million steps is about 1 GB, the most a player's machine should spend.
GAME_MAX_STEPS = 2_000_000

# Cache states kept for stepping back (about 2 KB each).
CACHE_RING = 512

_I_HITS = COUNTERS.index("cache_hits")
_I_MISSES = COUNTERS.index("cache_misses")


class LoadError(Exception):
    """A snippet that cannot be played: `str()` is `file:line:col: message`."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.file = file
        self.line = max(line, 1)
        self.col = max(col, 1)
        self.message = message

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


# ---- small values the screens read ---------------------------------------------


@dataclass(frozen=True)
class ScoreVsPar:
    """The running score (cycles so far), the run's final score and par."""

    score: int
    final: int
    par: int | None

    @property
    def delta(self) -> int | None:
        """Final score minus par: positive beats par (higher is better)."""
        return None if self.par is None else self.final - self.par


@dataclass(frozen=True)
class LoopInfo:
    """A loop of the source: where its condition is checked and its lines."""

    func: str
    cond_line: int
    cond_col: int
    first_line: int
    last_line: int

    def __contains__(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


@dataclass(frozen=True)
class Access:
    """One memory access of a step, placed in the cache."""

    write: bool
    addr: int
    size: int
    set: int
    way: int
    hit: bool


@dataclass(frozen=True)
class GCView:
    """A GC cycle that ran in the step just run: the marking order (for the
    wave), who survived and who was swept."""

    cycle: int
    forced: bool
    order: tuple[tuple[Block, int], ...]   # (block, colour) as marking proceeded
    marked: frozenset[int]                 # block ids that ended black
    swept: tuple[Block, ...]               # freed by the sweep, in order

    @property
    def swept_bytes(self) -> int:
        return sum(b.size for b in self.swept)


@dataclass(frozen=True)
class Target:
    """A pointer inside a displayed value: where it points."""

    block: Block
    addr: int


Piece = "str | Target"


@dataclass(frozen=True)
class SlotRow:
    """One row of a frame box: a variable, a compiler temporary, the return
    address or the saved frame pointer. `pieces` is the value, text and
    pointer targets (the stack pane colours those as tags)."""

    kind: str           # "ret" | "fp" | "param" | "local" | "temp" | "reserved"
    name: str
    type: str
    addr: int
    size: int
    pieces: tuple[Any, ...]
    declared: bool = True
    moved: bool = False  # a Go variable moved to the heap: the slot holds its address


@dataclass
class FrameBox:
    """A frame on the stack, laid out by address (highest first)."""

    func: str
    depth: int
    top: int            # SP before the call: the caller's side of the return address
    bottom: int         # SP inside this frame (its lowest address)
    rows: list[SlotRow]


# ---- the live heap, by span (Go) or chunk (Rust) -------------------------------


@dataclass
class Span:
    """A Go span with at least one live object at the cursor."""

    sid: int
    base: int
    size_class: int
    elem: int
    nelems: int
    noscan: bool
    large: bool
    slots: dict[int, list[Block]] = field(default_factory=dict)
    last_slot: int = 0

    @property
    def used(self) -> int:
        return len(self.slots)

    @property
    def free(self) -> int:
        return self.nelems - len(self.slots)

    @property
    def end(self) -> int:
        return self.base + self.elem * self.nelems


class HeapMap:
    """The heap at the cursor, indexed for drawing: Go spans in address
    order with their occupied slots, or Rust malloc chunks in address order.
    Updated from each step's events, so a step costs O(its events), never a
    rebuild."""

    def __init__(self, language: str, allocator: Any) -> None:
        self.go = language == "go"
        self.allocator = allocator
        self.first_counts = {}
        self.last_counts = {}
        self.spans: dict[int, Span] = {}
        self.span_bases: list[tuple[int, int]] = []   # sorted (base, sid)
        self.chunks: dict[int, Block] = {}            # Rust: user address -> block
        self.chunk_addrs: list[int] = []              # sorted
        self.live_blocks = 0
        self.live_bytes = 0
        # Bytes counted for each live block when it was added: the cursor
        # resizes blocks in place (realloc) before the map hears of it.
        self._sizes: dict[int, int] = {}
        self.newest: Block | None = None

    # -- geometry ---------------------------------------------------------

    def _span_of(self, b: Block) -> tuple[Span, int] | None:
        from ..sim.goheap import (
            CLASS_TO_SIZE, TINY_SIZE, TINY_SIZE_CLASS, size_class, span_nelems,
        )

        obj = b.info
        if obj is None or obj < 0:
            return None
        sid, slot = obj >> 10, obj & 1023
        span = self.spans.get(sid)
        if span is None:
            heap = self.allocator
            elem = heap.object_size(obj)
            base = heap.object_base(obj) - slot * elem
            noscan = not b.elem.has_pointers
            if noscan and 0 < b.size < TINY_SIZE:
                cls = TINY_SIZE_CLASS
            else:
                cls = size_class(b.size, noscan)
            large = cls == 0
            nelems = 1 if large else span_nelems(cls, noscan)
            if not large:
                elem = CLASS_TO_SIZE[cls]
            span = Span(sid, base, cls, elem, nelems, noscan, large)
        return span, slot

    @staticmethod
    def chunk_of(b: Block) -> tuple[int, int]:
        """(chunk address, chunk size) of a Rust heap block."""
        from ..sim.malloc import chunk_size

        return b.addr - 16, chunk_size(b.size)

    # -- updates ------------------------------------------------------------

    def add(self, b: Block, size: int | None = None) -> None:
        """Add a live block; `size` is its size at that point of the run
        (the cursor has already resized blocks to the target position)."""
        if b.where != HEAP:
            return
        if size is None:
            size = b.size
        if self.go:
            found = self._span_of(b)
            if found is None:
                return
            span, slot = found
            if span.sid not in self.spans:
                self.spans[span.sid] = span
                bisect.insort(self.span_bases, (span.base, span.sid))
            blocks = span.slots.get(slot)
            if blocks is None:
                span.slots[slot] = [b]
            elif b not in blocks:
                blocks.append(b)
            else:
                return
            span.last_slot = slot
        else:
            if b.addr in self.chunks:
                if self.chunks[b.addr] is b:
                    return
                self.remove(self.chunks[b.addr])  # a stale block at a reused address
            self.chunks[b.addr] = b
            bisect.insort(self.chunk_addrs, b.addr)
        self.live_blocks += 1
        self.live_bytes += size
        self._sizes[b.id] = size
        self.newest = b

    def remove(self, b: Block) -> None:
        if b.where != HEAP:
            return
        if self.go:
            obj = b.info
            if obj is None or obj < 0:
                return
            span = self.spans.get(obj >> 10)
            if span is None:
                return
            slot = obj & 1023
            blocks = span.slots.get(slot)
            if not blocks or b not in blocks:
                return
            blocks.remove(b)
            if not blocks:
                del span.slots[slot]
            if not span.slots:
                del self.spans[span.sid]
                i = bisect.bisect_left(self.span_bases, (span.base, span.sid))
                if i < len(self.span_bases) and self.span_bases[i] == (span.base, span.sid):
                    del self.span_bases[i]
        else:
            if self.chunks.get(b.addr) is not b:
                return
            del self.chunks[b.addr]
            i = bisect.bisect_left(self.chunk_addrs, b.addr)
            if i < len(self.chunk_addrs) and self.chunk_addrs[i] == b.addr:
                del self.chunk_addrs[i]
        self.live_blocks -= 1
        self.live_bytes -= self._sizes.pop(b.id, b.size)
        if self.newest is b:
            self.newest = None

    def apply(self, ev: tuple) -> None:
        kind = ev[0]
        if kind == ALLOC:
            self.add(ev[1], self.first_size(ev[1]))
        elif kind == FREE:
            self.remove(ev[1])
        elif kind == REALLOC:
            old, new, old_count, new_count = ev[1:]
            if old is new:
                self._resized(new, (new_count - old_count) * new.elem_size)
            else:
                self.remove(old)
                self.add(new, self.first_size(new))

    def _resized(self, b: Block, delta: int) -> None:
        if b.id in self._sizes:
            self._sizes[b.id] += delta
            self.live_bytes += delta

    def undo(self, ev: tuple) -> None:
        kind = ev[0]
        if kind == ALLOC:
            self.remove(ev[1])
        elif kind == FREE:
            self.add(ev[1], self.last_size(ev[1]))
        elif kind == REALLOC:
            old, new, old_count, new_count = ev[1:]
            if old is new:
                self._resized(new, -(new_count - old_count) * new.elem_size)
            else:
                self.remove(new)
                self.add(old, self.last_size(old))

    # A block that realloc grows in place has a different size at its
    # allocation and at its free; both are read off the events once.
    first_counts: dict[int, int]
    last_counts: dict[int, int]

    def first_size(self, b: Block) -> int:
        c = self.first_counts.get(b.id)
        return b.size if c is None else c * b.elem_size

    def last_size(self, b: Block) -> int:
        c = self.last_counts.get(b.id)
        return b.size if c is None else c * b.elem_size

    def rebuild(self, live: Iterable[Block]) -> None:
        self.spans.clear()
        self.span_bases.clear()
        self.chunks.clear()
        self.chunk_addrs.clear()
        self.live_blocks = 0
        self.live_bytes = 0
        self._sizes.clear()
        for b in live:  # the cursor keeps live blocks in allocation order
            self.add(b)

    # -- reading ------------------------------------------------------------

    def span_for(self, b: Block) -> Span | None:
        if b.info is None or b.info < 0:
            return None
        return self.spans.get(b.info >> 10)

    def spans_in_order(self, start: int = 0) -> Iterable[Span]:
        for _, sid in self.span_bases[start:]:
            yield self.spans[sid]

    def chunk_index(self, addr: int) -> int:
        return bisect.bisect_left(self.chunk_addrs, addr)


# ---- formatting values -----------------------------------------------------------


def _scalar_text(v: Any, go: bool) -> str:
    if v is None:
        return "nil" if go else "None"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return str(v)


def value_pieces(cells: list[Any], ty: Type, go: bool, limit: int = 4) -> tuple[Any, ...]:
    """A variable's value as display pieces: text and pointer targets."""
    if ty.nleaves == 1 and not ty.is_aggregate:
        return _leaf_pieces(cells[0] if cells else None, go)
    out: list[Any] = []
    if isinstance(ty, EnumType):
        return enum_pieces(cells, ty, lambda c, t: value_pieces(c, t, go, limit=2))
    if isinstance(ty, StructType) or isinstance(ty, TupleType):
        fields = ty.fields if isinstance(ty, StructType) else [(str(i), t) for i, t in enumerate(ty.elems)]
        out.append("{")
        i = 0
        for n, (fname, ft) in enumerate(fields):
            if n:
                out.append(", ")
            if n >= limit:
                out.append("…")
                break
            if isinstance(ty, StructType) and not ty.tuple_struct:
                out.append(f"{fname}: ")
            k = ft.nleaves
            out.extend(value_pieces(cells[i:i + k], ft, go, limit=2))
            i += k
        out.append("}")
        return tuple(out)
    if isinstance(ty, ArrayType):
        k = ty.elem.nleaves
        out.append("[")
        for n in range(min(ty.length, limit)):
            if n:
                out.append(" ")
            out.extend(value_pieces(cells[n * k:(n + 1) * k], ty.elem, go, limit=2))
        if ty.length > limit:
            out.append(f" …{ty.length - limit}")
        out.append("]")
        return tuple(out)
    return tuple(p for v in cells[:limit] for p in (*_leaf_pieces(v, go), " "))[:-1] or ("…",)


def _addr(v: Any) -> int:
    """A pointer's address; a zero-sized pointee has no cells to index."""
    b = v.block
    return b.addr if not b.nleaves else v.addr


def _leaf_pieces(v: Any, go: bool) -> tuple[Any, ...]:
    cls = v.__class__
    if cls is Ptr:
        b = v.block
        a = _addr(v)
        if b.where == HEAP:
            if not b.size:
                return (f"dangling {a:#x} (nothing allocated)",)
            return (Target(b, a),)
        if b.where == STATIC:
            return (f"&global {a:#x}",)
        return (f"&{a:#x}",)
    if cls is SliceV:
        b = v.block
        if b is None:
            return ("nil" if go else "empty",)
        a = _addr(v)
        if b.where == HEAP and not b.size:
            return (f"dangling {a:#x}", f" len {v.length} cap {v.cap}")
        head: Any = Target(b, a) if b.where == HEAP else f"&{a:#x}"
        return (head, f" len {v.length} cap {v.cap}")
    if cls is StrV:
        text = v.text if len(v.text) <= 14 else v.text[:13] + "…"
        if v.block is not None and v.block.where == HEAP:
            return (Target(v.block, v.addr), f" {text!r}")
        return (repr(text).replace("'", '"'),)
    if cls is FuncV:
        env = v.env
        if isinstance(env, Block) and env.where == HEAP:
            return ("func ", Target(env, env.addr))
        if env is not None:
            # a closure that does not escape: its context lives in a frame
            return (f"func, context at {env.cell_addr(0):#x}",)
        return (f"func {getattr(v.func, 'name', '')}".rstrip(),)
    return (_scalar_text(v, go),)


def pieces_text(pieces: Iterable[Any], tag: Any = None) -> str:
    """Plain text of display pieces (tags as `●` + letter when `tag` maps)."""
    out = []
    for p in pieces:
        if isinstance(p, Target):
            out.append("●" + (tag(p.block) if tag else "") if tag else f"{p.addr:#x}")
        else:
            out.append(p)
    return "".join(out)


def tag_letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: a short, stable name for heap block n."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


def human_bytes(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB".replace(".0 ", " ")
    return f"{n / (1024 * 1024):.1f} MiB".replace(".0 ", " ")


# ---- the session -------------------------------------------------------------------


class GameSession:
    """One snippet, run once on the simulated machine and recorded, and the
    player's position in that run."""

    def __init__(
        self,
        program: ir.Program,
        result: Any,
        *,
        snippet: Any = None,
        display: str | None = None,
        entry: str | None = None,
        forced_gc: tuple[int, ...] = (),
    ) -> None:
        if result.recorder is None:
            raise ValueError("the run was not recorded")
        self.program = program
        self.result = result
        self.snippet = snippet
        self.display = display or program.file
        self.entry_arg = entry
        self.forced_gc = forced_gc
        self.language: str = program.language
        self.go = self.language == "go"
        self.rec = result.recorder
        self.machine = result.machine
        self.cursor = TraceCursor(self.rec)
        self.final_totals: Totals = self.cursor.totals()
        self.source_lines = program.source.splitlines()
        self.heap = HeapMap(self.language, self.machine.heap)
        self.heap.rebuild(self.cursor.heap.values())
        self._ordinal: dict[int, int] = {}
        self._call_line: dict[int, int] = {}
        self._index_events()
        self._sites_by_line: dict[int, list[ir.Site]] = {}
        for s in program.sites:
            self._sites_by_line.setdefault(s.line, []).append(s)
        self._first_reach: dict[int, int] = {}
        for line in self._sites_by_line:
            try:
                self._first_reach[line] = self.rec.step_line.index(line, 0, max(self.rec.nsteps, 0))
            except ValueError:
                pass
        self._loops = _find_loops(program)
        self._truth_lines = self._find_truth_lines()
        reached = [self._first_reach[ln] for ln in self._truth_lines if ln in self._first_reach]
        self._truth_step = min(reached) if reached else -1
        self._cache: L1Cache | None = None
        self._cache_pos = -1
        self._cache_ring: dict[int, object] = {}
        self._seek(0)

    # ---- loading -----------------------------------------------------------

    @classmethod
    def load(cls, ref: str, entry: str | None = None) -> GameSession:
        """Parse and run a snippet id or a .go/.rs path. Raises `LoadError`
        (`file:line:col: message`) for anything that cannot be played."""
        from ..game.snippets import resolve

        try:
            snip = resolve(ref)
        except (FileNotFoundError, ValueError) as e:
            raise LoadError(ref, 1, 1, str(e)) from None
        display = snip.path.name if snip.id != str(snip.path) else ref
        try:
            source = snip.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise LoadError(display, 1, 1, f"cannot read file: {e}") from None
        try:
            from ..lang.load import parse_source

            program = parse_source(source, display, snip.language)
        except ir.UnsupportedError as e:
            raise LoadError(display, e.pos[0], e.pos[1], e.message.replace("\n", "; ")) from None
        except LoadError:
            raise
        except Exception as e:  # a front-end bug must not reach the player as a traceback
            raise LoadError(display, 1, 1, f"internal error in the {snip.language} front end: "
                            f"{type(e).__name__}: {e}") from None
        return cls.from_program(program, snippet=snip, display=display, entry=entry)

    @classmethod
    def from_program(
        cls,
        program: ir.Program,
        *,
        snippet: Any = None,
        display: str | None = None,
        entry: str | None = None,
        forced_gc: Iterable[int] = (),
    ) -> GameSession:
        """Run an already parsed program (tests build IR by hand)."""
        from ..sim.machine import Limits, RunError
        from ..sim.run import run_program
        from ..sim.trace import forcing_gc

        display = display or program.file
        forced = tuple(sorted(set(forced_gc)))
        try:
            with forcing_gc(forced):
                result = run_program(
                    program, entry, declared_entry=getattr(snippet, "entry", None),
                    record=True, limits=Limits(max_steps=GAME_MAX_STEPS),
                )
        except ir.UnsupportedError as e:
            raise LoadError(display, e.pos[0], e.pos[1], e.message.replace("\n", "; ")) from None
        except RunError as e:
            raise LoadError(display, e.pos[0], e.pos[1], e.message.replace("\n", "; ")) from None
        except Exception as e:
            raise LoadError(display, 1, 1, f"internal error in the simulator: "
                            f"{type(e).__name__}: {e}") from None
        err = result.error
        if err is not None and err.message.startswith("step limit exceeded"):
            raise LoadError(
                display, err.pos[0], err.pos[1],
                f"too long to play: more than {GAME_MAX_STEPS:,} steps "
                "(try `stackvsheap trace`, which does not record)",
            )
        if result.recorder is None or result.recorder.nsteps < 0:
            raise LoadError(display, 1, 1, (err.message if err else "the program did not run"))
        return cls(program, result, snippet=snippet, display=display, entry=entry, forced_gc=forced)

    def with_forced_gc(self, at: int | None = None) -> GameSession:
        """The same program re-run with a GC cycle forced at step `at`
        (default: the next step), positioned just after that cycle. Go only."""
        if not self.go:
            raise ValueError("Rust has no garbage collector")
        k = self.position if at is None else at
        k = max(1, min(k, self.n_steps - 1))
        s = GameSession.from_program(
            self.program, snippet=self.snippet, display=self.display, entry=self.entry_arg,
            forced_gc=(*self.forced_gc, k),
        )
        s.jump(k + 1)
        return s

    # ---- facts about the run -------------------------------------------------

    @property
    def title(self) -> str:
        return getattr(self.snippet, "title", None) or self.display

    @property
    def snippet_id(self) -> str:
        return getattr(self.snippet, "id", None) or self.display

    @property
    def claim(self) -> str:
        return getattr(self.snippet, "claim", "") or ""

    @property
    def truth(self) -> str | None:
        return getattr(self.snippet, "truth", None)

    @property
    def par(self) -> int | None:
        return getattr(self.snippet, "par", None)

    @property
    def entry(self) -> str:
        return self.result.entry

    @property
    def error(self) -> str | None:
        """The runtime error that ended the run early, as `file:line:col: message`."""
        e = self.result.error
        if e is None:
            return None
        line, col = e.pos
        return f"{self.display}:{max(line, 1)}:{max(col, 1)}: {e.message.replace(chr(10), '; ')}"

    @property
    def n_steps(self) -> int:
        return self.rec.nsteps

    @property
    def position(self) -> int:
        return self.cursor.pos

    @property
    def at_start(self) -> bool:
        return self.cursor.pos == 0

    @property
    def at_end(self) -> bool:
        return self.cursor.pos >= self.rec.nsteps

    @property
    def cache_geometry(self) -> tuple[int, int, int]:
        c = self.machine.cache
        return c.sets, c.ways, c.line_bytes

    # ---- moving --------------------------------------------------------------

    def _seek(self, k: int) -> None:
        """Move the cursor and keep the heap map in step, by deltas."""
        rec = self.rec
        k = max(0, min(rec.nsteps, k))
        a = self.cursor.pos
        if k == a:
            return
        self.cursor.seek(k)
        ev = rec.events
        heap = self.heap
        lo, hi = (a, k) if k > a else (k, a)
        e0, e1 = rec.step_e[lo], rec.step_e[hi]
        if k > a:
            for j in range(e0, e1):
                e = ev[j]
                if e[0] in (ALLOC, FREE, REALLOC):
                    heap.apply(e)
                elif e[0] == CALL and k - a == 1:
                    self._call_line[id(e[1])] = rec.step_line[a]
        else:
            for j in range(e1 - 1, e0 - 1, -1):
                e = ev[j]
                if e[0] in (ALLOC, FREE, REALLOC):
                    heap.undo(e)
        if k < a or (k - a) > 1:
            heap.newest = None
            # the newest block is the last allocation of the step just run
            if k > 0:
                for j in range(rec.step_e[k] - 1, rec.step_e[k - 1] - 1, -1):
                    e = ev[j]
                    if e[0] == ALLOC and e[1].alive:
                        heap.newest = e[1]
                        break

    def step(self, n: int = 1) -> bool:
        """Run the next `n` steps; False if already at the end."""
        if self.at_end:
            return False
        self._seek(self.cursor.pos + max(1, n))
        return True

    def back(self, n: int = 1) -> bool:
        """Undo the last `n` steps; False if already at the start."""
        if self.at_start:
            return False
        self._seek(self.cursor.pos - max(1, n))
        return True

    def jump(self, k: int) -> bool:
        """Go to position k (clamped to 0..N); False if already there."""
        k = max(0, min(self.n_steps, k))
        if k == self.position:
            return False
        self._seek(k)
        return True

    def start(self) -> bool:
        return self.jump(0)

    def end(self) -> bool:
        return self.jump(self.n_steps)

    def next_line(self) -> bool:
        """Run until a statement on another source line has run in this
        frame or an outer one (calls are stepped over)."""
        if self.at_end:
            return False
        return self.jump(self.next_line_target())

    def next_line_target(self) -> int:
        """Where `next_line` would go (the UI decides how to get there)."""
        rec = self.rec
        pos, n = self.position, rec.nsteps
        if pos == 0:
            return 1
        line0, depth0 = rec.step_line[pos - 1], rec.step_depth[pos - 1]
        lines, depths = rec.step_line, rec.step_depth
        for s in range(pos, n):
            d = depths[s]
            if d < depth0 or (d == depth0 and lines[s] != line0):
                return s + 1
        return n

    # -- loops ----------------------------------------------------------------

    def current_loop(self) -> LoopInfo | None:
        """The innermost loop around the line just run (or, before a loop
        starts, the one about to run) in the current function."""
        if self.at_end:
            return None
        rec = self.rec
        pos = self.position
        cands = []
        if pos > 0 and rec.step_depth[pos - 1] == rec.step_depth[pos]:
            cands.append(rec.step_line[pos - 1])
        cands.append(rec.step_line[pos])
        for line in cands:
            best: LoopInfo | None = None
            for lp in self._loops:
                if line in lp and (best is None or lp.last_line - lp.first_line < best.last_line - best.first_line):
                    best = lp
            if best is not None:
                return best
        return None

    def _loop_depth(self) -> int:
        rec = self.rec
        pos = self.position
        return rec.step_depth[pos]

    def skip_iteration(self) -> bool:
        """Jump to the next check of the current loop's condition (past the
        loop when there is none)."""
        k = self.skip_iteration_target()
        return k is not None and self.jump(k)

    def end_of_loop(self) -> bool:
        """Jump past the current loop: the statement after it is next."""
        k = self.end_of_loop_target()
        return k is not None and self.jump(k)

    def skip_iteration_target(self) -> int | None:
        lp = self.current_loop()
        if lp is None:
            return None
        rec = self.rec
        d = self._loop_depth()
        lines, cols, depths = rec.step_line, rec.step_col, rec.step_depth
        s = self.position
        n = rec.nsteps
        while True:
            try:
                s = lines.index(lp.cond_line, s, n)
            except ValueError:
                return self.end_of_loop_target()
            if depths[s] < d:
                return self.end_of_loop_target()
            if depths[s] == d and cols[s] == lp.cond_col:
                return s + 1
            s += 1

    def end_of_loop_target(self) -> int | None:
        lp = self.current_loop()
        if lp is None:
            return None
        rec = self.rec
        d = self._loop_depth()
        lines, depths = rec.step_line, rec.step_depth
        n = rec.nsteps
        for s in range(self.position, n):
            ds = depths[s]
            if ds < d or (ds == d and lines[s] not in lp):
                return s
        return n

    # ---- reading the state ------------------------------------------------------

    def current_line(self) -> int:
        """The source line of the step just run (0 before the first step)."""
        pos = self.position
        return self.rec.step_line[pos - 1] if pos > 0 else 0

    def next_line_no(self) -> int:
        """The source line of the step about to run (0 at the end)."""
        return 0 if self.at_end else self.rec.step_line[self.position]

    def source_line(self, line: int) -> str:
        if 1 <= line <= len(self.source_lines):
            return self.source_lines[line - 1].strip()
        return ""

    def totals(self) -> Totals:
        return self.cursor.totals()

    def sp(self) -> int:
        return self.cursor.sp()

    def sp_delta(self) -> int:
        """How far SP moved in the step just run (negative: down)."""
        pos = self.position
        if pos == 0:
            return 0
        return self.rec.step_sp[pos] - self.rec.step_sp[pos - 1]

    @property
    def stack_top(self) -> int:
        return self.machine.stack_top

    def output(self) -> str:
        return "".join(self.cursor.output)

    def step_events(self, s: int | None = None) -> list[tuple]:
        """The events of step s (default: the step just run)."""
        s = self.position - 1 if s is None else s
        if s < 0 or s >= self.n_steps:
            return []
        rec = self.rec
        return rec.events[rec.step_e[s]:rec.step_e[s + 1]]

    # -- tags -------------------------------------------------------------------

    def _index_events(self) -> None:
        """Give every heap block a stable ordinal (its tag letter and
        colour): allocation order, a moved realloc keeping its old one."""
        n = 0
        ordinal = self._ordinal
        first, last = self.heap.first_counts, self.heap.last_counts
        for ev in self.rec.events:
            k = ev[0]
            if k == ALLOC:
                ordinal[ev[1].id] = n
                n += 1
            elif k == REALLOC:
                old, new, oc, nc = ev[1], ev[2], ev[3], ev[4]
                if old is not new:
                    ordinal[new.id] = ordinal.get(old.id, n)
                    first.setdefault(new.id, nc)
                else:
                    first.setdefault(new.id, oc)
                last[new.id] = nc

    def ordinal(self, b: Block) -> int:
        o = self._ordinal.get(b.id)
        if o is None:
            o = self._ordinal[b.id] = len(self._ordinal)
        return o

    def tag(self, b: Block) -> str:
        return tag_letters(self.ordinal(b))

    # -- the stack ------------------------------------------------------------------

    def frames(self) -> list[Any]:
        """The call stack at the cursor, outermost first (TraceCursor FrameViews)."""
        return self.cursor.stack

    def call_line(self, depth: int) -> int:
        """The caller's line for the frame at `depth` (0 = the entry: 0)."""
        stack = self.cursor.stack
        if depth <= 0 or depth >= len(stack):
            return 0
        fr = stack[depth].frame
        line = self._call_line.get(id(fr))
        if line is not None:
            return line
        # The call step is the latest step that ran at the caller's depth.
        rec = self.rec
        depths = rec.step_depth
        s = self.position - 1
        while s >= 0 and depths[s] > depth:
            s -= 1
        line = rec.step_line[s] if s >= 0 else 0
        self._call_line[id(fr)] = line
        return line

    def frame_box(self, depth: int) -> FrameBox:
        """The frame at `depth` (0 = outermost) as rows, highest address first."""
        fv = self.cursor.stack[depth]
        fr = fv.frame
        code = fr.func
        f: ir.Func = code.func
        fb = fr.block
        go = self.go
        top = fr.sp_before
        caller_line = self.call_line(depth)
        caller = self.cursor.stack[depth - 1].frame.func.name if depth > 0 else (
            "main" if f.name != "main" else "runtime")
        ret_text = f"↩ {caller}" + (f":{caller_line}" if caller_line else "")
        rows: list[SlotRow] = [
            SlotRow("ret", "return addr", "", top - 8, 8, (ret_text,)),
            SlotRow("fp", "saved FP", "", top - 16, 8,
                    (f"{self.cursor.stack[depth - 1].frame.sp_before - 16:#x}" if depth > 0 else "0x0",)),
        ]
        visible = {id(v) for v in fv.visible}
        params = {id(v) for v in f.params}
        caps = {id(c.inner) for c in f.captures}
        body: list[SlotRow] = []
        pending: list[tuple[int, str, int]] = []
        names = dict(zip((id(v) for v in list(f.params) + list(f.locals)), list(f.params) + list(f.locals)))
        for c in f.captures:
            names.setdefault(id(c.inner), c.inner)
        for key, slot in code.slots.items():
            v = names.get(key)
            if v is None:
                continue
            addr = fb.addr + slot.offset
            declared = key in visible or key in params or key in caps
            vt = v.ty
            size = 8 if slot.indirect else vt.size
            if not declared:
                pending.append((addr, v.name, size))
                continue
            cells = fb.cells[slot.base:slot.base + slot.nleaves]
            if slot.indirect:
                p = cells[0] if cells else None
                if isinstance(p, Ptr):
                    inner = p.block.cells[p.index:p.index + vt.nleaves]
                    pieces = (*_leaf_pieces(p, go), " = ", *value_pieces(inner, vt, go))
                else:
                    pieces = ("nil",)
                moved = v.placement == "heap"
            else:
                pieces = value_pieces(cells, vt, go)
                moved = False
            body.append(SlotRow("param" if key in params else "local", v.name, str(vt), addr, size,
                                pieces, True, moved))
        ft = code.frame_type
        offsets = ft._offsets
        for i, (fname, t) in enumerate(ft.fields):
            if not fname.startswith("autotmp"):
                continue
            key_slot = None
            for s in code.temps.values():
                if s.offset == offsets[i]:
                    key_slot = s
                    break
            if key_slot is None:
                continue
            cells = fb.cells[key_slot.base:key_slot.base + key_slot.nleaves]
            body.append(SlotRow("temp", fname.replace("autotmp ", ""), str(t), fb.addr + key_slot.offset,
                                t.size, value_pieces(cells, t, go, limit=3)))
        if pending:
            pending.sort(reverse=True)
            body.append(SlotRow(
                "reserved", ", ".join(n for _, n, _ in pending), "", pending[-1][0],
                sum(s for _, _, s in pending), (f"{sum(s for _, _, s in pending)} B reserved",),
                declared=False,
            ))
        body.sort(key=lambda r: -r.addr)
        rows.extend(body)
        return FrameBox(code.name or f.display_name, depth, top, fb.addr, rows)

    # -- the cache ------------------------------------------------------------------

    def cache(self) -> L1Cache:
        """The L1 at the cursor. Going forward, the step's accesses are
        replayed on the synced copy; going back, a recent position is
        restored from a ring of snapshots (~10 µs each), else rebuilt from
        the recorder's nearest snapshot, leaving snapshots for the steps
        just before it so that stepping back from there is cheap too."""
        pos = self.position
        rec = self.rec
        c = self._cache
        if c is not None and self._cache_pos == pos:
            return c
        ring = self._cache_ring
        addr, meta = rec.acc_addr, rec.acc_meta
        if c is not None and pos > self._cache_pos and rec.step_a[pos] - rec.step_a[self._cache_pos] <= 4096:
            ring[self._cache_pos] = c.snapshot()
            for j in range(rec.step_a[self._cache_pos], rec.step_a[pos]):
                c.access(addr[j], meta[j] >> 16)
        elif c is not None and pos in ring:
            c.restore(ring[pos])
        else:
            c = self._cache_rebuild(pos)
        while len(ring) > CACHE_RING:
            del ring[next(iter(ring))]
        self._cache = c
        self._cache_pos = pos
        return c

    def _cache_rebuild(self, pos: int) -> L1Cache:
        rec = self.rec
        sets, ways, line = self.cache_geometry
        target = rec.step_a[pos]
        snaps = rec.cache_snaps
        i = bisect.bisect_right([a for a, _ in snaps], target) - 1 if snaps else -1
        c = L1Cache(sets * ways * line, ways, line)
        at = 0
        if i >= 0:
            at, snap = snaps[i]
            c.restore(snap)
        addr, meta = rec.acc_addr, rec.acc_meta
        ring = self._cache_ring
        ring.clear()
        first = max(0, pos - 64)
        for p in range(first, pos + 1):
            stop = rec.step_a[p]
            if stop < at:
                continue
            for j in range(at, stop):
                c.access(addr[j], meta[j] >> 16)
            at = stop
            if p < pos:
                ring[p] = c.snapshot()
        return c

    def accesses(self, s: int | None = None) -> list[Access]:
        """The memory accesses of step s (default: the step just run)."""
        sets, _, line_bytes = self.cache_geometry
        shift = line_bytes.bit_length() - 1
        out = []
        for w, addr, size, way, miss in self.cursor.step_accesses(s):
            out.append(Access(w, addr, size, (addr >> shift) & (sets - 1), way, not miss))
        return out

    def hit_rate_series(self, n: int = 24) -> list[float]:
        """Hit rate over time, in up to n equal windows of the steps run."""
        pos = self.position
        if pos == 0:
            return []
        ctr = self.rec.counters
        n = max(1, min(n, pos))
        out = []
        prev_h = prev_m = 0
        for i in range(1, n + 1):
            p = pos * i // n
            h, m = ctr[p * NC + _I_HITS], ctr[p * NC + _I_MISSES]
            dh, dm = h - prev_h, m - prev_m
            out.append(dh / (dh + dm) if dh + dm else (out[-1] if out else 1.0))
            prev_h, prev_m = h, m
        return out

    # -- the garbage collector ---------------------------------------------------------

    def gc_view(self, s: int | None = None) -> GCView | None:
        """The GC cycle that ran in step s (default: the step just run)."""
        evs = self.step_events(s)
        if not any(e[0] == GC for e in evs):
            return None
        order: list[tuple[Block, int]] = []
        swept: list[Block] = []
        phase = None
        for e in evs:
            if e[0] == GC:
                phase = e[1]
            elif e[0] == COLOUR:
                order.append((e[1], e[3]))
            elif e[0] == FREE and phase == "sweep":
                swept.append(e[1])
        s = self.position - 1 if s is None else s
        cycle = self.rec.counters[(s + 1) * NC + COUNTERS.index("gc_cycles")]
        marked = frozenset(b.id for b, c in order if c == 2)
        return GCView(cycle, s in self.forced_gc, tuple(order), marked, tuple(swept))

    # -- sites, badges, score --------------------------------------------------------

    def site_lines(self) -> dict[int, str]:
        """Every allocation site's line -> "H" (any heap site) or "S"."""
        out: dict[int, str] = {}
        for line, sites in self._sites_by_line.items():
            out[line] = "H" if any(s.placement == "heap" for s in sites) else "S"
        return out

    def badges(self) -> dict[int, str]:
        """Lines of the allocation sites the run has reached -> "S" or "H"."""
        pos = self.position
        lines = self.site_lines()
        return {line: v for line, v in lines.items() if self._first_reach.get(line, pos) < pos}

    def score_vs_par(self) -> ScoreVsPar:
        return ScoreVsPar(self.totals().score, self.final_totals.score, self.par)

    # -- narration ---------------------------------------------------------------------

    def _find_truth_lines(self) -> set[int]:
        """The lines where the snippet's claim and the compiler's truth part
        ways: the sites the truth names, else every site."""
        truth = self.truth
        if not truth:
            return set()
        hits = set()
        for s in self.program.sites:
            key = s.name if s.kind == "var" else s.expr
            if key and (f"`{key}`" in truth or (len(key) > 3 and key in truth)):
                hits.add(s.line)
        if not hits:
            hits = {s.line for s in self.program.sites}
        return hits

    def narration(self) -> str:
        """One plain sentence about the step just run."""
        pos = self.position
        if pos == 0:
            line = self.rec.step_line[0] if self.n_steps else 0
            if not line:
                return "This run has no steps."
            return (f"{self.entry} is about to run. Press space to run line {line}: "
                    f"`{self.source_line(line)}`.")
        s = pos - 1
        text = self._narrate_step(s)
        line = self.rec.step_line[s]
        truth = self.truth
        first = self._first_reach.get(line) == s
        if truth and line in self._truth_lines:
            # The whole story once, where the run first meets it; after that a
            # reminder where the heap is involved.
            if s == self._truth_step:
                text = f"{text} The claim says otherwise — {truth}"
            elif any(e[0] in (ALLOC, REALLOC, FREE) for e in self.step_events(s)):
                text = f"{text} (The claim does not hold here.)"
        elif self.claim and first and line in self._sites_by_line and not truth:
            text = f"{text} (The claim holds.)"
        if self.at_end:
            if self.result.error is not None:
                text = f"{text} The run stopped: {self.result.error.message.splitlines()[0]}."
            else:
                t = self.final_totals
                text = (f"{text} Done: {self.entry} returned after {self.n_steps:,} steps, "
                        f"{t.heap_allocs:,} heap allocations, score {t.score}"
                        + (f" (par {self.par})." if self.par is not None else "."))
        return text

    def _narrate_step(self, s: int) -> str:
        evs = self.step_events(s)
        rec = self.rec
        line = rec.step_line[s]
        go = self.go
        gc = self.gc_view(s)
        if gc is not None:
            who = "You forced GC cycle" if gc.forced else "GC cycle"
            return (f"{who} {gc.cycle}: marking from the roots (stack, globals) found "
                    f"{len(gc.marked)} live object{'s' if len(gc.marked) != 1 else ''}; "
                    f"the sweep freed {len(gc.swept)} unreachable "
                    f"({human_bytes(gc.swept_bytes)}).")
        allocs = [e for e in evs if e[0] == ALLOC]
        reallocs = [e for e in evs if e[0] == REALLOC]
        frees = [e for e in evs if e[0] == FREE]
        calls = [e for e in evs if e[0] == CALL]
        rets = [e for e in evs if e[0] == RET]
        if allocs:
            b, site = allocs[0][1], allocs[0][2]
            more = f" (+{len(allocs) - 1} more allocation{'s' if len(allocs) > 2 else ''})" if len(allocs) > 1 else ""
            where = self._where(b)
            if isinstance(site, ir.Var):
                reason = site.reason or "the compiler cannot prove it does not outlive the frame"
                return f"`{site.name}` moves to the heap: {_clean(reason)}{more}."
            if isinstance(site, ir.AllocSite):
                reason = f": {_clean(site.reason)}" if site.reason else ""
                return f"`{site.text}` allocates {human_bytes(b.size)} on the heap {where}{reason}{more}."
            return f"`{b.label}` allocates {human_bytes(b.size)} on the heap {where}{more}."
        if reallocs:
            old, new, oc, nc = reallocs[0][1:]
            if old is new:
                return (f"`{new.label}` grows in place from {oc} to {nc} elements: realloc "
                        f"found room right after the chunk, so nothing is copied.")
            return (f"`{new.label}` is full: realloc moves it from {old.addr:#x} to {new.addr:#x} "
                    f"({oc} → {nc} elements), copying the old contents and freeing the old block.")
        if frees and not go:
            b = frees[0][1]
            more = f" (and {len(frees) - 1} more)" if len(frees) > 1 else ""
            what = f"the {human_bytes(b.size)} heap block of `{b.label}` at {b.addr:#x}"
            src = self.source_line(line)
            if "drop(" in src:
                return f"`{src.rstrip(';')}` frees {what} right here{more}: Rust frees when the owner is dropped."
            return (f"Its owner goes out of scope, so {what} is freed right here{more}: "
                    "no garbage collector, no waiting.")
        stack_sites = [x for x in self._sites_by_line.get(line, ()) if x.placement == "stack"]
        if stack_sites:
            x = stack_sites[0]
            what = x.name if x.kind == "var" else x.expr
            reason = f": {_clean(x.reason)}" if x.reason else ""
            return f"`{what}` stays on the stack{reason} — no allocation, just space in the frame."
        if calls:
            fr = calls[-1][1]
            size = fr.sp_before - fr.block.addr
            return (f"Call {fr.func.name}: SP moves down {size} bytes at once, reserving its whole "
                    f"frame (return address, saved FP and every local).")
        if rets:
            fr = rets[0][1]
            size = fr.sp_before - fr.block.addr
            return (f"{fr.func.name} returns: its frame is popped and SP moves back up "
                    f"{size} bytes; its locals are gone.")
        # Compiler temporaries (a range loop's `.len`, `.i`) are not news.
        decls = [e for e in evs if e[0] == DECL and not e[2].name.startswith((".", "<"))]
        if decls:
            fr, v = decls[0][1], decls[0][2]
            slot = fr.func.slots.get(id(v))
            addr = f" at {fr.block.addr + slot.offset:#x}" if slot is not None else ""
            return f"`{v.name}` ({v.ty}) is stored in {fr.func.name}'s frame{addr}: no allocation."
        outs = [e for e in evs if e[0] == OUTPUT]
        if outs:
            return f"Prints {''.join(e[1] for e in outs).strip()!r}."
        ends = [e for e in evs if e[0] == SCOPE_END]
        src = self.source_line(line)
        if ends and not go:
            return f"Line {line}: `{src}`; {', '.join(v.name for v in ends[0][2])} go out of scope."
        col = rec.step_col[s]
        if any(lp.cond_line == line and lp.cond_col == col for lp in self._loops):
            return f"Line {line}: the loop checks its condition (`{src}`)."
        return f"Line {line}: `{src}`{self._access_summary(s)}."

    def _access_summary(self, s: int) -> str:
        """' — 2 loads, 1 store, 1 cache miss' for a step's memory accesses."""
        acc = self.cursor.step_accesses(s)
        if not acc:
            return ""
        loads = sum(1 for a in acc if not a[0])
        stores = len(acc) - loads
        misses = sum(1 for a in acc if a[4])
        parts = []
        if loads:
            parts.append(f"{loads} load{'s' if loads != 1 else ''}")
        if stores:
            parts.append(f"{stores} store{'s' if stores != 1 else ''}")
        parts.append(f"{misses} cache miss{'es' if misses != 1 else ''}" if misses else "all cache hits")
        return " — " + ", ".join(parts)

    def _where(self, b: Block) -> str:
        if self.go:
            span = self.heap.span_for(b)
            if span is None:
                return f"at {b.addr:#x}"
            if span.large:
                return f"at {b.addr:#x}, a large span of its own"
            return f"at {b.addr:#x}, size class {span.size_class} ({span.elem} B slots)"
        from ..sim.malloc import chunk_size

        return f"at {b.addr:#x}, a {chunk_size(b.size)}-byte malloc chunk"


def _clean(reason: str) -> str:
    """A reason to follow a colon: no final period, and a plain English
    first word in lower case ("It is returned" -> "it is returned"; not
    "Box::new", "Vec", "GC")."""
    r = reason.strip().rstrip(".")
    m = re.match(r"([A-Z][a-z]+)(\s|$)", r)
    return r[:1].lower() + r[1:] if m else r


# ---- loops in the IR --------------------------------------------------------------


def _find_loops(program: ir.Program) -> list[LoopInfo]:
    out: list[LoopInfo] = []
    funcs = program.all_funcs or list(program.funcs.values())
    for f in funcs:
        _loops_in(f.body, f.name, out)
    return out


def _lines_of(node: Any, acc: list[int]) -> None:
    for n in ir.walk(node):
        pos = getattr(n, "pos", None)
        if isinstance(n, ir.Stmt) and pos:
            acc.append(pos[0])
        end = getattr(n, "end_pos", None)
        if isinstance(n, ir.Block) and end:
            acc.append(end[0])


def _loops_in(node: Any, fname: str, out: list[LoopInfo]) -> None:
    for n in ir.walk(node):
        if isinstance(n, ir.Loop):
            lines: list[int] = [n.pos[0]]
            _lines_of(n.body, lines)
            if n.post is not None:
                _lines_of(n.post, lines)
            cond = n.cond_pos or n.pos
            out.append(LoopInfo(fname, cond[0], cond[1], min(lines), max(lines)))
