"""strings.Builder: the type and its methods, lowered to `builder_call`
intrinsics (sim/go/builder.py runs them).

The methods have pointer receivers, so `sb.WriteString(s)` passes `&sb`;
their parameter tags come from the strings package's export data
(`go build -gcflags=-m strings`): WriteString/WriteByte/WriteRune:
`leaking param content: b` (the buffer the Builder points to is on the heap,
the Builder itself stays where it is); String: `leaking param: b to result
~r0 level=1` (the string shares the buffer); Grow, Len, Cap, Reset: `b does
not escape`.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import GO_STRING, UNIT, IntType, PtrType, SliceType, StructType
from .gotypes import ERROR, INT, RUNE, go_tuple
from .scope import Operand, pos_of, syn_pos, text_of

BUILDER_CALL = "builder_call"
BYTE = IntType("byte", 1, False)
BUILDER = StructType("strings.Builder")
BUILDER.fields = [("addr", PtrType(BYTE)), ("buf", SliceType(BYTE))]

#: method -> (parameter types, result types)
METHODS: dict[str, tuple[tuple, tuple]] = {
    "WriteString": ((GO_STRING,), (INT, ERROR)),
    "WriteByte": ((BYTE,), (ERROR,)),
    "WriteRune": ((RUNE,), (INT, ERROR)),
    "Grow": ((INT,), ()),
    "String": ((), (GO_STRING,)),
    "Len": ((), (INT,)),
    "Cap": ((), (INT,)),
    "Reset": ((), ()),
}
WRITERS = ("WriteString", "WriteByte", "WriteRune")
PACKAGE_TYPES = {"strings": {"Builder": BUILDER}}


class BuilderMethod:
    def __init__(self, name: str) -> None:
        self.name = name


def is_builder(t: Any) -> bool:
    return t is BUILDER or (isinstance(t, PtrType) and t.elem is BUILDER)


def builder_call(ck: Any, n: Any, sel: Any, x: Any, m: BuilderMethod, an: Any) -> Operand:
    fnode = sel.child_by_field_name("field")
    if m.name not in METHODS:
        ck.unsupported(fnode or sel, f"strings.Builder.{m.name}")
    params, results = METHODS[m.name]
    if isinstance(x.ty, PtrType):
        recv = x.expr
    else:
        if x.mode != "var":
            ck.err(fnode or sel, f"cannot call pointer method {m.name} on strings.Builder")
        recv = ir.AddrOf(PtrType(BUILDER), pos_of(x.node), x.expr)
        ck.implicit.add(recv)
        ck.mark_addr_taken(x.expr)
    args = ck.call_args(n, an, list(params), ck.src(sel))
    rt = UNIT if not results else results[0] if len(results) == 1 else go_tuple(list(results))
    mode = "novalue" if not results else "value" if len(results) == 1 else "tuple"
    site = ir.AllocSite(syn_pos(n), "append", f"strings.Builder.{m.name}", silent=True,
                        reason="the Builder's buffer grows like append: a new heap array, "
                               "doubled and rounded up to a size class")
    e = ir.Intrinsic(rt, pos_of(n), BUILDER_CALL, [recv] + args, site, m.name)
    return Operand(mode, rt, n, expr=e, stmt=ir.ExprStmt(e.pos, e))


def builder_escape(w: Any, k: Any, n: ir.Intrinsic) -> None:
    recv, *args = n.args
    g = w.g
    if n.extra in WRITERS:
        w.argument(g.heap_hole().deref(n, "leaking param content"), recv, n)
    elif n.extra == "String":
        w.argument(k.shift(1), recv, n)
    else:
        w.discard(recv)
    for a in args:
        w.discard(a)


def qualified_type(ck: Any, n: Any) -> Any:
    """`strings.Builder` (a type of an imported package), or None."""
    from .imports import PkgObj

    pn = n.child_by_field_name("package")
    tn = n.child_by_field_name("name")
    if pn is None or tn is None:
        return None
    obj = ck.scope.lookup(text_of(pn))
    if not isinstance(obj, PkgObj):
        return None
    obj.used = True
    t = PACKAGE_TYPES.get(obj.path, {}).get(text_of(tn))
    if t is None:
        ck.unsupported(n, f"type {obj.path}.{text_of(tn)}")
    return t
