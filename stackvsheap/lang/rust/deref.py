"""`impl Deref for T` (the Rust Book's `MyBox<T>`): `*x` is `*Deref::deref(&x)`,
and deref coercion goes through the user's `deref` (`&MyBox<String>` to
`&String` to `&str`), each step a real call of it, as in the debug build.
Method receivers, fields and indexes auto-deref through it too (`m.len()`).
"""

from __future__ import annotations

from .. import ir
from ..types import PtrType, StructType, Type
from . import ast as A
from .lower_common import PlaceInfo, _is_place_expr
from .rtypes import find


def deref_target(t: Type) -> Type | None:
    t = find(t)
    if isinstance(t, StructType) and getattr(t, "deref_impl", False):
        return t.deref_target  # type: ignore[attr-defined]
    return None


class DerefCheck:
    def check_deref_impl(self, imp: A.ImplDecl) -> None:
        st = self.structs[imp.type_name]  # type: ignore[attr-defined]
        if "Target" not in imp.assoc:
            self.fail("not all trait items implemented, missing: `Target`", imp.pos)  # type: ignore
        if [m.name for m in imp.methods] != ["deref"]:
            self.fail("not all trait items implemented, missing: `deref`", imp.pos)  # type: ignore
        m = imp.methods[0]
        if m.self_kind != "&self" or m.params:
            self.fail("method `deref` has an incompatible type for trait: expected "  # type: ignore
                      "`fn(&Self) -> &Self::Target`", m.pos)
        if getattr(st, "deref_target", None) is None:
            st.deref_target = self.type_of(imp.assoc["Target"], allow_infer=False)  # type: ignore
        m.type_env = {**getattr(m, "type_env", {}), "Target": st.deref_target}  # type: ignore[attr-defined]
        st.deref_impl = True

    def user_deref_type(self, e: A.Unary, t: Type) -> Type | None:
        """`*x` on a type with a user Deref: the Target (a place of it)."""
        target = deref_target(t)
        if target is not None:
            e.user_deref = self.methods[(find(t).name, "deref")]  # type: ignore[attr-defined]
        return target


class DerefLower:
    def user_deref_place(self, e: A.Unary) -> PlaceInfo | None:
        info = getattr(e, "user_deref", None)
        if info is None:
            return None
        x = e.x
        base = self.place(x) if _is_place_expr(x) else self.temp_place(x)  # type: ignore[attr-defined]
        self.check_usable(base.path, x.pos, "borrow", base.desc)  # type: ignore[attr-defined]
        ptr = self.deref_call(info, ir.AddrOf(PtrType(x.ty, "ref"), x.pos, base.ir), e.pos)
        return PlaceInfo(ir.Deref(e.ty, e.pos, ptr), None, False, "ref", f"*{base.desc}")

    def user_deref_once(self, base: PlaceInfo, t: Type, pos: A.Pos) -> tuple[PlaceInfo, Type]:
        """Auto-deref of a method receiver, field or index through the user's `deref`."""
        st = find(t)
        info = self.cl.ck.methods[(st.name, "deref")]  # type: ignore[attr-defined]
        target = find(st.deref_target)  # type: ignore[attr-defined]
        self.check_usable(base.path, pos, "borrow", base.desc)  # type: ignore[attr-defined]
        ptr = self.deref_call(info, ir.AddrOf(PtrType(st, "ref"), pos, base.ir), pos)
        return PlaceInfo(ir.Deref(target, pos, ptr), None, False, "ref", f"*{base.desc}"), target

    def deref_call(self, info: object, ptr: ir.Expr, pos: A.Pos) -> ir.Expr:
        f_ir = self.cl.info_func[id(info)]  # type: ignore[attr-defined]
        return ir.Call(info.ret, pos, f_ir, [ptr])  # type: ignore[attr-defined]

    def deref_step(self, cur: ir.Expr, pos: A.Pos) -> ir.Expr:
        """One deref-coercion step through a user `deref`: `&T` to `&T::Target`."""
        st = find(cur.ty.elem)  # type: ignore[attr-defined]
        info = self.cl.ck.methods[(st.name, "deref")]  # type: ignore[attr-defined]
        return self.deref_call(info, cur, pos)
