"""Places: paths, fields, derefs and temporaries; using a place moves or copies it."""

from __future__ import annotations

from .. import ir
from ..types import PtrType, SliceType, Type
from . import ast as A
from .moves import INIT
from .rtypes import BOOL, RUST_STR, IterT, RangeT, is_copy, needs_drop
from .lower_common import Entry, PlaceInfo, Pos, Scope, _ext, _is_place_expr, _retype


class PlaceLower:
    # ---- places ----------------------------------------------------------------------------

    def place(self, e: A.Expr) -> PlaceInfo:
        if isinstance(e, A.Path):
            b = getattr(e, "binding", None)
            if b is None:
                return self.temp_place(e)
            v = self.var_for(b, e.pos)
            captured = isinstance(self.owner, A.Closure) and b.owner is not self.owner
            path = None if captured else (v, ())
            return PlaceInfo(ir.VarRef(b.ty, e.pos, v), path, b.mutable,
                             "" if b.mutable else "immutable", b.name)
        if isinstance(e, A.Field):
            base = self.auto_deref(self.base_place(e.base), e.base.ty, getattr(e, "derefs", 0), e.pos)
            idx = e.index  # type: ignore[attr-defined]
            return PlaceInfo(ir.FieldRef(e.ty, e.pos, base.ir, idx),
                             _ext(base.path, idx), base.mutable, base.why_not,
                             f"{base.desc}.{e.name}")
        if isinstance(e, A.Index) and getattr(e, "map_index", False):
            return self.map_index_place(e)
        if isinstance(e, A.Index):
            base = self.auto_deref(self.base_place(e.base), e.base.ty, getattr(e, "derefs", 0), e.pos)
            self.check_usable(base.path, e.base.pos, "borrow", base.desc)  # Index::index(&base, i)
            idx = self.value(e.index)
            pl = PlaceInfo(ir.IndexRef(e.ty, e.pos, base.ir, idx), None, base.mutable, base.why_not,
                           f"{base.desc}[..]")
            pl.index_of = base.ir.ty  # type: ignore[attr-defined]
            return pl
        if isinstance(e, A.Unary) and e.op == "*":
            up = self.user_deref_place(e)  # type: ignore[attr-defined]
            if up is not None:
                return up
            base = self.base_place(e.x) if _is_place_expr(e.x) else None
            pt = e.x.ty
            assert isinstance(pt, PtrType)
            if base is None:
                if is_copy(pt):
                    ptr = self.value(e.x)
                    return PlaceInfo(ir.Deref(e.ty, e.pos, ptr), None, pt.flavor == "mut",
                                     "" if pt.flavor == "mut" else pt.flavor, "*value")
                base = self.temp_place(e.x)
            return self.deref_once(base, pt, e.pos)
        return self.temp_place(e)

    def base_place(self, e: A.Expr) -> PlaceInfo:
        """The place a field access / index / method call starts from. A
        reference-typed rvalue needs no temporary: its pointer is the way in."""
        if _is_place_expr(e):
            return self.place(e)
        return self.temp_place(e)

    def temp_place(self, e: A.Expr) -> PlaceInfo:
        """A value used as a place lives in a temporary until the end of the statement."""
        t = e.ty
        if isinstance(t, (IterT, RangeT)):
            self.fail("unsupported: an iterator or range used as a value", e.pos)
        val = self.value(e)
        if is_copy(t) and not needs_drop(t):
            tmp = self.hidden(e, "temp", t, "<temporary>")
            blk = ir.BlockExpr(PtrType(t, "ref"), e.pos, ir.Block(
                e.pos, [ir.Decl(e.pos, tmp, val)], [], ir.AddrOf(PtrType(t, "ref"), e.pos, ir.VarRef(t, e.pos, tmp))))
            return PlaceInfo(ir.Deref(t, e.pos, blk), None, True, desc="temporary value")
        temps = self.temp_scope()
        tmp = self.hidden(e, "temp", t, "<temporary>")
        # the flag (if any) starts false at the statement, turns true when the value exists
        flags = self.flag_paths(tmp)
        lst, at = temps.start  # type: ignore[attr-defined]
        for key in flags:
            # false from the start of the statement: the temporary may never be created
            lst.insert(at, ir.Decl(e.pos, self.flag_var(key), ir.Const(BOOL, e.pos, False)))
        inner_stmts: list[ir.Stmt] = [ir.Decl(e.pos, tmp, val)]
        for key in flags:
            inner_stmts.append(ir.Assign(e.pos, [ir.VarRef(BOOL, e.pos, self.flag_var(key))],
                                         [ir.Const(BOOL, e.pos, True)]))
        temps.entries.append(Entry(tmp))
        self.state.vars[tmp] = INIT
        blk = ir.BlockExpr(PtrType(t, "ref"), e.pos, ir.Block(
            e.pos, inner_stmts, [], ir.AddrOf(PtrType(t, "ref"), e.pos, ir.VarRef(t, e.pos, tmp))))
        return PlaceInfo(ir.Deref(t, e.pos, blk), (tmp, ()), True, desc="temporary value")

    def temp_scope(self) -> Scope:
        for sc in reversed(self.scopes):
            if sc.kind == "temps":
                return sc
        return self.scopes[-1]

    def deref_once(self, base: PlaceInfo, pt: PtrType, pos: Pos) -> PlaceInfo:
        """`*base` where base holds a pointer of type pt."""
        if pt.flavor == "box":
            return PlaceInfo(ir.Deref(pt.elem, pos, base.ir), _ext(base.path, "*"),
                             base.mutable, base.why_not, f"*{base.desc}")
        self.check_usable(base.path, pos, "use", base.desc)
        if pt.flavor == "mut":
            return PlaceInfo(ir.Deref(pt.elem, pos, base.ir), None, True, "", f"*{base.desc}")
        return PlaceInfo(ir.Deref(pt.elem, pos, base.ir), None, False, pt.flavor, f"*{base.desc}")

    def auto_deref(self, base: PlaceInfo, t: Type, n: int, pos: Pos) -> PlaceInfo:
        for _ in range(n):
            if not isinstance(t, PtrType):  # a user `impl Deref` (deref.py): `*Deref::deref(&base)`
                base, t = self.user_deref_once(base, t, pos)  # type: ignore[attr-defined]
                continue
            base = self.deref_once(base, t, pos)
            t = t.elem
        return base

    def require_mutable(self, pl: PlaceInfo, pos: Pos, what: str) -> None:
        if pl.mutable:
            return
        name = pl.desc
        if pl.why_not == "immutable":
            if what == "assign":
                self.fail(f"cannot assign twice to immutable variable `{name}`", pos)
            self.fail(f"cannot borrow `{name}` as mutable, as it is not declared as mutable", pos)
        if pl.why_not == "rc":
            self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} data in an `Rc`", pos)
        if pl.why_not in ("ref", "shared"):
            self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} `{name}`, which is "
                      f"behind a `&` reference", pos)
        if isinstance(self.owner, A.Closure):
            self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} `{name}`, as it is "
                      f"a captured variable in a `Fn` closure", pos)
        self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} `{name}`", pos)

    def use_place(self, pl: PlaceInfo, t: Type, pos: Pos) -> ir.Expr:
        """Read a place by value: copy it, or move out of it."""
        path = getattr(pl, "payload_of", None) or pl.path
        if is_copy(t):
            self.check_usable(pl.path, pos, "use", pl.desc)
            return pl.ir
        if pl.path is None:
            if pl.why_not in ("ref", "shared", "mut", "rc") or pl.desc.startswith("*"):
                kind = "an `Rc`" if pl.why_not == "rc" else "a shared reference"
                self.fail(f"cannot move out of `{pl.desc}` which is behind {kind}", pos)
            if getattr(pl, "index_of", None) is not None:
                self.fail(f"cannot move out of index of `{pl.index_of}`", pos)
            if isinstance(self.owner, A.Closure):
                self.fail(f"cannot move out of `{pl.desc}`, a captured variable in an `FnMut` closure", pos)
            self.fail(f"cannot move out of `{pl.desc}`", pos)
        self.check_usable(path, pos, "use", pl.desc)
        if pl.path != path:
            self.check_usable(pl.path, pos, "use", pl.desc)
        self.check_drop_move(pl.path, pos)
        self.mark_moved(path, pos)
        return pl.ir

    # ---- values ---------------------------------------------------------------------------

    def coerced(self, e: A.Expr, v: ir.Expr) -> ir.Expr:
        steps = getattr(e, "coerce", None)
        if not steps:
            return v
        target = getattr(e, "coerce_to_ty", None)
        cur = v
        pos = e.pos
        for st in steps:
            ct = cur.ty
            if st == "deref":
                assert isinstance(ct, PtrType)
                inner = ct.elem
                assert isinstance(inner, PtrType)
                cur = ir.Deref(inner, pos, cur)
            elif st == "vec_slice":
                et = ct.elem.elem  # type: ignore[union-attr]
                cur = ir.Intrinsic(SliceType(et, "ref"), pos, "vec_as_slice", [ir.Deref(ct.elem, pos, cur)])  # type: ignore[union-attr]
            elif st == "array_slice":
                at = ct.elem  # type: ignore[union-attr]
                cur = ir.Intrinsic(SliceType(at.elem, "ref"), pos, "array_as_slice", [ir.Deref(at, pos, cur)])
            elif st == "string_str":
                cur = ir.Intrinsic(RUST_STR, pos, "string_as_str", [ir.Deref(ct.elem, pos, cur)])  # type: ignore[union-attr]
            elif st == "load":
                cur = ir.Deref(ct.elem, pos, cur)  # type: ignore[union-attr]
            elif st == "reborrow":
                pass
            elif st == "user_deref":
                cur = self.deref_step(cur, pos)  # type: ignore[attr-defined]
            elif st == "dyn":
                cur = self.unsize(cur, target, pos)  # type: ignore[attr-defined]
        if target is not None and isinstance(cur, ir.Expr) and isinstance(target, PtrType) and \
                isinstance(cur.ty, PtrType):
            cur = _retype(cur, target)
        return cur
