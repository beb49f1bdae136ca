"""Conversions to interface types (`any`, `error`): cmd/compile's OCONVIFACE.

A non-interface value stored in an interface becomes
`Intrinsic("conv_iface", [x], site=...)` of the interface type. The site is
what `-m` reports (`x escapes to heap` / `x does not escape`), except for
pointer-shaped values, which are their own data word (no site, no
allocation: types.IsDirectIface). Escape analysis (escape_walk.py) may
rewrite the text to the variable's constant value (escape.go
rewriteWithLiterals) and marks the conversions the compiler makes without
allocating (`extra`: see sim/go/iface.py for the run-time rules).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import BOOL, GO_STRING, FuncType, IfaceType, MapType, PtrType, Type
from .gotypes import ERROR as ERROR_T, default_type, go_tuple, identical, is_untyped
from .scope import Operand, kids, pos_of, syn_pos, text_of

CONV = "conv_iface"


def direct_iface(t: Type) -> bool:
    """types.IsDirectIface: the value is one pointer word (kept in the data word)."""
    return isinstance(t, (PtrType, FuncType, MapType))


def is_conv(e: ir.Expr) -> bool:
    return isinstance(e, ir.Intrinsic) and e.name == CONV


def to_iface(ck: Any, op: Any, t: IfaceType, context: str) -> ir.Expr:
    """Lower operand `op` (already `single`) as a value of interface type t."""
    pos = pos_of(op.node)
    if op.mode == "nil":
        return ir.Const(t, pos, None)
    if is_untyped(op.ty):
        x = ck.convert_untyped(op, default_type(op.ty), context)
    else:
        x = ck.rvalue(op)
    if isinstance(x.ty, IfaceType):
        if identical(x.ty, t) or missing_method(ck, x.ty, t) is None:
            return x  # same representation: only the type word changes
        why = missing_method(ck, x.ty, t)
    else:
        why = missing_method(ck, x.ty, t)
        if why is None:
            return conv(ck, x, t, syn_pos(op.node))
    ck.err(op.node, f"cannot use {ck.describe(op)} as {t} value in {context}: "
                    f"{x.ty} does not implement {t} ({why})")


def conv(ck: Any, x: ir.Expr, t: IfaceType, at: ir.Pos) -> ir.Expr:
    """`at`: where the compiler puts the operand (syntax position)."""
    if direct_iface(x.ty):
        return ir.Intrinsic(t, x.pos, CONV, [x], None)
    site = ck.site(at, "iface", ck.text(x))
    return ir.Intrinsic(t, x.pos, CONV, [x], site)


# ---- user interfaces ----------------------------------------------------------

ASSERT = "type_assert"
ICALL = "iface_call"


class IfaceMethod:
    """A method selected on an interface value (`s.Area`)."""

    def __init__(self, name: str, sig: FuncType) -> None:
        self.name = name
        self.sig = sig


def iface_sigs(ck: Any) -> dict[IfaceType, dict[str, FuncType]]:
    sigs = getattr(ck, "_iface_sigs", None)
    if sigs is None:
        sigs = ck._iface_sigs = {ERROR_T: {"Error": FuncType((), (GO_STRING,))}}
    return sigs


def define_interface(ck: Any, name: str, n: Any) -> IfaceType:
    """`type Shape interface { Area() float64 }`: methods only (no embedding)."""
    methods: dict[str, FuncType] = {}
    for el in kids(n):
        if el.type == "comment":
            continue
        if el.type != "method_elem":
            ck.unsupported(el, "embedded interface or type constraint")
        mn = el.child_by_field_name("name")
        assert mn is not None
        params, results = ck.signature(el.child_by_field_name("parameters"), el.child_by_field_name("result"))
        mname = text_of(mn)
        if mname in methods:
            ck.err(mn, f"duplicate method {mname}")
        methods[mname] = FuncType(tuple(p for _, p in params), tuple(r for _, r in results),
                                  getattr(params, "variadic", False))
    t = IfaceType(name, tuple(sorted(methods)))
    iface_sigs(ck)[t] = methods
    return t


def method_set(ck: Any, t: Type) -> dict[str, FuncType] | None:
    """The methods callable on a value of type t (a *T has T's too); None
    for an interface."""
    if isinstance(t, IfaceType):
        return None
    ptr = isinstance(t, PtrType)
    base = t.elem if ptr else t
    out: dict[str, FuncType] = {}
    for name, m in ck.methods.get(base, {}).items():
        f = getattr(m, "func", None)
        if f is None:
            continue
        if ptr or not isinstance(f.params[0].ty, PtrType):
            out[name] = m.sig
    return out


def missing_method(ck: Any, t: Type, it: IfaceType) -> str | None:
    """Why t does not implement it (None when it does)."""
    want = iface_sigs(ck).get(it, {})
    if isinstance(t, IfaceType):
        have = iface_sigs(ck).get(t, {})
        for name, sig in want.items():
            if name not in have:
                return f"missing method {name}"
        return None
    ms = method_set(ck, t) or {}
    for name, sig in want.items():
        if name not in ms:
            base = t.elem if isinstance(t, PtrType) else t
            if isinstance(t, PtrType) is False and name in ck.methods.get(base, {}):
                return f"method {name} has pointer receiver"
            return f"missing method {name}"
        if not identical(ms[name], sig):
            return f"wrong type for method {name}"
    return None


def iface_call(ck: Any, n: Any, sel: Any, x: Any, m: IfaceMethod, an: Any) -> Any:
    """`s.Area()` on an interface value: a dynamic call (OCALLINTER)."""
    args = ck.call_args(n, an, list(m.sig.params), ck.src(sel))
    rt, mode = ck.result_type(m.sig.results)
    e = ir.Intrinsic(rt, pos_of(n), ICALL, [x.expr] + args, None, m.name)
    return Operand(mode, rt, n, expr=e, stmt=ir.ExprStmt(e.pos, e))


def type_assertion(ck: Any, n: Any) -> Any:
    """`x.(T)`; the operand's `comma_ok` is the `v, ok := x.(T)` form."""
    xn = n.child_by_field_name("operand")
    tn = n.child_by_field_name("type")
    assert xn is not None and tn is not None
    x = ck.single(ck.expr(xn))
    if not isinstance(x.ty, IfaceType):
        ck.err(xn, f"invalid operation: {ck.describe(x)} is not an interface")
    t = ck.resolve_type(tn)
    if not isinstance(t, IfaceType):
        why = missing_method(ck, t, x.ty)
        if why is not None:
            ck.err(tn, f"impossible type assertion: {ck.src(xn)}.({ck.src(tn)})\n\t{t} does not implement {x.ty} ({why})")
    pos = pos_of(n)
    e = ir.Intrinsic(t, pos, ASSERT, [x.expr], None, (t, False))
    op = Operand("value", t, n, expr=e)
    pair = go_tuple([t, BOOL])
    op.comma_ok = Operand("tuple", pair, n, expr=ir.Intrinsic(pair, pos, ASSERT, [x.expr], None, (t, True)))
    return op
