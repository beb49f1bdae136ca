"""`assert!`, `assert_eq!` and `assert_ne!`, expanded as std's macros expand.

`assert_eq!(a, b)` is `match (&a, &b) { (left_val, right_val) => if !(*left_val
== *right_val) { <fail> } }`: the operands are borrowed, not moved, and the
failure formats both with `{:?}` (Rust 1.95's message: "assertion `left ==
right` failed", then `  left: ..` and ` right: ..` lines). `assert!(c)` is
`if !c { <fail> }` with "assertion failed: c" (the condition as written).
The failure is an `AssertFail` node, of type `!`.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import PtrType, Type
from . import ast as A
from .rtypes import NEVER, is_debug


def assert_macro(p: A.Pos, kind: str, args: list[A.Expr], text: str, message: str | None) -> A.Expr:
    """The expansion of `assert!` ("assert"), `assert_eq!` ("eq"), `assert_ne!` ("ne")."""
    if kind == "assert":
        fail = A.AssertFail(p, kind, [], message, text)
        return A.If(p, A.Unary(p, "!", args[0]), A.Block(p, [], fail, p), None)
    left, right = (A.Path(p, [n]) for n in ("left_val", "right_val"))
    cmp = A.Binary(p, "==" if kind == "eq" else "!=", A.Unary(p, "*", left), A.Unary(p, "*", right), p)
    fail = A.AssertFail(p, kind, [A.Path(p, ["left_val"]), A.Path(p, ["right_val"])], message, text)
    body = A.If(p, A.Unary(p, "!", cmp), A.Block(p, [], fail, p), None)
    pat = A.PTuple(p, [A.PIdent(p, "left_val"), A.PIdent(p, "right_val")])
    scrut = A.Tuple(p, [A.Ref(p, False, args[0]), A.Ref(p, False, args[1])])
    return A.Match(p, scrut, [A.Arm(p, pat, None, body)])


def failure_message(kind: str, message: str | None, text: str, shown: list[str]) -> str:
    if kind == "assert":
        return message if message is not None else f"assertion failed: {text}"
    op = "==" if kind == "eq" else "!="
    head = f"assertion `left {op} right` failed" + (f": {message}" if message is not None else "")
    return f"{head}\n  left: {shown[0]}\n right: {shown[1]}"


class AssertCheck:
    def c_AssertFail(self, e: A.AssertFail, expected: Type | None) -> Type:
        for a in e.args:
            t = self.check(a, None)
            inner = t.elem if isinstance(t, PtrType) else t
            if not is_debug(inner):
                self.fail(f"`{inner}` doesn't implement `Debug`", a.pos)
        return NEVER


class AssertLower:
    def v_AssertFail(self, e: A.AssertFail) -> ir.Expr:
        vals: list[Any] = [self.value(a) for a in e.args]
        return ir.Intrinsic(NEVER, e.pos, "assert_failed", vals, extra=(e.kind, e.message, e.text))
