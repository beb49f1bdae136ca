"""`get` and `contains` on a Vec, a slice or an array (`<[T]>::get`,
`<[T]>::contains`): a bounds-checked pointer to an element, and a linear
scan reading each element until the first equal one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ...lang.types import ArrayType, OptionType, Type
from ..intrinsics import intrinsic
from ..memory import Block, Ptr, SliceV, StrV
from .glue import opt_none

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


def _elements(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]
              ) -> tuple[Type, Callable[[Any], tuple[Block | None, int, int]]]:
    """(element type, frame -> (block, first cell, length)) of the receiver."""
    t = node.args[0].ty
    if isinstance(t, ArrayType):
        loc = comp.place(node.args[0])
        n = t.length

        def arr(fr: Any) -> tuple[Block | None, int, int]:
            b, i = loc(fr)
            return b, i, n
        return t.elem, arr
    ev = args[0]

    def sl(fr: Any) -> tuple[Block | None, int, int]:
        sv = ev(fr)
        return sv.block, sv.start, sv.length
    return t.elem, sl  # type: ignore[union-attr]


@intrinsic("slice_get")
def slice_get(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    et, elems = _elements(comp, node, args)
    ot = node.ty
    assert isinstance(ot, OptionType)
    none = opt_none(ot)
    idx = args[1]
    nl = et.nleaves

    def get(fr: Any) -> tuple:
        b, start, n = elems(fr)
        k = idx(fr)
        if k >= n or b is None:
            return none
        return (Ptr(b, start + k * nl),)
    return get


@intrinsic("slice_contains")
def slice_contains(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    et, elems = _elements(comp, node, args)
    needle = args[1]
    nl = et.nleaves
    size = et.size
    m = comp.m
    scalar = nl == 1 and not et.is_aggregate

    def contains(fr: Any) -> bool:
        p = needle(fr)
        want = p.block.cells[p.index:p.index + nl]
        b, start, n = elems(fr)
        if b is None:
            return False
        for k in range(n):
            i = start + k * nl
            m.access(b.cell_addr(i), size)
            got = b.cells[i:i + nl]
            if (got[0] == want[0]) if scalar else all(x == y for x, y in zip(got, want)):
                return True
        return False
    return contains


# ---- sort, sort_unstable, dedup, reverse on a Vec of plain elements ----------------------------
# std's stable sort (driftsort, library/core/src/slice/sort/stable/mod.rs)
# sorts up to 20 elements by insertion sort in place; above that it needs a
# scratch buffer of max(len - len / 2, min(len, 8 MB / size), 48) elements,
# taken from a 4 KiB stack array when it fits there, else allocated on the
# heap and freed when the sort is done (checked against rustc: 500 i32s use
# the stack, 2,000 allocate 8,000 bytes). sort_unstable and dedup never allocate.

MAX_INSERTION_SORT = 20  # MAX_LEN_ALWAYS_INSERTION_SORT
_MAX_FULL_ALLOC_BYTES = 8_000_000
_SMALL_SORT_GENERAL_SCRATCH_LEN = 48
_STACK_SCRATCH_BYTES = 4096


def driftsort_heap_scratch(n: int, size: int) -> int:
    """Elements of the heap scratch buffer `sort` allocates for n elements of `size` bytes (0: none)."""
    if n <= MAX_INSERTION_SORT or size == 0:
        return 0
    alloc_len = max(n - n // 2, min(n, _MAX_FULL_ALLOC_BYTES // size), _SMALL_SORT_GENERAL_SCRATCH_LEN)
    return alloc_len if alloc_len > _STACK_SCRATCH_BYTES // size else 0


def _key(x: Any) -> Any:
    """A value as Python orders it the way Ord orders it (text compares by code
    point, which is UTF-8 byte order)."""
    if isinstance(x, Ptr):  # a reference: compare what it points to
        x = x.block.cells[x.index]
    if isinstance(x, SliceV):  # a String
        return "" if x.block is None else bytes(x.block.cells[x.start:x.start + x.length]).decode(
            "utf-8", "replace")
    return x.text if isinstance(x, StrV) else x


def _vec_in_place(comp: "Compiler", node: ir.Intrinsic, op: str) -> "Exec":
    from .vec import _ops

    loc = comp.place(node.args[0])
    ops = _ops(comp)
    m = comp.m
    pos = node.pos
    et = node.args[0].ty.elem  # type: ignore[attr-defined]
    size = et.size

    def run(fr: Any) -> None:
        b, i = loc(fr)
        sv = ops.read_header(b, i)
        n = sv.length
        if sv.block is None or n == 0:
            return
        buf = sv.block
        cells = buf.cells[sv.start:sv.start + n]
        m.access(buf.cell_addr(sv.start), n * size)
        scratch = driftsort_heap_scratch(n, size) if op == "sort" else 0
        if scratch:
            m.rust_free(m.rust_alloc(et, scratch, "sort scratch buffer", None, pos))
        if op in ("sort", "sort_unstable"):
            new = sorted(cells, key=_key)
        elif op == "reverse":
            new = cells[::-1]
        else:  # dedup: consecutive equal elements
            new = [x for k, x in enumerate(cells) if k == 0 or _key(x) != _key(cells[k - 1])]
        m.access_w(buf.cell_addr(sv.start), len(new) * size)
        m.put(buf, sv.start, list(new))
        if len(new) != n:
            ops.write_header(b, i, SliceV(buf, sv.start, len(new), sv.cap))
    return run


@intrinsic("vec_sort")
def vec_sort(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _vec_in_place(comp, node, "sort")


@intrinsic("vec_sort_unstable")
def vec_sort_unstable(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _vec_in_place(comp, node, "sort_unstable")


@intrinsic("vec_dedup")
def vec_dedup(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _vec_in_place(comp, node, "dedup")


@intrinsic("vec_reverse")
def vec_reverse(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _vec_in_place(comp, node, "reverse")
