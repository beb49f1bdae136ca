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
from ..types import FuncType, IfaceType, PtrType, Type
from .gotypes import default_type, identical, is_untyped
from .scope import pos_of, syn_pos

CONV = "conv_iface"


def direct_iface(t: Type) -> bool:
    """types.IsDirectIface: the value is one pointer word (kept in the data word)."""
    return isinstance(t, (PtrType, FuncType))


def is_conv(e: ir.Expr) -> bool:
    return isinstance(e, ir.Intrinsic) and e.name == CONV


def implements(t: Type, it: IfaceType) -> bool:
    return not it.methods or (isinstance(t, IfaceType) and set(it.methods) <= set(t.methods))


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
        if identical(x.ty, t) or implements(x.ty, t):
            return x  # same representation: only the type word changes
    elif not t.methods:
        return conv(ck, x, t, syn_pos(op.node))
    what = ck.describe(op)
    base = x.ty.elem if isinstance(x.ty, PtrType) else x.ty
    missing = [m for m in t.methods if m not in ck.methods.get(base, {})]
    if not missing:
        ck.unsupported(op.node, f"{what} as {t} (user types implementing interfaces)")
    ck.err(op.node, f"cannot use {what} as {t} value in {context}: "
                    f"{x.ty} does not implement {t} (missing method {missing[0]})")


def conv(ck: Any, x: ir.Expr, t: IfaceType, at: ir.Pos) -> ir.Expr:
    """`at`: where the compiler puts the operand (syntax position)."""
    if direct_iface(x.ty):
        return ir.Intrinsic(t, x.pos, CONV, [x], None)
    site = ck.site(at, "iface", ck.text(x))
    return ir.Intrinsic(t, x.pos, CONV, [x], site)
