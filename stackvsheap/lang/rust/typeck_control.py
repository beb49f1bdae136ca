"""Control flow: `if`, loops, `match` and its exhaustiveness, jumps and macros."""

from __future__ import annotations

from .patterns import involves_enum, missing_patterns
from ..types import ArrayType, BoolType, OptionType, PtrType, SliceType, TupleType, Type
from . import ast as A
from .hashmap import HashMapType
from .typeck_iter import CHAIN_ONLY
from .rtypes import (
    BOOL, NEVER, UNIT, USIZE, IterT, NeverT, RangeT, TVar, TypeMismatch, find, resolve,
    strip_refs, unify,
)
from .typeck_common import LoopCtx, Pos


class ControlCheck:
    def _cond(self, c: A.Expr | A.LetCond) -> None:
        if isinstance(c, A.LetCond):
            t = self.check(c.value, None)
            if isinstance(find(t), (IterT, RangeT)):
                self.unsupported("matching on an iterator", c.value.pos)
            self.scopes.append({})
            self.bind_pattern(c.pattern, t, "pattern", irrefutable=False)
            c.ty = t
        else:
            self.unify(BOOL, self.check(c, BOOL), c.pos)

    def join(self, a: Type, b: Type, pos: Pos) -> Type:
        fa = find(a)
        fb = find(b)
        if isinstance(fa, NeverT):
            return b
        if isinstance(fb, NeverT):
            return a
        self.unify(a, b, pos)
        return a

    def c_If(self, e: A.If, expected: Type | None) -> Type:
        is_let = isinstance(e.cond, A.LetCond)
        self._cond(e.cond)
        try:
            tt = self.check(e.then, expected if e.else_ is not None else UNIT)
        finally:
            if is_let:
                self.scopes.pop()
        if e.else_ is None:
            if not isinstance(find(tt), NeverT):
                self.unify_block_unit(e.then, tt, UNIT) if not e.then.tail else \
                    self.unify(UNIT, tt, e.then.tail.pos)
            return UNIT
        et = self.check(e.else_, expected)
        fa, fb = find(tt), find(et)
        if isinstance(fa, NeverT):
            return et
        if isinstance(fb, NeverT):
            return tt
        try:
            unify(tt, et)
        except TypeMismatch:
            pos = e.else_.tail.pos if isinstance(e.else_, A.Block) and e.else_.tail else e.else_.pos
            self.fail(f"`if` and `else` have incompatible types: expected `{resolve(tt, False)}`, "
                      f"found `{resolve(et, False)}`", pos)
        return tt

    def c_While(self, e: A.While, expected: Type | None) -> Type:
        is_let = isinstance(e.cond, A.LetCond)
        self._cond(e.cond)
        self.fn.loops.append(LoopCtx(e.label, None, e))
        try:
            bt = self.check(e.body, UNIT)
            if not isinstance(find(bt), NeverT):
                self.unify_block_unit(e.body, bt, UNIT)
        finally:
            self.fn.loops.pop()
            if is_let:
                self.scopes.pop()
        return UNIT

    def c_Loop(self, e: A.Loop, expected: Type | None) -> Type:
        ctx = LoopCtx(e.label, expected if expected is not None else TVar(), e)
        ctx.has_break = False  # type: ignore[attr-defined]
        self.fn.loops.append(ctx)
        try:
            bt = self.check(e.body, UNIT)
            if not isinstance(find(bt), NeverT):
                self.unify_block_unit(e.body, bt, UNIT)
        finally:
            self.fn.loops.pop()
        if not ctx.has_break:  # type: ignore[attr-defined]
            return NEVER
        return ctx.break_ty  # type: ignore[return-value]

    def c_For(self, e: A.For, expected: Type | None) -> Type:
        it = self.check(e.iter, None)
        item = self.for_item(e, it)
        self.scopes.append({})
        try:
            self.bind_pattern(e.pattern, item, "for", irrefutable=True)
            self.fn.loops.append(LoopCtx(e.label, None, e))
            try:
                bt = self.check(e.body, UNIT)
                if not isinstance(find(bt), NeverT):
                    self.unify_block_unit(e.body, bt, UNIT)
            finally:
                self.fn.loops.pop()
        finally:
            self.scopes.pop()
        return UNIT

    def for_item(self, e: A.For, it: Type) -> Type:
        """What `for` iterates over, and the item type it yields."""
        t = find(it)
        if isinstance(t, RangeT):
            e.source = "range"  # type: ignore[attr-defined]
            return t.elem
        ui = self.user_iter_item(t)
        if ui is not None:  # a struct with `impl Iterator` (typeck_iter.py)
            e.iter.iter_src = "user"  # type: ignore[attr-defined]
            e.iter.iter_adapters = []  # type: ignore[attr-defined]
            e.source = "chain"  # type: ignore[attr-defined]
            return ui
        if isinstance(t, IterT):
            src = getattr(e.iter, "iter_src", None)
            if src == "vec_drain":
                self.unsupported("a `for` loop over `drain` (collect it into a Vec first)", e.iter.pos)
            # a chain of adapters, or an iterator value: the runtime's pipeline (lower_iter.py)
            plain = src is not None and src not in CHAIN_ONLY and not getattr(e.iter, "iter_adapters", None)
            e.source = "iter" if plain else "chain"  # type: ignore[attr-defined]
            return t.item
        if isinstance(t, PtrType) and t.flavor in ("ref", "mut") and isinstance(find(t.elem), HashMapType):
            mt = find(t.elem)
            e.source = "map"  # type: ignore[attr-defined]
            e.map_iter = "keys" if mt.is_set else "pairs"  # type: ignore[attr-defined]
            if mt.is_set:
                return PtrType(mt.key, "ref")
            return TupleType((PtrType(mt.key, "ref"), PtrType(mt.val, t.flavor)))
        if isinstance(find(t), HashMapType):
            self.unsupported("a `for` loop over a HashMap by value (iterate over `&map`)", e.iter.pos)
        if isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
            inner = find(t.elem)
            if isinstance(inner, (SliceType, ArrayType)) and getattr(inner, "flavor", "vec") != "string":
                e.source = "borrow"  # type: ignore[attr-defined]
                return PtrType(inner.elem, t.flavor)
        if isinstance(t, SliceType) and t.flavor == "ref":
            e.source = "slice"  # type: ignore[attr-defined]
            return PtrType(t.elem, "ref")
        if isinstance(t, SliceType) and t.flavor == "vec":
            e.source = "vec"  # type: ignore[attr-defined]
            return t.elem
        if isinstance(t, ArrayType):
            e.source = "array"  # type: ignore[attr-defined]
            return t.elem
        if isinstance(t, TVar):
            self.fail("type annotations needed", e.iter.pos)
        self.fail(f"`{resolve(it, False)}` is not an iterator", e.iter.pos)

    def c_Match(self, e: A.Match, expected: Type | None) -> Type:
        st = self.check(e.scrutinee, self.parse_target_of_match(e.scrutinee, expected))
        if isinstance(find(st), (IterT, RangeT)):
            self.unsupported("matching on an iterator", e.scrutinee.pos)
        result: Type = NEVER
        for arm in e.arms:
            self.scopes.append({})
            try:
                self.bind_pattern(arm.pattern, st, "pattern", irrefutable=False)
                if arm.guard is not None:
                    self.unify(BOOL, self.check(arm.guard, BOOL), arm.guard.pos)
                at = self.check(arm.body, expected)
                if isinstance(find(result), NeverT):
                    result = at
                elif not isinstance(find(at), NeverT):
                    try:
                        unify(result, at)
                    except TypeMismatch:
                        self.fail(f"`match` arms have incompatible types: expected "
                                  f"`{resolve(result, False)}`, found `{resolve(at, False)}`", arm.body.pos)
            finally:
                self.scopes.pop()
        self._exhaustive(e, st)
        if not e.arms:
            return NEVER
        return result

    def _exhaustive(self, e: A.Match, st: Type) -> None:
        t, _ = strip_refs(st)
        t = find(t)
        if involves_enum(t):
            missing = missing_patterns(e.arms, t)
            if missing is not None:
                self.fail(f"non-exhaustive patterns: {missing} not covered", e.scrutinee.pos)
            return
        some = none = False
        any_all = False
        for arm in e.arms:
            p = arm.pattern
            if arm.guard is not None:
                continue
            alts = p.alts if isinstance(p, A.POr) else [p]
            for a in alts:
                if isinstance(a, (A.PWild, A.PIdent)):
                    any_all = True
                elif isinstance(a, A.PNone):
                    none = True
                elif isinstance(a, A.PSome) and isinstance(a.inner, (A.PWild, A.PIdent)):
                    some = True
                elif isinstance(a, A.PTuple) and all(isinstance(x, (A.PWild, A.PIdent)) for x in a.elems):
                    any_all = True
                elif isinstance(a, A.PLit) and isinstance(t, BoolType):
                    if a.value.value:
                        some = True
                    else:
                        none = True
        if any_all or (some and none):
            return
        if isinstance(t, OptionType):
            missing = "`None`" if not none else "`Some(_)`"
        elif isinstance(t, BoolType):
            missing = "`false`" if not none else "`true`"
        else:
            missing = "`_`"
        self.fail(f"non-exhaustive patterns: {missing} not covered", e.scrutinee.pos)

    def c_Break(self, e: A.Break, expected: Type | None) -> Type:
        ctx = self.find_loop(e.label, e.pos, "break")
        if e.value is not None:
            if ctx.break_ty is None:
                self.fail("`break` with value from a `while` or `for` loop", e.pos)
            self.expect(e.value, ctx.break_ty)
        elif ctx.break_ty is not None:
            self.unify(ctx.break_ty, UNIT, e.pos)
        ctx.has_break = True  # type: ignore[attr-defined]
        e.loop = ctx.node  # type: ignore[attr-defined]
        return NEVER

    def c_Continue(self, e: A.Continue, expected: Type | None) -> Type:
        ctx = self.find_loop(e.label, e.pos, "continue")
        e.loop = ctx.node  # type: ignore[attr-defined]
        return NEVER

    def find_loop(self, label: str | None, pos: Pos, what: str) -> LoopCtx:
        loops = self.fn.loops if self.fn else []
        for ctx in reversed(loops):
            if label is None or ctx.label == label:
                return ctx
        if label is not None:
            self.fail(f"use of undeclared label `{label}`", pos)
        self.fail(f"`{what}` outside of a loop", pos)

    def c_Return(self, e: A.Return, expected: Type | None) -> Type:
        if isinstance(self.fn.owner, A.ConstDecl):
            self.fail("return statement outside of function body", e.pos)
        if e.value is not None:
            self.expect(e.value, self.fn.ret)
        else:
            self.unify(self.fn.ret, UNIT, e.pos)
        return NEVER

    def c_PanicMacro(self, e: A.PanicMacro, expected: Type | None) -> Type:
        return NEVER

    def c_PrintMacro(self, e: A.PrintMacro, expected: Type | None) -> Type:
        for a in e.args:
            t = self.check(a, None)
            if isinstance(find(t), (IterT, RangeT)):
                self.unsupported("printing an iterator or range", a.pos)
        return UNIT

    def c_VecMacro(self, e: A.VecMacro, expected: Type | None) -> Type:
        elem: Type = TVar()
        if expected is not None:
            et = find(expected)
            if isinstance(et, SliceType) and et.flavor == "vec":
                elem = et.elem
        if e.repeat is not None:
            x, n = e.repeat
            t = self.check(x, elem)
            self.unify(elem, t, x.pos)
            self.unify(USIZE, self.check(n, USIZE), n.pos)
            e.elem_ty = elem  # type: ignore[attr-defined]
            return SliceType(elem, "vec")
        for x in e.elems:
            t = self.check(x, elem)
            self.unify(elem, t, x.pos)
        e.elem_ty = elem  # type: ignore[attr-defined]
        return SliceType(elem, "vec")
