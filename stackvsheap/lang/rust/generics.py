"""Generic functions with trait bounds, monomorphised as rustc does it.

`fn largest<T: PartialOrd + Copy>(list: &[T]) -> T` (also `where` clauses and
`impl Trait` in argument position) is a template: it is never checked or run
itself. A call infers the type arguments (fresh type variables unified with
the arguments, or a turbofish); when the caller's types are resolved, the
bounds are checked and the call is pointed at the instance
`largest::<i32>`, a copy of the template checked with `T = i32`, made once
per distinct list of type arguments. Each instance is an ordinary function:
static calls, values of their real size, no boxing.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..types import BoolType, CharType, FloatType, IntType, StringType, StructType, Type
from . import ast as A
from .rtypes import TVar, find, is_clone, is_copy, is_debug, is_display, resolve, Unresolved

if TYPE_CHECKING:
    import tree_sitter as ts

Generics = list[tuple[str, list[str]]]

_STD_BOUNDS = {"Copy", "Clone", "PartialOrd", "Ord", "PartialEq", "Eq", "Display", "Debug", "Sized"}


def type_list(types: list[Type]) -> str:
    """Type arguments as rustc writes them (`f64`: the shared FLOAT64 is named for Go)."""
    return ", ".join(str(t) for t in types).replace("float64", "f64")


# ---- parsing ------------------------------------------------------------------------------

def parse_generics(ps: Any, n: "ts.Node") -> Generics:
    """`<T: A + B, U>` and `where U: C` of a fn item, in order."""
    out: Generics = []
    tp = n.child_by_field_name("type_parameters")
    for c in ps.named(tp) if tp is not None else []:
        if c.type == "lifetime_parameter" or c.type == "lifetime":
            ps.unsupported(c, "lifetime")
        if c.type != "type_parameter":
            ps.unsupported(c, "generic parameter")
        out.append((ps.txt(c.child_by_field_name("name")), _bounds(ps, c.child_by_field_name("bounds"))))
    wc = next((c for c in n.children if c.type == "where_clause"), None)
    for w in ps.named(wc) if wc is not None else []:
        if w.type != "where_predicate":
            continue
        left = ps.txt(w.child_by_field_name("left"))
        for k, (name, bs) in enumerate(out):
            if name == left:
                out[k] = (name, bs + _bounds(ps, w.child_by_field_name("bounds")))
                break
        else:
            ps.unsupported(w, "where clause on a type other than a type parameter")
    return out


def _bounds(ps: Any, b: "ts.Node | None") -> list[str]:
    out = []
    for t in ps.named(b) if b is not None else []:
        if t.type == "type_identifier":
            out.append(ps.txt(t))
        elif t.type == "scoped_type_identifier":
            out.append(ps.txt(t.child_by_field_name("name")))
        elif t.type == "lifetime":
            ps.unsupported(t, "lifetime")
        elif t.type == "function_type" and getattr(ps, "fn_bounds_ok", False):
            out.append(ps.fn_trait_type(t))  # (fn_bounds.py takes it out again)
        else:
            ps.unsupported(t, f"trait bound `{ps.txt(t)}`")
    return out


def impl_target(ps: Any, tnode: "ts.Node", params: list[str]) -> tuple[str, list[str]]:
    """`impl<T> Point<T>`: ("Point", ["T"]); the arguments must be the parameters."""
    if tnode.type == "type_identifier" and not params:
        return ps.txt(tnode), []
    if tnode.type == "generic_type":
        base = tnode.child_by_field_name("type")
        args = [ps.txt(a) for a in ps.named(tnode.child_by_field_name("type_arguments"))]
        if base.type == "type_identifier" and sorted(args) == sorted(params) and len(set(args)) == len(args):
            return ps.txt(base), args
    ps.unsupported(tnode, "impl for this type")


def impl_trait_params(fn: A.FnDecl) -> None:
    """`item: &impl Summary` is an anonymous type parameter with that bound."""
    k = 0

    def anonymous(t: A.TypeExpr) -> A.TypeExpr | None:
        nonlocal k
        if not (isinstance(t, A.TPath) and t.name == "impl"):
            return None
        k += 1
        name = f"impl {t.args[0].name}"  # type: ignore[attr-defined]
        if k > 1:
            name += f"#{k}"
        fn.generics.append((name, [t.args[0].name]))  # type: ignore[attr-defined]
        return A.TPath(t.pos, name, [])
    for p in fn.params:
        p.type = A.rewrite_type(p.type, anonymous)


# ---- type checking ------------------------------------------------------------------------

class GenericCheck:
    type_env: dict[str, Type] = {}

    def split_generic_fns(self) -> None:
        """Templates leave the crate's fns: only their instances are checked."""
        self.generic_fns: dict[str, A.FnDecl] = {}  # type: ignore[misc]
        self.pending_insts: list[tuple[A.Call, A.FnDecl, list[TVar]]] = []  # type: ignore[misc]
        keep = []
        for f in self.crate.fns:  # type: ignore[attr-defined]
            if f.generics:
                if f.impl_type is not None:
                    self.unsupported("generic method", f.pos)  # type: ignore[attr-defined]
                if f.name in self.generic_fns:
                    self.fail(f"the name `{f.name}` is defined multiple times", f.name_pos)  # type: ignore
                self.generic_fns[f.name] = f
            else:
                keep.append(f)
        self.crate.fns[:] = keep  # type: ignore[attr-defined]

    def generic_param(self, name: str) -> Type | None:
        return self.type_env.get(name)

    def declare_fn(self, f: A.FnDecl) -> None:
        old = self.type_env
        self.type_env = getattr(f, "type_env", {})
        try:
            super().declare_fn(f)  # type: ignore[misc]
        finally:
            self.type_env = old

    def check_fn(self, info: Any) -> None:
        self._bodies = True  # (generic_structs.py: instances made from now on declare their methods)
        old = self.type_env
        self.type_env = getattr(info.decl, "type_env", {})
        try:
            super().check_fn(info)  # type: ignore[misc]
        finally:
            self.type_env = old

    def call_generic(self, e: A.Call, f: A.FnDecl) -> Type:
        tvars = [TVar() for _ in f.generics]
        env = {name: tv for (name, _), tv in zip(f.generics, tvars)}
        gens = e.func.generics if isinstance(e.func, A.Path) else []
        old = self.type_env
        self.type_env = {**old, **env}
        try:
            if gens:
                if len(gens) != len(tvars):
                    self.fail(f"function takes {len(tvars)} generic arguments but {len(gens)} "  # type: ignore
                              f"generic arguments were supplied", e.func.pos)
                for tv, g in zip(tvars, gens):
                    self.unify(tv, self.type_of(g), g.pos)  # type: ignore[attr-defined]
            params = [self.type_of(p.type, allow_infer=False) for p in f.params]  # type: ignore
            ret = self.type_of(f.ret, allow_infer=False) if f.ret is not None else None  # type: ignore
        finally:
            self.type_env = old
        if len(e.args) != len(params):
            self.fail(f"this function takes {len(params)} argument{'s' if len(params) != 1 else ''} but "  # type: ignore
                      f"{len(e.args)} argument{'s were' if len(e.args) != 1 else ' was'} supplied", e.pos)
        for a, pt in zip(e.args, params):
            self.expect(a, pt)  # type: ignore[attr-defined]
        self.pending_insts.append((e, f, tvars))
        from .rtypes import UNIT
        return ret if ret is not None else UNIT

    def instantiate_pending(self) -> None:
        """After the caller's types are resolved: bounds, then each call's instance."""
        pending = getattr(self, "pending_insts", [])  # (consts are checked before the fns are split)
        self.pending_insts = []
        for e, f, tvars in pending:
            types = []
            for tv in tvars:
                try:
                    types.append(resolve(tv))
                except Unresolved:
                    self.fail("type annotations needed", e.pos)  # type: ignore[attr-defined]
            for (name, bounds), t in zip(f.generics, types):
                for b in bounds:
                    if not self.satisfies(t, b):
                        self.fail(f"the trait bound `{t}: {b}` is not satisfied", e.pos)  # type: ignore
            key = f"{f.name}::<{type_list(types)}>"
            info = self.fns.get(key)  # type: ignore[attr-defined]
            if info is None:
                inst = copy.deepcopy(f)
                inst.name = key
                inst.generics = []
                inst.type_env = dict(zip((n for n, _ in f.generics), types))  # type: ignore[attr-defined]
                old = self.type_env
                self.type_env = inst.type_env  # type: ignore[attr-defined]
                try:
                    self.declare_fn(inst)  # type: ignore[attr-defined]
                finally:
                    self.type_env = old
                self.crate.fns.append(inst)  # type: ignore[attr-defined]  (checked by the crate loop)
                info = self.fns[key]  # type: ignore[attr-defined]
            e.callee = ("fn", info)  # type: ignore[attr-defined]

    def satisfies(self, t: Type, bound: str) -> bool:
        t = find(t)
        if bound in ("Sized",):
            return True
        if bound == "Copy":
            return is_copy(t)
        if bound == "Clone":
            return is_clone(t)
        if bound == "Display":
            return is_display(t)
        if bound == "Debug":
            return is_debug(t)
        if bound in ("PartialOrd", "Ord", "PartialEq", "Eq"):
            if isinstance(t, (IntType, CharType, BoolType, StringType)) or (
                    isinstance(t, FloatType) and bound in ("PartialOrd", "PartialEq")):
                return True
            if getattr(t, "name", None) == "String":
                return True
            return isinstance(t, StructType) and bound in getattr(t, "derives", set())
        if any(x.name == bound for x in self.crate.traits):  # type: ignore[attr-defined]
            return isinstance(t, StructType) and self.implements(t.name, bound)  # type: ignore[attr-defined]
        self.unsupported(f"trait bound `{bound}`", (1, 1))  # type: ignore[attr-defined]
