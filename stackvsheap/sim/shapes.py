"""Per-type facts the machine needs on every allocation and store: zero
values, leaf layout and Go's malloc charge, computed once per type."""

from __future__ import annotations

from typing import Any, Callable

from ..lang.types import (
    ArrayType, BoolType, CharType, FloatType, FuncType, IfaceType, IntType, MapType, OptionType, PtrType,
    SliceType, StringType, StructType, TupleType, Type, ZeroSized,
)
from ..lang.rust.refcell import CellType, RefCellType
from . import cost
from .goheap import rounded_size
from .memory import NIL_SLICE, StrV

_zero_cache: dict[Type, tuple[Any, ...]] = {}
#: Zero values of types whose values a runtime defines (sim/rust/hashmap.py
#: registers HashMap's), so this core module imports no runtime.
ZERO_HOOKS: dict[type, Callable[[Type], tuple[Any, ...]]] = {}
EMPTY_STR = StrV("", None, 0)


def zero_cells(t: Type) -> tuple[Any, ...]:
    """The zero value of `t`, one entry per leaf."""
    z = _zero_cache.get(t)
    if z is not None:
        return z
    if isinstance(t, IntType):
        z = (0,)
    elif isinstance(t, FloatType):
        z = (0.0,)
    elif isinstance(t, BoolType):
        z = (False,)
    elif isinstance(t, CharType):
        z = ("\0",)
    elif isinstance(t, StringType):
        z = (EMPTY_STR,)
    elif isinstance(t, SliceType):
        z = (NIL_SLICE,)
    elif isinstance(t, (PtrType, FuncType, IfaceType, MapType)):  # nil
        z = (None,)
    elif isinstance(t, ZeroSized):  # `()`, Go's struct{}, Rust's `!`
        z = ()
    elif isinstance(t, ArrayType):
        z = zero_cells(t.elem) * t.length
    elif isinstance(t, StructType):
        z = tuple(v for _, ft in t.fields for v in zero_cells(ft))
    elif isinstance(t, TupleType):
        z = tuple(v for et in t.elems for v in zero_cells(et))
    elif isinstance(t, RefCellType):
        z = (0,) + zero_cells(t.inner)
    elif isinstance(t, CellType):
        z = zero_cells(t.inner)
    elif isinstance(t, OptionType):
        if t.niche_enum:
            z = (None,) + zero_cells(t.inner)[1:]
        else:
            z = zero_cells(t.inner) if t.niche else (0,) + zero_cells(t.inner)
    elif hasattr(t, "zero_leaves"):  # a HashMap table (lang/rust/hashmap.py)
        z = t.zero_leaves(zero_cells)
    elif type(t) in ZERO_HOOKS:
        z = ZERO_HOOKS[type(t)](t)
    else:
        raise TypeError(f"no zero value for {t!r}")
    _zero_cache[t] = z
    return z


_layout_cache: dict[Type, tuple[tuple[int, ...], tuple[int, ...]]] = {}


def leaf_layout(t: Type) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(offsets, sizes) of the leaves of one `t`."""
    lay = _layout_cache.get(t)
    if lay is None:
        leaves = t.leaves()
        lay = (tuple(l.offset for l in leaves), tuple(l.size for l in leaves))
        _layout_cache[t] = lay
    return lay


_GO_CHARGE: dict[tuple[int, bool], tuple[int, int]] = {}


def _go_charge(size: int, noscan: bool) -> tuple[int, int]:
    """(heap_bytes, cycles) of one mallocgc of `size` bytes."""
    if noscan and size < 16:
        cycles = cost.GO_MALLOC_TINY
    elif size > 32768:
        cycles = cost.GO_MALLOC_LARGE
    else:
        cycles = cost.GO_MALLOC_SMALL
    return rounded_size(size, noscan), cycles


class Shape:
    """What a block of one element type needs, computed once per type
    (keyed by id: the IR keeps its types alive, and hashing a frozen
    dataclass type per allocation would cost more than the allocation)."""

    __slots__ = ("offsets", "sizes", "zeros", "size", "scan", "elem", "charge1")

    def __init__(self, elem: Type) -> None:
        self.elem = elem  # keeps the id valid
        self.offsets, self.sizes = leaf_layout(elem)
        self.zeros = list(zero_cells(elem))
        self.size = elem.size
        self.scan = elem.has_pointers
        # Go: (heap_bytes, cycles) of one mallocgc of a single element
        self.charge1 = _go_charge(self.size, not self.scan) if self.size else (0, 0)


_SHAPES: dict[int, Shape] = {}


def shape_of(elem: Type) -> Shape:
    sh = _SHAPES.get(id(elem))
    if sh is None:
        sh = _SHAPES[id(elem)] = Shape(elem)
    return sh
