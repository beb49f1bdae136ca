"""Operator traits and `PartialEq` implemented by the user: `impl Add for
Point` (`a + b` is `Add::add(a, b)`, by value), `Sub`, `Mul`, and `impl
PartialEq for T` (`a == b` is `PartialEq::eq(&a, &b)`, `!=` its negation).
Each is a call of the user's function, as rustc lowers the operator.
"""

from __future__ import annotations

from .. import ir
from ..types import PtrType, StructType, Type
from . import ast as A
from .lower_common import _is_place_expr
from .rtypes import BOOL, find

#: trait -> (operator, method)
OP_TRAITS = {"Add": ("+", "add"), "Sub": ("-", "sub"), "Mul": ("*", "mul"), "PartialEq": ("==", "eq")}
OP_TRAIT_NAMES = {p + n: n for n in [*OP_TRAITS, "Clone"]
                  for p in ("", "ops::", "std::ops::", "cmp::", "std::cmp::", "clone::", "std::clone::")}


class OpImplCheck:
    def check_clone_impl(self, imp: A.ImplDecl) -> None:
        """`impl Clone for T`: `x.clone()` calls it (a method of T). Containers of T
        (`Vec<T>::clone`) still need `#[derive(Clone)]`: their clone is std's."""
        if [m.name for m in imp.methods] != ["clone"]:
            self.fail("not all trait items implemented, missing: `clone`", imp.pos)  # type: ignore
        m = imp.methods[0]
        if m.self_kind != "&self" or m.params:
            self.fail("method `clone` has an incompatible type for trait: expected `fn(&Self) -> Self`",  # type: ignore
                      m.pos)
        st = self.structs[imp.type_name]  # type: ignore[attr-defined]
        if "Clone" in getattr(st, "derives", set()):
            self.fail(f"conflicting implementations of trait `Clone` for type `{imp.type_name}`",  # type: ignore
                      imp.pos)

    def check_op_impl(self, imp: A.ImplDecl, trait: str) -> None:
        st = self.structs[imp.type_name]  # type: ignore[attr-defined]
        op, meth = OP_TRAITS[trait]
        if [m.name for m in imp.methods] != [meth]:
            self.fail(f"not all trait items implemented, missing: `{meth}`", imp.pos)  # type: ignore
        m = imp.methods[0]
        want = "&self" if trait == "PartialEq" else "self"
        if m.self_kind != want or len(m.params) != 1:
            self.fail(f"method `{meth}` has an incompatible type for trait", m.pos)  # type: ignore
        if trait != "PartialEq":
            if "Output" not in imp.assoc:
                self.fail("not all trait items implemented, missing: `Output`", imp.pos)  # type: ignore
            out = self.type_of(imp.assoc["Output"], allow_infer=False)  # type: ignore[attr-defined]
            m.type_env = {**getattr(m, "type_env", {}), "Output": out}  # type: ignore[attr-defined]
        ops = dict(getattr(st, "user_ops", {}))
        ops[op] = meth
        st.user_ops = ops  # type: ignore[attr-defined]

    def user_binary(self, e: A.Binary, lt: Type) -> Type | None:
        """`a + b` / `a == b` on a type with the user's impl, the left side checked."""
        op = "==" if e.op == "!=" else e.op
        st = find(lt)
        meth = getattr(st, "user_ops", {}).get(op) if isinstance(st, StructType) else None
        if meth is None:
            return None
        info = self.methods[(st.name, meth)]  # type: ignore[attr-defined]
        rhs = info.params[1]
        if op == "==":  # `a == b` borrows both sides: `eq(&a, &b)`
            rhs = find(rhs).elem  # type: ignore[attr-defined]
        self.expect(e.right, rhs)  # type: ignore[attr-defined]
        e.user_op = info  # type: ignore[attr-defined]
        return BOOL if op == "==" else info.ret


class OpImplLower:
    def user_binary_value(self, e: A.Binary) -> ir.Expr | None:
        info = getattr(e, "user_op", None)
        if info is None:
            return None
        f_ir = self.cl.info_func[id(info)]  # type: ignore[attr-defined]
        if e.op in ("==", "!="):
            args = [self._ref_to(e.left), self._ref_to(e.right)]
            call: ir.Expr = ir.Call(BOOL, e.pos, f_ir, args)
            return ir.Unary(BOOL, e.pos, "!", call) if e.op == "!=" else call
        return ir.Call(info.ret, e.pos, f_ir, [self.value(e.left), self.coerced(e.right, self.value(e.right))])  # type: ignore

    def _ref_to(self, x: A.Expr) -> ir.Expr:
        pl = self.place(x) if _is_place_expr(x) else self.temp_place(x)  # type: ignore[attr-defined]
        if _is_place_expr(x):
            self.check_usable(pl.path, x.pos, "borrow", pl.desc)  # type: ignore[attr-defined]
        return ir.AddrOf(PtrType(x.ty, "ref"), x.pos, pl.ir)
