"""Patterns: scrutinee places, the tests a pattern makes and the bindings it introduces."""

from __future__ import annotations

from .. import ir
from ..types import FloatType, OptionType, PtrType, StringType, Type
from . import ast as A
from .rtypes import BOOL, NeverT
from .typeck_common import Binding
from .lower_common import PlaceInfo, Pos, Scope, _ext, _is_place_expr


class PatternLower:
    def _pattern_bindings(self, p: A.Pattern) -> list[Binding]:
        out: list[Binding] = []

        def walk(p: A.Pattern) -> None:
            if isinstance(p, A.PIdent):
                out.append(p.binding)  # type: ignore[attr-defined]
            elif isinstance(p, A.PTuple):
                for x in p.elems:
                    walk(x)
            elif isinstance(p, (A.PSome, A.PRef)):
                walk(p.inner)
            elif isinstance(p, A.PVariant):
                for _, x in p.subs:  # type: ignore[attr-defined]
                    walk(x)
            elif isinstance(p, A.POr):
                for x in p.alts:
                    walk(x)
        walk(p)
        return out

    # ---- patterns -----------------------------------------------------------------------------

    def scrutinee(self, e: A.Expr, pos: Pos, scope: Scope, pats: list[A.Pattern] | None = None) -> PlaceInfo:
        """The place a pattern is matched against: the expression's own place,
        or a temporary (registered in `scope`). `&place` matched by patterns
        that look through the reference is matched on the place itself."""
        if _is_place_expr(e):
            return self.place(e)
        if isinstance(e, A.Ref) and _is_place_expr(e.x) and pats and \
                all(getattr(p, "derefs", 0) >= 1 for p in pats):
            inner = self.place(e.x)
            self.check_usable(inner.path, e.pos, "borrow", inner.desc)
            if e.mutable:
                self.require_mutable(inner, e.pos, "borrow")
            # the pattern's first implicit dereference is this `&`
            return PlaceInfo(inner.ir, inner.path, inner.mutable and e.mutable, desc=inner.desc,
                             why_not="ref")
        t = e.ty
        tmp = self.hidden(e, "scrutinee", t, "<match value>")
        val = self.value(e)
        if not self.reachable:
            self.run_diverged(val, e.pos)
            return PlaceInfo(ir.VarRef(t, pos, tmp), (tmp, ()), True)
        if isinstance(t, NeverT):
            self.emit(ir.ExprStmt(e.pos, val))
            self.unreachable()
            return PlaceInfo(ir.VarRef(t, pos, tmp), (tmp, ()), True)
        self.emit(ir.Decl(e.pos, tmp, val))
        self.declare(tmp, e.pos, True, scope)
        return PlaceInfo(ir.VarRef(t, e.pos, tmp), (tmp, ()), True, desc="value")

    def pat_place(self, p: A.Pattern, src: PlaceInfo) -> PlaceInfo:
        """Apply the pattern's implicit dereferences (match ergonomics)."""
        n = getattr(p, "derefs", 0)
        if n and src.why_not == "ref":
            n -= 1
            src = PlaceInfo(src.ir, src.path, src.mutable, "", src.desc)
            src.by_ref_done = True  # type: ignore[attr-defined]
        pl = src
        for _ in range(n):
            pt = pl.ir.ty
            assert isinstance(pt, PtrType)
            pl = PlaceInfo(ir.Deref(pt.elem, p.pos, pl.ir), None, pt.flavor == "mut", desc=f"*{pl.desc}")
        if getattr(src, "by_ref_done", False):
            pl.by_ref_done = True  # type: ignore[attr-defined]
        return pl

    def pattern_test(self, p: A.Pattern, src: PlaceInfo) -> ir.Expr | None:
        """A boolean expression that is true when `p` matches (None: always)."""
        if isinstance(p, (A.PIdent, A.PWild)):
            return None
        pl = self.pat_place(p, src)
        t = p.ty
        pos = p.pos
        if isinstance(p, A.PSome) or isinstance(p, A.PNone):
            test = ir.Intrinsic(BOOL, pos, "opt_is_some", [pl.ir])
            if isinstance(p, A.PNone):
                return ir.Unary(BOOL, pos, "!", test)
            inner = self.pattern_test(p.inner, self.payload(pl, t, pos))
            return test if inner is None else ir.Binary(BOOL, pos, "&&", test, inner)
        if isinstance(p, A.PVariant):
            return self.variant_test(p, pl)
        if isinstance(p, A.PTuple):
            conds = []
            for i, sub in enumerate(p.elems):
                et = t.elems[i]  # type: ignore[union-attr]
                c = self.pattern_test(sub, PlaceInfo(ir.FieldRef(et, pos, pl.ir, i),
                                                     _ext(pl.path, i), pl.mutable,
                                                     desc=f"{pl.desc}.{i}"))
                if c is not None:
                    conds.append(c)
            if not conds:
                return None
            out = conds[0]
            for c in conds[1:]:
                out = ir.Binary(BOOL, pos, "&&", out, c)
            return out
        if isinstance(p, A.PLit):
            return self.lit_test(p.value, pl.ir, t, "==", pos)
        if isinstance(p, A.PRange):
            lo = self.lit_test(p.lo, pl.ir, t, ">=", pos)
            hi = self.lit_test(p.hi, pl.ir, t, "<=" if p.inclusive else "<", pos)
            return ir.Binary(BOOL, pos, "&&", lo, hi)
        if isinstance(p, A.POr):
            conds2 = [self.pattern_test(a, pl) for a in p.alts]
            if any(c is None for c in conds2):
                return None
            out = conds2[0]
            for c in conds2[1:]:
                out = ir.Binary(BOOL, pos, "||", out, c)
            return out
        if isinstance(p, A.PRef):
            return self.pattern_test(p.inner, PlaceInfo(ir.Deref(p.inner.ty, pos, pl.ir), None, False))
        self.fail("unsupported: pattern", pos)

    def lit_test(self, lit: A.Lit, place: ir.Expr, t: Type, op: str, pos: Pos) -> ir.Expr:
        c = ir.Const(t, lit.pos, lit.value)
        if isinstance(t, StringType):
            return ir.Binary(BOOL, pos, op, place, c)
        if isinstance(t, FloatType):
            c = ir.Const(t, lit.pos, float(lit.value))
        return ir.Binary(BOOL, pos, op, place, c)

    def payload(self, opt: PlaceInfo, t: Type, pos: Pos) -> PlaceInfo:
        """The Some payload of an Option place. Moving it moves the whole Option."""
        assert isinstance(t, OptionType)
        inner = t.inner
        ptr = ir.Intrinsic(PtrType(inner, "ref"), pos, "opt_payload_ref", [opt.ir])
        pl = PlaceInfo(ir.Deref(inner, pos, ptr), opt.path, opt.mutable, desc=opt.desc)
        pl.payload_of = opt.path  # type: ignore[attr-defined]
        return pl

    def bind_pattern(self, p: A.Pattern, src: PlaceInfo, scope: Scope) -> None:
        """Declare the pattern's bindings from the matched place (after the test)."""
        if isinstance(p, A.PWild):
            return
        if isinstance(p, A.PIdent):
            b: Binding = p.binding  # type: ignore[attr-defined]
            mode = getattr(p, "mode", "move")
            v = self.var_for(b, b.pos)
            if mode == "move":
                val = self.use_place(src, p.ty, p.pos)
            else:
                if mode == "mut":
                    self.require_mutable(src, p.pos, "borrow")
                self.check_usable(src.path, p.pos, "borrow", src.desc)
                val = ir.AddrOf(b.ty, p.pos, src.ir)
            self.emit(ir.Decl(p.pos, v, val))
            self.declare(v, p.pos, True, scope)
            return
        pl = self.pat_place(p, src)
        t = p.ty
        if isinstance(p, A.PSome):
            self.bind_pattern(p.inner, self.payload(pl, t, p.pos), scope)
            return
        if isinstance(p, A.PTuple):
            for i, sub in enumerate(p.elems):
                et = t.elems[i]  # type: ignore[union-attr]
                self.bind_pattern(sub, PlaceInfo(ir.FieldRef(et, p.pos, pl.ir, i),
                                                 _ext(pl.path, i), pl.mutable,
                                                 desc=f"{pl.desc}.{i}"), scope)
            return
        if isinstance(p, A.PVariant):
            self.bind_variant(p, pl, scope)
            return
        if isinstance(p, A.PRef):
            self.bind_pattern(p.inner, PlaceInfo(ir.Deref(p.inner.ty, p.pos, pl.ir), None, False,
                                                 desc=f"*{pl.desc}"), scope)
            return
        if isinstance(p, (A.PNone, A.PLit, A.PRange)):
            return
        if isinstance(p, A.POr):
            return
        self.fail("unsupported: pattern", p.pos)
