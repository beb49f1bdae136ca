"""RefCell and Cell on the simulated machine (see lang/rust/refcell.py).

`borrow` and `borrow_mut` check and update the flag (the RefCell's first
cell) and panic as Rust 1.95 does, at the method: "RefCell already mutably
borrowed" / "RefCell already borrowed"; a guard's drop (glue.py) gives the
borrow back. `Cell::get`/`set` copy the value out and in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import Block, Ptr

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


@intrinsic("refcell_new")
def refcell_new(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]
    inner = node.ty.inner  # type: ignore[attr-defined]
    if inner.nleaves == 1 and not inner.is_aggregate:
        return lambda fr: (0, ev(fr))
    return lambda fr: (0,) + tuple(ev(fr))


@intrinsic("cell_new")
def cell_new(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]
    inner = node.ty.inner  # type: ignore[attr-defined]
    if inner.nleaves == 1 and not inner.is_aggregate:
        return lambda fr: (ev(fr),)
    return lambda fr: tuple(ev(fr))


def _set_flag(comp: "Compiler", b: Block, i: int, v: int) -> None:
    m = comp.m
    if m.rec is not None:
        m.rec.write(b, i, b.cells[i], v)
    b.cells[i] = v
    m.access_w(b.cell_addr(i), 8)


@intrinsic("refcell_borrow")
def refcell_borrow(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    m = comp.m
    pos = node.pos

    def borrow(fr: Any) -> Ptr:
        b, i = loc(fr)
        m.access(b.cell_addr(i), 8)
        flag = b.cells[i]
        if flag < 0:
            raise RunError("thread 'main' panicked: RefCell already mutably borrowed", pos)
        _set_flag(comp, b, i, flag + 1)
        return Ptr(b, i + 1)
    return borrow


@intrinsic("refcell_borrow_mut")
def refcell_borrow_mut(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    m = comp.m
    pos = node.pos

    def borrow_mut(fr: Any) -> Ptr:
        b, i = loc(fr)
        m.access(b.cell_addr(i), 8)
        if b.cells[i] != 0:
            raise RunError("thread 'main' panicked: RefCell already borrowed", pos)
        _set_flag(comp, b, i, -1)
        return Ptr(b, i + 1)
    return borrow_mut


def release(comp: "Compiler", guard: Ptr, mutable: bool) -> None:
    """A `Ref`/`RefMut` is dropped: the flag before the value goes back."""
    b, i = guard.block, guard.index - 1
    comp.m.access(b.cell_addr(i), 8)
    _set_flag(comp, b, i, 0 if mutable else b.cells[i] - 1)


@intrinsic("cell_get")
def cell_get(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    load = comp.load_fn(node.ty)
    return lambda fr: load(*loc(fr))


@intrinsic("cell_set")
def cell_set(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    t = node.args[1].ty
    store = comp.store_fn(t)
    ev = args[1]

    def set_(fr: Any) -> None:
        v = ev(fr)
        b, i = loc(fr)
        store(b, i, v)
    return set_
