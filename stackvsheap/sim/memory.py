"""Simulated memory: blocks of cells, and the values that point into them.

A `Block` is one piece of memory with a real simulated address: a local's
stack slot, a heap object, a slice's backing array. Its `cells` hold one
Python value per leaf of its type (see `lang.types.Leaf`), repeated `count`
times for arrays and backing stores. A pointer is `(block, cell index)`, so a
pointer to a struct field or a slice element is exact, and every access maps
to `block.addr + offset` for the cache.

Values held in cells:
  int / float / bool / str (Rust char)   scalars
  None                                   nil pointer, nil func, Rust null niche
  Ptr                                    a pointer
  SliceV                                 a slice / Vec / String header
  StrV                                   a Go string or Rust &str
  FuncV                                  a function value (closure)
"""

from __future__ import annotations

from typing import Any

from ..lang.types import Type

# Where a block lives.
STACK = 0
HEAP = 1
STATIC = 2  # globals and string literals


class Block:
    """A contiguous piece of simulated memory."""

    __slots__ = (
        "addr", "size", "elem", "count", "nleaves", "elem_size", "offsets",
        "lsizes", "cells", "where", "label", "alive", "mark", "info",
    )

    def __init__(
        self,
        addr: int,
        elem: Type,
        count: int,
        where: int,
        label: str,
        offsets: tuple[int, ...],
        lsizes: tuple[int, ...],
        init: list[Any],
        elem_size: int = -1,
    ) -> None:
        self.addr = addr
        self.elem = elem
        self.count = count
        if elem_size < 0:
            elem_size = elem.size
        self.elem_size = elem_size
        self.size = elem_size * count
        self.offsets = offsets          # leaf offsets within one element
        self.lsizes = lsizes            # leaf sizes within one element
        self.nleaves = len(offsets)
        self.cells = init               # nleaves * count values
        self.where = where
        self.label = label
        self.alive = True
        self.mark = 0                   # GC colour: 0 white, 1 grey, 2 black
        self.info: Any = None           # allocator bookkeeping (span, chunk)

    @property
    def id(self) -> int:
        """Unique while the block lives (a recorded trace keeps every block
        alive); no stored counter, to keep a million blocks small."""
        return id(self)

    def cell_addr(self, i: int) -> int:
        n = self.nleaves
        if n <= 1:  # (0: a zero-sized type, every "cell" at addr)
            return self.addr + i * self.elem_size
        q, r = divmod(i, n)
        return self.addr + q * self.elem_size + self.offsets[r]

    def cell_size(self, i: int) -> int:
        n = self.nleaves
        return self.elem_size if n == 1 else self.lsizes[i % n]

    def __repr__(self) -> str:
        return f"Block#{self.id}({self.label}@{self.addr:#x}, {self.size}B)"


class Ptr:
    """A pointer to cell `index` of `block`."""

    __slots__ = ("block", "index")

    def __init__(self, block: Block, index: int = 0) -> None:
        self.block = block
        self.index = index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ptr) and other.block is self.block and other.index == self.index

    def __hash__(self) -> int:
        return hash((id(self.block), self.index))

    @property
    def addr(self) -> int:
        return self.block.cell_addr(self.index)

    def __repr__(self) -> str:
        return f"&{self.block.label}[{self.index}]@{self.addr:#x}"


class SliceV:
    """A slice header (Go `[]T`, Rust `Vec<T>` / `&[T]` / `String`).

    `start` is a cell index into `block` (element i is at cell
    start + i * nleaves); `length` and `cap` count elements. A nil or empty
    unallocated slice has block None.
    """

    __slots__ = ("block", "start", "length", "cap")

    def __init__(self, block: Block | None, start: int, length: int, cap: int) -> None:
        self.block = block
        self.start = start
        self.length = length
        self.cap = cap

    @property
    def addr(self) -> int:
        if self.block is None:
            return 0
        return self.block.cell_addr(self.start)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, SliceV)
            and other.block is self.block
            and other.start == self.start
            and other.length == self.length
            and other.cap == self.cap
        )

    def __hash__(self) -> int:
        return hash((id(self.block), self.start, self.length, self.cap))

    def __repr__(self) -> str:
        return f"slice(len={self.length}, cap={self.cap}, @{self.addr:#x})"


NIL_SLICE = SliceV(None, 0, 0, 0)


class StrV:
    """A string value: its text and, when its bytes live in a heap block
    (concatenation, conversion), that block, which keeps it alive for the GC."""

    __slots__ = ("text", "block", "addr")

    def __init__(self, text: str, block: Block | None, addr: int) -> None:
        self.text = text
        self.block = block
        self.addr = addr

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StrV) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return repr(self.text)


class IfaceV:
    """A non-nil Go interface value: the dynamic type, a copy of the value
    (what the data word points at, or the pointer itself for pointer-shaped
    types) and the block holding it when that is a heap or stack object
    (which keeps it alive for the GC). A nil interface is None."""

    __slots__ = ("ty", "value", "block")

    def __init__(self, ty: Any, value: Any, block: "Block | None") -> None:
        self.ty = ty
        self.value = value
        self.block = block

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IfaceV) and other.ty == self.ty and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.ty)

    def __repr__(self) -> str:
        return f"{self.ty}({self.value!r})"


class FuncV:
    """A function value: compiled code plus its closure block (captured
    variables), or None for a plain function."""

    __slots__ = ("func", "env")

    def __init__(self, func: Any, env: Block | None) -> None:
        self.func = func
        self.env = env

    def __repr__(self) -> str:
        return f"func {getattr(self.func, 'name', '?')}"
