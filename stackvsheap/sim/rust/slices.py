"""`get` and `contains` on a Vec, a slice or an array (`<[T]>::get`,
`<[T]>::contains`): a bounds-checked pointer to an element, and a linear
scan reading each element until the first equal one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ...lang.types import ArrayType, OptionType, Type
from ..intrinsics import intrinsic
from ..memory import Block, Ptr
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
