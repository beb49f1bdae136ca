"""Trait objects at run time (lang/rust/dyn.py): vtables in read-only data,
fat pointers built by unsizing, calls through the vtable.

A vtable is one static block per (type, trait), made the first time a
pointer is unsized to it, at the next 8-aligned read-only address: cells
`drop_in_place` (None: null, the type needs no drop), `size`, `align`, the
methods. Its `info` is the real type, which the drop glue drops the data as.
A call loads the method's entry (a real load, for the cache) and calls it
with the data pointer as `self`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.rust.dyn import VTable
from ..intrinsics import intrinsic
from ..memory import STATIC, Block, FuncV, Ptr

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_FIRST_METHOD = 3  # drop_in_place, size, align


def vtable_block(comp: "Compiler", vt: VTable) -> Block:
    blocks = comp.__dict__.setdefault("_rust_vtables", {})
    b = blocks.get(id(vt))
    if b is None:
        m = comp.m
        addr = (m.rodata + 7) & ~7
        b = m.new_block(vt.layout, 1, STATIC, vt.label, addr)
        m.rodata = addr + vt.layout.size
        drop = "drop_in_place" if vt.drop else None
        b.cells[:] = [drop, vt.concrete.size, vt.concrete.align] + [
            FuncV(comp.codes[id(f)], None) for f in vt.methods]
        b.info = vt.concrete
        blocks[id(vt)] = b
        m.__dict__.setdefault("vtables", []).append(b)  # for the heap pane's static area
    return b


@intrinsic("dyn_make")
def dyn_make(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """Unsizing: the thin pointer, plus the vtable's address."""
    ev = args[0]
    vt: VTable = node.extra
    holder: list[Ptr] = []

    def make(fr: Any) -> tuple:
        data = ev(fr)
        if not holder:
            holder.append(Ptr(vtable_block(comp, vt), 0))
        return (data, holder[0])
    return make


@intrinsic("dyn_call")
def dyn_call(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`obj.method(args)` on `&dyn Trait`: load the fat pointer, load the
    vtable entry, call it with the data pointer."""
    recv, rest = args[0], args[1:]
    fat_t = node.args[0].ty.elem  # type: ignore[attr-defined]
    slot = _FIRST_METHOD + node.extra
    m = comp.m
    holder: list[Any] = []

    def call(fr: Any) -> Any:
        p = recv(fr)
        if not holder:
            holder.append(comp.load_fn(fat_t))
        data, vt = holder[0](p.block, p.index)
        vb = vt.block
        m.access(vb.cell_addr(slot), 8)
        fv = vb.cells[slot]
        vals = [a(fr) for a in rest]
        return comp.call_funcv(fv, [data] + vals)
    return call
