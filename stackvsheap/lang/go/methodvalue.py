"""Method values: `f := c.Inc` (cmd/compile OMETHVALUE).

The value is a closure `T.Inc-fm` holding the receiver, evaluated where the
method value is taken (`&c` for a pointer method on an addressable value,
a copy for a value method). `-m` reports it at the selector's `.` as
`c.Inc escapes to heap` / `does not escape`. Escape analysis (escape/expr.go)
flows the receiver both into the closure and into the method's receiver
parameter, with the method's results assumed to reach the heap (nobody
knows how the value will be called).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import PtrType
from .scope import Operand, pos_of, syn_pos

METHOD_VALUE = "method_value"


def method_value(ck: Any, n: Any, x: Any, m: Any) -> Operand:
    f = m.func
    recv_t = f.params[0].ty
    xpos = pos_of(x.node)
    if isinstance(recv_t, PtrType) and not isinstance(x.ty, PtrType):
        if x.mode != "var":
            fnode = n.child_by_field_name("field")
            ck.err(fnode or n, f"cannot call pointer method {f.name} on {x.ty}")
        recv: ir.Expr = ir.AddrOf(recv_t, xpos, x.expr)
        ck.implicit.add(recv)
        ck.mark_addr_taken(x.expr)
    elif not isinstance(recv_t, PtrType) and isinstance(x.ty, PtrType):
        recv = ir.Deref(recv_t, xpos, x.expr)
        ck.implicit.add(recv)
    else:
        recv = x.expr
    site = ck.site(syn_pos(n), "method_value", ck.src(n))
    e = ir.Intrinsic(m.sig, pos_of(n), METHOD_VALUE, [recv], site, f)
    return Operand("value", m.sig, n, expr=e)


def method_value_escape(w: Any, k: Any, n: ir.Intrinsic) -> None:
    g = w.g
    fn = n.extra
    closure_k = w.spill(k, n.site, n)
    ks = [g.heap_hole() for _ in fn.results]
    param_k = w.tag_hole(ks, fn, 0, n)
    w.expr(w.tee_hole([param_k, closure_k]), n.args[0])
