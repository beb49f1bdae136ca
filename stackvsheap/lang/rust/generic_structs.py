"""Generic structs and their impls, monomorphised: `struct Point<T>`,
`impl<T> Point<T> { ... }`, `impl<T> Deref for MyBox<T>`.

A generic struct is a template. `Point<i32>` (written, expected, or inferred
from a literal's fields or an associated function's arguments) is an
instance: its own struct type, named as rustc names it, with the fields'
types substituted, and a copy of every method of the template's impls
checked with `T = i32`. Each instance has its own size and layout, and its
methods are static calls, as in the binary rustc builds.

What the simulator cannot infer (the type arguments of `Stack::new()` when
only later statements fix them) asks for an annotation, `Stack<i32>`.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from ..types import StructType, Type
from . import ast as A
from .generics import type_list
from .rtypes import TVar, Unresolved, find, is_copy, resolve


def _split_off(items: list[Any], owner: Callable[[Any], str | None], templates: dict[str, Any]
               ) -> dict[str, list[Any]]:
    """Remove from `items` those whose owner is a template, grouped by owner."""
    taken: dict[str, list[Any]] = {}
    keep = []
    for x in items:
        o = owner(x)
        if o in templates:
            taken.setdefault(o, []).append(x)  # type: ignore[arg-type]
        else:
            keep.append(x)
    items[:] = keep
    return taken


class GenericStructCheck:
    def split_struct_templates(self) -> None:
        c = self.crate  # type: ignore[attr-defined]
        self.struct_templates: dict[str, A.StructDecl] = {s.name: s for s in c.structs if s.generics}
        if not self.struct_templates:
            return
        c.structs[:] = [s for s in c.structs if not s.generics]
        self.impl_fn_templates: dict[str, list[A.FnDecl]] = _split_off(
            c.fns, lambda f: f.impl_type, self.struct_templates)
        self.impl_templates: dict[str, list[A.ImplDecl]] = _split_off(
            c.impls, lambda imp: imp.type_name, self.struct_templates)

    def is_template(self, name: str) -> bool:
        return name in getattr(self, "struct_templates", {})

    def instance(self, name: str, args: list[Type], pos: Any) -> StructType:
        decl = self.struct_templates[name]
        if len(args) != len(decl.generics):
            self.fail(f"struct takes {len(decl.generics)} generic argument"  # type: ignore[attr-defined]
                      f"{'s' if len(decl.generics) != 1 else ''} but {len(args)} were supplied", pos)
        try:
            args = [resolve(a) for a in args]
        except Unresolved:
            self.fail(f"type annotations needed for `{name}<_>`", pos)  # type: ignore[attr-defined]
        key = f"{name}<{type_list(args)}>"
        st = self.structs.get(key)  # type: ignore[attr-defined]
        if st is not None:
            return st
        st = StructType(key, rust=True, tuple_struct=decl.kind == "tuple")
        st.derives = set(decl.derives)  # type: ignore[attr-defined]
        st.unit = decl.kind == "unit"  # type: ignore[attr-defined]
        st.base_name = name  # type: ignore[attr-defined]  ({:?} prints `Point { .. }`)
        st.type_args = args  # type: ignore[attr-defined]
        self.structs[key] = st  # type: ignore[attr-defined]
        self.struct_decls[key] = decl  # type: ignore[attr-defined]
        env = dict(zip(decl.generics, args))
        old = self.type_env  # type: ignore[attr-defined]
        self.type_env = env  # type: ignore[attr-defined]
        try:
            st.fields = [(n, self.type_of(t, allow_infer=False)) for n, t in decl.fields]  # type: ignore
        finally:
            self.type_env = old  # type: ignore[attr-defined]
        if "Copy" in st.derives:  # type: ignore[attr-defined]
            for n, ft in st.fields:
                if not is_copy(ft):
                    self.fail(f"the trait `Copy` cannot be implemented for this type: field `{n}` "  # type: ignore
                              f"does not implement `Copy`", decl.pos)
        self._instance_impls(name, key, st)
        return st

    def _instance_impls(self, name: str, key: str, st: StructType) -> None:
        c = self.crate  # type: ignore[attr-defined]
        args = st.type_args  # type: ignore[attr-defined]
        copies: dict[int, A.FnDecl] = {}
        new_fns = []
        for f in self.impl_fn_templates.get(name, []):
            g = copy.deepcopy(f)
            g.impl_type = key
            g.type_env = dict(zip(f.impl_args, args))  # type: ignore[attr-defined]
            copies[id(f)] = g
            new_fns.append(g)
        c.fns.extend(new_fns)
        for imp in self.impl_templates.get(name, []):
            ci = A.ImplDecl(imp.pos, imp.trait, key, [copies[id(m)] for m in imp.methods], dict(imp.assoc))
            if "Target" in ci.assoc:  # `type Target = T;`: `Self::Target` in the methods
                old = self.type_env  # type: ignore[attr-defined]
                self.type_env = dict(zip(decl_args(imp), args))  # type: ignore[attr-defined]
                try:
                    target = self.type_of(ci.assoc["Target"], allow_infer=False)  # type: ignore
                finally:
                    self.type_env = old  # type: ignore[attr-defined]
                for m in ci.methods:
                    m.type_env = {**m.type_env, "Target": target}  # type: ignore[attr-defined]
                st.deref_target = target  # type: ignore[attr-defined]
            if hasattr(self, "traits"):
                self.check_impl(ci)  # type: ignore[attr-defined]  (may add default methods to c.fns)
            else:
                c.impls.append(ci)
        if getattr(self, "_bodies", False):
            # the crate's declaring loop is over: declare the instance's methods here
            for g in [f for f in c.fns if f.impl_type == key]:
                if (key, g.name) not in self.methods:  # type: ignore[attr-defined]
                    self.declare_fn(g)  # type: ignore[attr-defined]

    # ---- uses that name a template -------------------------------------------------------------

    def template_type(self, t: A.TPath) -> Type | None:
        if not self.is_template(t.name):
            return None
        if not t.args:
            self.fail(f"missing generics for struct `{t.name}`", t.pos)  # type: ignore[attr-defined]
        return self.instance(t.name, [self.type_of(a) for a in t.args], t.pos)  # type: ignore

    def _expected_instance(self, name: str, expected: Type | None) -> StructType | None:
        et = find(expected) if expected is not None else None
        if isinstance(et, StructType) and getattr(et, "base_name", None) == name:
            return et
        return None

    def _infer(self, name: str, fields: list[tuple[A.TypeExpr, A.Expr]], pos: Any) -> StructType:
        """Type arguments from values given for fields/parameters of the template."""
        decl = self.struct_templates[name]
        tvars = [TVar() for _ in decl.generics]
        old = self.type_env  # type: ignore[attr-defined]
        self.type_env = {**old, **dict(zip(decl.generics, tvars))}  # type: ignore[attr-defined]
        try:
            wants = [self.type_of(te, allow_infer=False) for te, _ in fields]  # type: ignore[attr-defined]
        finally:
            self.type_env = old  # type: ignore[attr-defined]
        for want, (_, x) in zip(wants, fields):
            self.expect(x, want)  # type: ignore[attr-defined]
        return self.instance(name, tvars, pos)

    def template_lit(self, e: A.StructLit, expected: Type | None) -> Type | None:
        if not self.is_template(e.name):
            return None
        inst = self._expected_instance(e.name, expected)
        if inst is None:
            # the fields' values give the type arguments (checked here, once)
            decl = self.struct_templates[e.name]
            ftypes = dict(decl.fields)
            for n, _, fpos in e.fields:
                if n not in ftypes:
                    self.fail(f"struct `{e.name}` has no field named `{n}`", fpos)  # type: ignore
            if e.base is not None or len({n for n, _, _ in e.fields}) != len(ftypes):
                self.fail(f"type annotations needed for `{e.name}<_>`", e.pos)  # type: ignore
            inst = self._infer(e.name, [(ftypes[n], x) for n, x, _ in e.fields], e.pos)
            e.name = inst.name
            e.struct = inst  # type: ignore[attr-defined]
            return inst
        e.name = inst.name
        return None

    def template_call(self, e: A.Call, name: str, expected: Type | None) -> Type | None:
        """`MyBox(x)` (a tuple struct) or `Stack::new()` / `MyBox::new(x)`."""
        f = e.func
        assert isinstance(f, A.Path)
        segs = f.segments
        if len(segs) == 1:
            inst = self._expected_instance(name, expected)
            if inst is None:
                decl = self.struct_templates[name]
                inst = self._infer(name, list(zip([t for _, t in decl.fields], e.args)), e.pos)
                e.callee = ("tuple_struct", inst)  # type: ignore[attr-defined]
                return inst
            f.segments = [inst.name]
            return None
        fname = segs[1]
        inst = self._expected_instance(name, expected)
        if inst is None:
            tmpl = next((g for g in self.impl_fn_templates.get(name, []) if g.name == fname), None)
            if tmpl is None:
                self.fail(f"no function or associated item named `{fname}` found for struct `{name}`",  # type: ignore
                          f.pos)
            decl = self.struct_templates[name]
            env = dict(zip(tmpl.impl_args, decl.generics))
            ps = [_rename(p.type, env) for p in tmpl.params]
            if len(ps) != len(e.args) or not e.args:
                self.fail(f"type annotations needed for `{name}<_>` (write `let x: {name}<...> = "  # type: ignore
                          f"{name}::{fname}(...)`)", e.pos)
            inst = self._infer_args(name, ps, e.args, e.pos)
            info = self.methods[(inst.name, fname)]  # type: ignore[attr-defined]
            e.callee = ("fn", info)  # type: ignore[attr-defined]
            return info.ret
        f.segments = [inst.name, fname]
        return None

    def _infer_args(self, name: str, ps: list[A.TypeExpr], args: list[A.Expr], pos: Any) -> StructType:
        decl = self.struct_templates[name]
        tvars = [TVar() for _ in decl.generics]
        old = self.type_env  # type: ignore[attr-defined]
        self.type_env = {**old, **dict(zip(decl.generics, tvars))}  # type: ignore[attr-defined]
        try:
            wants = [self.type_of(te, allow_infer=False) for te in ps]  # type: ignore[attr-defined]
        finally:
            self.type_env = old  # type: ignore[attr-defined]
        for want, x in zip(wants, args):
            self.expect(x, want)  # type: ignore[attr-defined]
        e_inst = self.instance(name, tvars, pos)
        return e_inst


def decl_args(imp: A.ImplDecl) -> list[str]:
    return imp.methods[0].impl_args if imp.methods else []


def _rename(t: A.TypeExpr, env: dict[str, str]) -> A.TypeExpr:
    """A method's parameter type with the impl's names for the struct's parameters."""
    t = copy.deepcopy(t)

    def walk(x: A.TypeExpr) -> None:
        if isinstance(x, A.TPath):
            if x.name in env and not x.args:
                x.name = env[x.name]
            for a in x.args:
                walk(a)
        elif isinstance(x, A.TRef):
            walk(x.inner)
        elif isinstance(x, (A.TSlice, A.TArray)):
            walk(x.elem)
        elif isinstance(x, A.TTuple):
            for a in x.elems:
                walk(a)
    walk(t)
    return t
