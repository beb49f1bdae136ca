"""The live heap as the heap pane draws it: Go's spans by size class, or
malloc's chunks with their holes, kept in step with the trace cursor."""

from __future__ import annotations

import bisect
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ..sim.memory import HEAP, Block
from ..sim.trace import ALLOC, FREE, REALLOC


# ---- the live heap, by span (Go) or chunk (Rust) -------------------------------


def _discard(xs: list[Any], x: Any) -> None:
    """Remove x from the sorted list xs, if there."""
    i = bisect.bisect_left(xs, x)
    if i < len(xs) and xs[i] == x:
        del xs[i]


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
        self._bulk = False  # within `batch`: the sorted lists wait for its end

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many updates at once (a jump across the trace, a rebuild): the
        dicts change as they come and the two sorted address lists are
        sorted once at the end, instead of an insort each (O(n^2) when a
        jump back brings back a million boxes in reverse order)."""
        self._bulk = True
        try:
            yield
        finally:
            self._bulk = False
            self.span_bases[:] = sorted((sp.base, sp.sid) for sp in self.spans.values())
            self.chunk_addrs[:] = sorted(self.chunks)

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
                if not self._bulk:
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
            if not self._bulk:
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
                if not self._bulk:
                    _discard(self.span_bases, (span.base, span.sid))
        else:
            if self.chunks.get(b.addr) is not b:
                return
            del self.chunks[b.addr]
            if not self._bulk:
                _discard(self.chunk_addrs, b.addr)
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
        with self.batch():
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
