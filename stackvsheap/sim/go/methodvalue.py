"""Method values at run time: a closure `T.M-fm` {F uintptr; R receiver}
holding the receiver evaluated when the value was taken; on the heap when
escape analysis says it escapes, otherwise in the frame (no allocation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import IntType, StructType
from ..intrinsics import intrinsic
from ..memory import STACK, FuncV

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_UINTPTR = IntType("uintptr", 8, False)


class BoundMethod:
    """What a method value calls: the method with its receiver first."""

    __slots__ = ("_invoke", "name")

    def __init__(self, invoke: Any, name: str) -> None:
        self._invoke = invoke
        self.name = name


@intrinsic("method_value")
def method_value(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    (rv,) = args
    fn = node.extra
    site = node.site
    assert site is not None
    m = comp.m
    rt = fn.params[0].ty
    ct = StructType(f"{fn.receiver}.{fn.name}-fm")
    ct.fields = [("F", _UINTPTR), ("R", rt)]
    heap = site.placement == "heap"
    pos = node.pos
    holder: list[Any] = []

    def make(fr: Any) -> FuncV:
        r = rv(fr)
        if not holder:
            holder.append(comp.invoker(comp.codes[id(fn)]))
        inv = holder[0]
        cells = [0] + (list(r) if isinstance(r, tuple) else [r])
        if heap:
            b = m.go_alloc(ct, 1, site.text, site, pos)
            m.access_w(b.addr, ct.size)
        else:
            b = m.new_block(ct, 1, STACK, site.text, fr.block.addr)
        m.put(b, 0, cells)
        return FuncV(BoundMethod(lambda vals, env: inv([r] + vals, None), site.text), b)
    return make
