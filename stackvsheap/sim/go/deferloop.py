"""Defers inside loops at run time (lang/go/deferloop.py): a list of pending
calls per function activation, run last in first out at the exit. The
records themselves come from the runtime's defer pool (no allocation); the
wrapper closure holding the arguments is a heap object when the call needs
one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import IntType, StructType
from ..intrinsics import intrinsic

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_UINTPTR = IntType("uintptr", 8, False)


class DeferList(list):  # type: ignore[type-arg]
    def __str__(self) -> str:
        return f"{len(self)} deferred call{'s' if len(self) != 1 else ''}"


@intrinsic("defer_chain")
def defer_chain(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return lambda fr: DeferList()


@intrinsic("defer_push")
def defer_push(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    chain, *vals = args
    call = node.extra
    site, pos, m = node.site, node.pos, comp.m
    wrapper = None
    if site is not None:
        wrapper = StructType("defer wrapper closure")
        wrapper.fields = [("F", _UINTPTR)] + [(f"a{i}", a.ty) for i, a in enumerate(node.args[1:])]
    holder: list[Any] = []

    def push(fr: Any) -> None:
        lst = chain(fr)
        vs = [v(fr) for v in vals]
        if wrapper is not None:
            b = m.go_alloc(wrapper, 1, "defer wrapper closure", site, pos)
            cells: list[Any] = [0]
            for a, v in zip(node.args[1:], vs):
                cells.extend(v if (a.ty.nleaves != 1 or a.ty.is_aggregate) else [v])
            m.put(b, 0, cells)
            m.access_w(b.addr, wrapper.size)
        if isinstance(call, ir.Call):
            if not holder:
                holder.append(comp.invoker(comp.codes[id(call.func)]))
            inv = holder[0]
            lst.append(lambda: inv(vs, None))
        else:
            fv, rest = vs[0], vs[1:]
            lst.append(lambda: comp.call_funcv(fv, rest))
    return push


@intrinsic("defer_run")
def defer_run(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    (chain,) = args

    def run(fr: Any) -> None:
        lst = chain(fr)
        while lst:
            lst.pop()()
    return run
