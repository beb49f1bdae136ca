"""Variadic functions: `func sum(nums ...int)` and its calls.

The `...T` parameter is a `[]T` inside the function. A call packs the extra
arguments into an implicit slice literal at the call's `(`, which `-m`
reports as `... argument` (typecheck.FixVariadicCall); no extra argument
passes a nil slice, and `f(xs...)` passes xs itself.
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from .. import ir
from ..types import SliceType, Type
from .scope import kids, syn_pos, token


class ParamList(list):  # type: ignore[type-arg]
    """A parameter list; `variadic` when it ends in `...T`."""

    variadic = False


def is_variadic(params: Any) -> bool:
    return bool(getattr(params, "variadic", False))


def variadic_args(ck: Any, call: Node, an: Node, nodes: list[Node], params: list[Type],
                  fname: str) -> list[ir.Expr]:
    fixed, last = params[:-1], params[-1]
    assert isinstance(last, SliceType)
    spread = bool(nodes) and nodes[-1].type == "variadic_argument"
    for a in nodes[:-1]:
        if a.type == "variadic_argument":
            ck.err(a, f"can only use ... with final argument in list")
    if len(nodes) < len(fixed) + (1 if spread else 0):
        at = nodes[-1] if nodes else (token(an, ")") or an)
        ck.err(at, f"not enough arguments in call to {fname}")
    if spread and len(nodes) != len(params):
        ck.err(nodes[-1], f"have (...) but too many arguments in call to {fname}")
    out = [ck.assignable(ck.single(ck.expr(a)), t, f"argument to {fname}") for a, t in zip(nodes, fixed)]
    if spread:
        inner = kids(nodes[-1])
        op = ck.single(ck.expr(inner[0] if inner else nodes[-1]))
        out.append(ck.assignable(op, last, f"argument to {fname}"))
        return out
    extra = nodes[len(fixed):]
    elems = [ck.assignable(ck.single(ck.expr(a)), last.elem, f"argument to {fname}") for a in extra]
    at = syn_pos(call)
    if not elems:
        out.append(ir.Const(last, at, None))
    else:
        out.append(ir.SliceLit(last, at, ir.AllocSite(at, "slice_lit", "... argument"), elems))
    return out
