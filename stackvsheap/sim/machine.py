"""The simulated machine: stack, heap, cache and counters, shared by both languages.

The compiled program (sim/compile/) calls into a `Machine` for everything
that touches memory, so every load and store gets an address, goes through the
L1 cache and, when recording, lands in the trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import cost
from .cache import L1Cache
from ..lang.types import Type
from .memory import HEAP, STACK, STATIC, Block, StrV
from .shapes import _GO_CHARGE, _SHAPES, _go_charge, shape_of, zero_cells

Pos = tuple[int, int]


class RunError(Exception):
    """A runtime fault of the simulated program or an exceeded limit."""

    def __init__(self, message: str, pos: Pos = (0, 0)) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


@dataclass(frozen=True)
class Limits:
    max_steps: int = 30_000_000
    # Simulated heap bytes live at once; cells are Python objects, so this
    # also bounds the simulator's own memory.
    max_heap_bytes: int = 256 << 20
    max_frames: int = 4000
    # A recorded run stops once the process's resident memory passes this
    # many MiB (checked every few thousand steps; 0: no limit).
    max_record_mb: int = 0


# Address-space layout, so addresses look like the real thing.
GO_STACK_TOP = 0xC000_0480_00        # a goroutine stack in the Go arena
RUST_STACK_TOP = 0x7FFF_FFFF_E000    # the main thread's stack
GO_STATIC = 0x5A_1000                # non-PIE Go binary: .data near 0x5a0000
RUST_STATIC = 0x5555_5555_8000       # PIE binary .data
GO_RODATA = 0x4B_0000
RUST_RODATA = 0x5555_5555_4000
GO_ZEROBASE = 0x5A_0F80              # runtime.zerobase: every 0-byte allocation

_NO_PINS = ()


class Frame:
    """One activation: its locals live in `block`, a single stack block."""

    __slots__ = ("func", "block", "pins", "ret", "sp_before", "env", "used", "packs")

    def __init__(self, func: Any, block: Block, sp_before: int, go: bool = True) -> None:
        self.func = func
        self.block = block
        # Go: heap blocks only temporaries may hold (GC roots); Rust has no
        # collector, and a recorded run keeps every frame, so no list there
        self.pins: list[Block] = [] if go else _NO_PINS  # type: ignore[assignment]
        self.ret: Any = None
        self.sp_before = sp_before
        self.env: Block | None = None  # closure environment
        # Go only, made on first use: append stack stores already taken, and
        # the shared objects of packed heap variables
        self.used: set[Any] | None = None
        self.packs: dict[int, tuple[int, int]] | None = None


class Machine:
    """Memory, counters and (optionally) the trace recorder for one run."""

    def __init__(
        self,
        language: str,
        *,
        cache: L1Cache | None = None,
        limits: Limits = Limits(),
        realistic_gc: bool = False,
        recorder: Any = None,
    ) -> None:
        self.lang = language
        self.cache = cache or L1Cache()
        self.limits = limits
        self.t = cost.Totals()
        self.out: list[str] = []
        # the number of writes to `out` before the first iteration over an
        # unordered collection with 2+ entries (a HashMap): output after it may
        # depend on an order real runs randomise
        self.unordered_from: int | None = None
        self.err_out: list[str] = []
        self.frames: list[Frame] = []
        self._frame_pool: dict[int, list[Block]] = {}
        self.rec = recorder
        self.go = language == "go"
        self.stack_top = GO_STACK_TOP if self.go else RUST_STACK_TOP
        self.sp = self.stack_top
        self.rodata = GO_RODATA if self.go else RUST_RODATA
        self._literals: dict[str, StrV] = {}
        self.globals: Block | None = None
        # heap blocks the library keeps in its statics, never freed (Rust: stdout's buffer)
        self.statics: dict[str, Block] = {}
        # Go: every live heap block in allocation order, for the GC's sweep
        # (several may share one allocator object: tiny blocks, packed vars)
        self.heap_blocks: list[Block] = []
        if self.go:
            from .goheap import GoHeap
            from .gc import GCPacer

            self.heap: Any = GoHeap()
            self.pacer = GCPacer(realistic=realistic_gc)
        else:
            from .malloc import MallocHeap

            self.heap = MallocHeap()
            self.pacer = None
        self.gc_pending = False
        # The cache hook: recording wraps it to log every access.
        fast = self.cache.fast_access()
        self.access: Callable[[int, int], int] = fast
        self.access_w: Callable[[int, int], int] = fast
        self.replay = self.cache.fast_replay()
        self.access2 = self.cache.fast_access2()  # (unrecorded only, like replay)
        if recorder is not None:
            recorder.attach(self)

    # ---- ids, blocks -------------------------------------------------------

    def new_block(self, elem: Type, count: int, where: int, label: str, addr: int) -> Block:
        shape = _SHAPES.get(id(elem))
        if shape is None:
            shape = shape_of(elem)
        zeros = shape.zeros
        cells = zeros * count if count != 1 else zeros.copy()
        return Block(
            addr, elem, count, where, label, shape.offsets, shape.sizes, cells, shape.size,
        )

    def make_globals(self, frame_type: Type) -> Block:
        base = GO_STATIC if self.go else RUST_STATIC
        self.globals = self.new_block(frame_type, 1, STATIC, "globals", base)
        return self.globals

    def literal(self, text: str) -> StrV:
        """A string literal in read-only data (one address per distinct text)."""
        s = self._literals.get(text)
        if s is None:
            s = StrV(text, None, self.rodata)
            self.rodata += max(len(text.encode("utf-8", "surrogateescape")), 1)
            self._literals[text] = s
        return s

    def put(self, b: Block, start: int, vals: list[Any]) -> None:
        """Set cells without a cache access (the caller charges the access:
        a memmove, a zeroing), logging them when recording."""
        cells = b.cells
        if self.rec is not None and self.rec.logs_fill_of(b):
            w = self.rec.write
            for k, v in enumerate(vals):
                w(b, start + k, cells[start + k] if start + k < len(cells) else None, v)
        cells[start:start + len(vals)] = vals

    # ---- the stack -----------------------------------------------------------

    def push_frame(self, func: Any, frame_type: Type, label: str) -> Frame:
        """CALL: push the return address and saved frame pointer, then
        reserve the whole frame at once (`SUB $size, SP`), as both
        compilers do."""
        if len(self.frames) >= self.limits.max_frames:
            raise RunError(
                "runtime: goroutine stack exceeds limit\nfatal error: stack overflow"
                if self.go
                else "thread 'main' has overflowed its stack\nfatal runtime error: stack overflow",
            )
        before = self.sp
        sp = before - 16
        self.access_w(sp + 8, 8)  # return address
        self.access_w(sp, 8)      # saved frame pointer
        shape = _SHAPES.get(id(frame_type))
        if shape is None:
            shape = shape_of(frame_type)
        sp -= (shape.size + 15) & ~15
        self.sp = sp
        t = self.t
        used = self.stack_top - sp
        if used > t.stack_peak_bytes:
            t.stack_peak_bytes = used
        t.frame_cycles += cost.FRAME
        pool = self._frame_pool.get(id(frame_type))
        if pool:
            # a dead frame's block, reused: only unrecorded runs pool them, and
            # nothing can point into a dead frame (escape analysis / borrowck)
            block = pool.pop()
            block.addr = sp
            block.alive = True
            block.cells[:] = shape.zeros
        else:
            block = self.new_block(frame_type, 1, STACK, label, sp)
        fr = Frame(func, block, before, self.go)
        self.frames.append(fr)
        if self.rec is not None:
            self.rec.call(fr)
        return fr

    def pop_frame(self) -> None:
        fr = self.frames.pop()
        before = fr.sp_before
        self.access(before - 8, 8)   # return address
        self.access(before - 16, 8)  # saved frame pointer
        self.sp = before
        fr.block.alive = False
        if self.rec is None:
            pool = self._frame_pool.get(id(fr.block.elem))
            if pool is None:
                self._frame_pool[id(fr.block.elem)] = [fr.block]
            elif len(pool) < 64:
                pool.append(fr.block)
        if self.go and fr.pins and self.frames:
            # a returned value may be the only reference to these
            self.frames[-1].pins.extend(fr.pins)
        if self.rec is not None:
            self.rec.ret(fr)

    # ---- the heap ----------------------------------------------------------

    _rust_live = 0  # Rust: bytes in live allocations (for the heap limit)

    def _check_heap(self, size: int, pos: Pos) -> None:
        if size < 0:
            raise RunError("panic: runtime error: makeslice: len out of range", pos)
        live = getattr(self.heap, "live_bytes", None)
        if live is None:
            live = self._rust_live  # (the glibc-like heap keeps no byte total)
        if live + size > self.limits.max_heap_bytes:
            raise RunError(
                f"out of memory: allocating {size:,} bytes would pass the simulator's "
                f"{self.limits.max_heap_bytes >> 20} MiB heap limit",
                pos,
            )

    def go_alloc(self, elem: Type, count: int, label: str, site: Any, pos: Pos) -> Block:
        """runtime.mallocgc: a new zeroed heap object."""
        shape = _SHAPES.get(id(elem))
        if shape is None:
            shape = shape_of(elem)
        size = shape.size * count
        if size == 0:
            return self.new_block(elem, count, HEAP, label, GO_ZEROBASE)
        heap = self.heap
        if size > self.limits.max_heap_bytes - heap.live_bytes:
            self._check_heap(size, pos)
        noscan = not shape.scan
        # the allocator adds Go 1.22's 8-byte malloc header for pointerful
        # objects over 512 B (runtime/mbitmap.go) and returns the data address
        addr, obj = heap.alloc(size, noscan)
        zeros = shape.zeros
        b = Block(
            addr, elem, count, HEAP, label, shape.offsets, shape.sizes,
            zeros * count if count != 1 else zeros.copy(), shape.size,
        )
        b.info = obj
        self.heap_blocks.append(b)
        if count == 1:
            charge = shape.charge1
        else:
            key = (size, noscan)
            charge = _GO_CHARGE.get(key)
            if charge is None:
                charge = _GO_CHARGE[key] = _go_charge(size, noscan)
        t = self.t
        t.heap_allocs += 1
        t.heap_bytes += charge[0]
        t.alloc_cycles += charge[1]
        frames = self.frames
        if frames:
            frames[-1].pins.append(b)
        if heap.live_bytes >= self.pacer.trigger:
            self.gc_pending = True
        if self.rec is not None:
            self.rec.alloc(b, site)
        return b

    def go_alloc_packed(self, size: int, pos: Pos) -> tuple[int, int]:
        """One mallocgc for several small pointer-free heap variables."""
        addr, obj = self.heap.alloc(size, True)
        charge = _go_charge(size, True)
        t = self.t
        t.heap_allocs += 1
        t.heap_bytes += charge[0]
        t.alloc_cycles += charge[1]
        if self.heap.live_bytes >= self.pacer.trigger:
            self.gc_pending = True
        return addr, obj

    def go_attach(self, elem: Type, addr: int, obj: int, label: str, site: Any) -> Block:
        """A variable's block inside an object from go_alloc_packed."""
        b = self.new_block(elem, 1, HEAP, label, addr)
        b.info = obj
        self.heap_blocks.append(b)
        if self.frames:
            self.frames[-1].pins.append(b)
        if self.rec is not None:
            self.rec.alloc(b, site)
        return b

    def rust_alloc(self, elem: Type, count: int, label: str, site: Any, pos: Pos) -> Block:
        """`alloc` through the global allocator; zero-sized requests never
        reach it (RawVec and Box use a dangling, aligned pointer)."""
        shape = _SHAPES.get(id(elem))
        if shape is None:
            shape = shape_of(elem)
        size = shape.size * count
        if size == 0:
            return self.new_block(elem, count, HEAP, label, max(elem.align, 1))
        if size < 0 or self._rust_live + size > self.limits.max_heap_bytes:
            self._check_heap(size, pos)  # (raises)
        heap = self.heap
        addr = heap.malloc(size)
        if self.rec is None:
            self.replay(heap.touched())  # (_touch_meta, one call less)
        else:
            self._touch_meta()
        zeros = shape.zeros  # (new_block, inlined)
        b = Block(
            addr, elem, count, HEAP, label, shape.offsets, shape.sizes,
            zeros * count if count != 1 else zeros.copy(), shape.size,
        )
        self._rust_live += size
        t = self.t
        t.heap_allocs += 1
        t.heap_bytes += size
        t.alloc_cycles += cost.RUST_MALLOC
        if self.rec is not None:
            self.rec.alloc(b, site)
        return b

    def rust_free(self, b: Block) -> None:
        if b.size == 0:
            return
        if not b.alive:
            raise RunError(f"free(): double free of {b.label} at {b.addr:#x}")
        heap = self.heap
        heap.free(b.addr)
        if self.rec is None:
            self.replay(heap.touched())  # (_touch_meta, one call less)
        else:
            self._touch_meta()
        self._rust_live -= b.size
        b.alive = False
        self.t.heap_frees += 1
        self.t.alloc_cycles += cost.RUST_FREE
        if self.rec is not None:
            self.rec.free(b)

    def rust_realloc(self, b: Block, new_count: int, pos: Pos) -> Block:
        """`realloc`: grows in place when the allocator can, else moves (a
        new block; the old one dies). Cells beyond the old count are zero."""
        new_size = b.elem_size * new_count
        if b.size == 0:
            nb = self.rust_alloc(b.elem, new_count, b.label, None, pos)
            nb.cells[: len(b.cells)] = b.cells
            return nb
        if new_size > b.size:  # (a shrinking realloc needs no room)
            self._check_heap(new_size - b.size, pos)
        addr = self.heap.realloc(b.addr, new_size)
        self._touch_meta()
        self._rust_live += new_size - b.size
        t = self.t
        t.heap_reallocs += 1
        t.heap_bytes += new_size
        t.alloc_cycles += cost.RUST_REALLOC
        extra = list(zero_cells(b.elem)) * (new_count - b.count) if new_count > b.count else []
        old_count = b.count
        if addr == b.addr:
            if new_count >= b.count:
                b.cells.extend(extra)
            else:
                del b.cells[new_count * b.nleaves:]
            b.count = new_count
            b.size = new_size
            if self.rec is not None:
                self.rec.realloc(b, b, old_count)
            return b
        nb = self.new_block(b.elem, new_count, HEAP, b.label, addr)
        keep = min(b.count, new_count) * b.nleaves
        nb.cells[:keep] = b.cells[:keep]
        b.alive = False
        if self.rec is not None:
            self.rec.realloc(b, nb, old_count)
        return nb

    def _touch_meta(self) -> None:
        """Run the allocator's own header reads and writes through the cache."""
        if self.rec is None:
            # unrecorded, reads and writes are the same cache closure: replay
            # the list inside it (one call instead of one per access)
            self.replay(self.heap.touched())
            return
        for addr, size, is_write in self.heap.touched():
            (self.access_w if is_write else self.access)(addr, size)

    # ---- the garbage collector -------------------------------------------------

    def safe_point(self) -> None:
        """Called at statement starts, where no temporaries are live in the
        current frame: run a GC cycle if the allocator asked for one."""
        self.gc_pending = False
        from .gc import collect

        collect(self)

    # ---- output --------------------------------------------------------------

    def write_stderr(self, text: str) -> None:
        """Rust's eprint!/eprintln!: kept apart from stdout (the output pane)."""
        self.err_out.append(text)

    def write_output(self, text: str) -> None:
        self.out.append(text)
        if self.rec is not None:
            self.rec.output(text)
