"""`Weak<T>` on the simulated machine (see lang/rust/weak.py): the RcBox's
second cell is the weak count; `Weak::new()` points at nothing (None)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import OptionType
from ..intrinsics import intrinsic
from ..memory import Block, Ptr

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


def _bump(comp: "Compiler", b: Block, cell: int, by: int) -> int:
    m = comp.m
    m.access(b.addr + 8 * cell, 8)
    v = b.cells[cell] + by
    if m.rec is not None:
        m.rec.write(b, cell, b.cells[cell], v)
    b.cells[cell] = v
    m.access_w(b.addr + 8 * cell, 8)
    return v


@intrinsic("rc_downgrade")
def rc_downgrade(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    load = comp.load_fn(node.args[0].ty)

    def downgrade(fr: Any) -> Ptr:
        p = load(*loc(fr))
        _bump(comp, p.block, 1, 1)
        return p
    return downgrade


@intrinsic("rc_weak_count")
def rc_weak_count(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    load = comp.load_fn(node.args[0].ty)
    m = comp.m

    def count(fr: Any) -> int:
        p = load(*loc(fr))
        m.access(p.block.addr + 8, 8)
        return p.block.cells[1] - 1  # the strong references hold one weak count together
    return count


@intrinsic("weak_new")
def weak_new(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return lambda fr: None


@intrinsic("weak_upgrade")
def weak_upgrade(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    load = comp.load_fn(node.args[0].ty)
    ot = node.ty
    assert isinstance(ot, OptionType) and ot.niche  # Option<Rc<T>>: None is the null pointer
    none = (None,)
    m = comp.m

    def upgrade(fr: Any) -> Any:
        p = load(*loc(fr))
        if p is None:
            return none
        m.access(p.block.addr, 8)
        if p.block.cells[0] == 0:
            return none
        _bump(comp, p.block, 0, 1)
        return (p,)
    return upgrade


def weak_drop(comp: "Compiler", p: Ptr | None) -> None:
    if p is None:
        return
    if _bump(comp, p.block, 1, -1) == 0:
        comp.m.rust_free(p.block)


def weak_clone(comp: "Compiler", p: Ptr | None) -> Ptr | None:
    if p is not None:
        _bump(comp, p.block, 1, 1)
    return p
