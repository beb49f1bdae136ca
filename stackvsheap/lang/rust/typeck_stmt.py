"""Blocks, statements and the coercions rustc applies where a type is expected."""

from __future__ import annotations

from typing import Any
from ..types import ArrayType, PtrType, SliceType, StringType, Type
from . import ast as A
from .rtypes import NEVER, UNIT, IterT, NeverT, RangeT, TVar, TypeMismatch, find, resolve, unify


class StmtCheck:
    # ---- statements and blocks ---------------------------------------------------------------

    def check_block(self, b: A.Block, expected: Type | None) -> Type:
        self.scopes.append({})
        diverges = False
        try:
            for s in b.stmts:
                if self.check_stmt(s):
                    diverges = True
            if b.tail is not None:
                t = self.check(b.tail, expected)
                if diverges:
                    t = NEVER if isinstance(find(t), NeverT) else t
            else:
                t = NEVER if diverges else UNIT
        finally:
            self.scopes.pop()
        return self.typed(b, t)

    def check_stmt(self, s: A.Stmt) -> bool:
        """Check a statement; True when it never completes (return, break...)."""
        if isinstance(s, A.Let):
            declared = self.type_of(s.type) if s.type is not None else None
            if s.init is not None:
                if declared is not None:
                    t = self.expect(s.init, declared)
                else:
                    t = self.check(s.init, None)
                    if isinstance(find(t), RangeT):
                        self.unsupported("a range stored in a variable", s.init.pos)
            else:
                t = declared if declared is not None else TVar()
            bt = declared if declared is not None else t
            if isinstance(find(bt), NeverT):
                bt = TVar()
            self.bind_pattern(s.pattern, bt, "let", irrefutable=True)
            s.ty = bt
            return s.init is not None and isinstance(find(t), NeverT)
        if isinstance(s, A.ExprStmt):
            e = s.expr
            if not s.semi and isinstance(e, (A.If, A.Match, A.Block, A.While, A.Loop, A.For)):
                t = self.check(e, UNIT)
                if not isinstance(find(t), NeverT):
                    self.unify(UNIT, t, e.pos)
            else:
                t = self.check(e, None)
            return isinstance(find(t), NeverT)
        self.unsupported("statement", s.pos)

    # ---- expressions -----------------------------------------------------------------------

    def expect(self, e: A.Expr, expected: Type) -> Type:
        """Check `e` where a value of type `expected` is required (a coercion site)."""
        t = self.check(e, expected)
        return self.coerce_to(e, t, expected)

    def coerce_to(self, e: A.Expr, t: Type, expected: Type) -> Type:
        ft = find(t)
        et = find(expected)
        if isinstance(ft, NeverT):
            return expected
        steps = self._coercion(ft, et)
        if steps:
            e.coerce = steps  # type: ignore[attr-defined]
            e.coerce_to_ty = expected  # type: ignore[attr-defined]
            return expected
        self.unify(expected, t, e.pos)
        return expected

    def _coercion(self, t: Type, expected: Type) -> list[str] | None:
        """Deref coercion from a reference `t` to the reference `expected`:
        the steps (for the lowering) or None."""
        if not isinstance(t, PtrType) or t.flavor not in ("ref", "mut"):
            return None
        want_mut = False
        if isinstance(expected, PtrType) and expected.flavor in ("ref", "mut"):
            target: Any = find(expected.elem)
            want_mut = expected.flavor == "mut"
            kind = "ptr"
        elif isinstance(expected, SliceType) and expected.flavor == "ref":
            target = expected
            kind = "slice"
        elif isinstance(expected, StringType):
            target = expected
            kind = "str"
        else:
            return None
        if want_mut and t.flavor != "mut":
            return None
        steps: list[str] = []
        cur = find(t.elem)
        for _ in range(8):
            if kind == "ptr":
                if isinstance(target, TVar):
                    return None
                if self._same(cur, target):
                    return steps or (["reborrow"] if t.flavor != expected.flavor else None)  # type: ignore[union-attr]
            if kind == "slice" and isinstance(cur, SliceType) and cur.flavor == "vec":
                try:
                    unify(target.elem, cur.elem)
                except TypeMismatch:
                    return None
                return steps + ["vec_slice"]
            if kind == "slice" and isinstance(cur, ArrayType):
                try:
                    unify(target.elem, cur.elem)
                except TypeMismatch:
                    return None
                return steps + ["array_slice"]
            if kind == "str" and isinstance(cur, SliceType) and cur.flavor == "string":
                return steps + ["string_str"]
            if kind in ("slice", "str") and self._same(cur, target):
                return steps + ["load"]  # `&&str` to `&str`: read through the outer reference
            if kind in ("slice", "str") and self._same(PtrType(cur, "ref"), target):
                return steps + ["load"] if steps else None
            if isinstance(cur, PtrType):
                steps.append("deref")
                cur = find(cur.elem)
                continue
            target = getattr(cur, "deref_target", None) if getattr(cur, "deref_impl", False) else None
            if target is not None:  # through the user's `impl Deref` (deref.py)
                steps.append("user_deref")
                cur = find(target)
                continue
            return None
        return None

    @staticmethod
    def _same(a: Type, b: Type) -> bool:
        a = resolve(a, False)
        b = resolve(b, False)
        if isinstance(a, TVar) or isinstance(b, TVar):
            return False
        try:
            return a == b and not isinstance(a, TVar)
        except Exception:
            return False

    def check(self, e: A.Expr, expected: Type | None) -> Type:
        meth = getattr(self, "c_" + e.__class__.__name__, None)
        if meth is None:
            self.unsupported(e.__class__.__name__.lower(), e.pos)
        t = self.typed(e, meth(e, expected))
        return self.dyn_coerce(e, t, expected)  # type: ignore[attr-defined]
