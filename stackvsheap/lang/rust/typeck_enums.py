"""User enums in the type checker: declarations, `use` of variants, variant
paths, constructors, struct-variant literals and variant patterns.

A checked variant use is recorded on its node as `variant = (EnumType,
index)`; sub-patterns and constructor arguments map to the enum's flat
fields (`Variant.first + i`).
"""

from __future__ import annotations

from typing import Any

from ..types import Type
from . import ast as A
from .enums import EnumLayoutError, EnumType, Variant
from .rtypes import find, is_copy
from .typeck_common import Binding, Pos

_DERIVES = ("Clone", "Copy", "Debug", "PartialEq", "Eq", "PartialOrd", "Ord", "Hash")


def _strip_crate(segs: list[str]) -> list[str]:
    return segs[1:] if segs and segs[0] in ("crate", "self") else segs


class EnumCheck:
    # ---- declarations ------------------------------------------------------------------------

    def declare_enums(self) -> None:
        """Enums share the type namespace (and the impl machinery) with structs."""
        for d in self.crate.enums:
            if d.name in self.structs or d.name in ("Vec", "String", "Box", "Rc", "Option"):
                self.fail(f"the name `{d.name}` is defined multiple times", d.pos)
            et = EnumType(d.name)
            et.derives = set(d.derives)  # type: ignore[attr-defined]
            self.structs[d.name] = et
        for name, (ename, vname, pos) in self.variant_uses.items():
            et = self.structs.get(ename)
            if not isinstance(et, EnumType):
                self.unsupported(f"use of `{ename}::{vname}`", pos)

    def define_enums(self) -> None:
        for d in self.crate.enums:
            et: EnumType = self.structs[d.name]  # type: ignore[assignment]
            variants: list[Variant] = []
            seen: set[str] = set()
            discr = 0
            has_fields = any(v.fields for v in d.variants)
            for v in d.variants:
                if v.name in seen:
                    self.fail(f"the name `{v.name}` is defined multiple times", v.pos)
                seen.add(v.name)
                if v.discr is not None:
                    if has_fields:
                        self.unsupported("explicit discriminant on an enum with fields", v.pos)
                    discr = self.const_eval(v.discr)
                names: set[str] = set()
                for fname, ft in v.fields:
                    if fname in names:
                        self.fail(f"field `{fname}` is already declared", ft.pos)
                    names.add(fname)
                fields = [(fname, self.type_of(ft, allow_infer=False)) for fname, ft in v.fields]
                variants.append(Variant(v.name, v.kind, fields, discr))
                discr += 1
            if len({x.discr for x in variants}) != len(variants):
                self.fail("discriminant value assigned more than once", d.pos)
            et.set_variants(variants)
            for x in d.derives:
                if x not in _DERIVES:
                    self.unsupported(f"derive({x})", d.pos)
            if "Copy" in d.derives and "Clone" not in d.derives:
                self.fail("the trait bound `Clone` is not satisfied (Copy needs Clone)", d.pos)
        for d in self.crate.enums:
            et = self.structs[d.name]  # type: ignore[assignment]
            if "Copy" in d.derives:
                for v in et.variants:
                    for fname, ft in v.fields:
                        if not is_copy(ft):
                            self.fail("the trait `Copy` cannot be implemented for this type: variant "
                                      f"`{d.name}::{v.name}` has a field that does not implement `Copy`",
                                      d.pos)
            self._check_recursive(et, d.pos)
            try:
                _ = et.layout
            except EnumLayoutError as x:
                self.unsupported(str(x), d.pos)

    def enum_use(self, path: str, pos: Pos) -> bool:
        """`use List::{Cons, Nil};`, `use crate::List::*;`, `use Coin::Penny;`."""
        segs = _strip_crate(path.split("::"))
        enums = {d.name: d for d in self.crate.enums}
        if not segs or segs[0] not in enums:
            return False
        d = enums[segs[0]]
        rest = "::".join(segs[1:])
        if rest == "*":
            names = [v.name for v in d.variants]
        elif rest.startswith("{") and rest.endswith("}"):
            names = [x.strip() for x in rest[1:-1].split(",") if x.strip()]
        elif len(segs) == 2:
            names = [segs[1]]
        else:
            self.unsupported(f"use of `{path}`", pos)
        for n in names:
            if not any(v.name == n for v in d.variants):
                self.fail(f"unresolved import `{d.name}::{n}`: no `{n}` in `{d.name}`", pos)
            self.variant_uses[n] = (d.name, n, pos)
        return True

    # ---- resolution --------------------------------------------------------------------------

    def resolve_variant(self, segs: list[str], pos: Pos) -> tuple[EnumType, int] | None:
        segs = _strip_crate(segs)
        if len(segs) == 1:
            hit = self.variant_uses.get(segs[0])
            if hit is None:
                return None
            et = self.structs[hit[0]]
            return et, et.index_of(hit[1])  # type: ignore[union-attr,return-value]
        if len(segs) != 2:
            return None
        owner = self.self_type if segs[0] == "Self" else self.structs.get(segs[0])
        if not isinstance(owner, EnumType):
            return None
        if owner.variant(segs[1]) is None:
            if (owner.name, segs[1]) in self.methods:
                return None
            self.fail(f"no variant or associated item named `{segs[1]}` found for enum `{owner.name}` "
                      f"in the current scope", pos)
        return owner, owner.index_of(segs[1])

    @staticmethod
    def variant_name(et: EnumType, idx: int) -> str:
        return f"{et.name}::{et.variants[idx].name}"

    def variant_value(self, e: A.Path, segs: list[str]) -> Type | None:
        """A unit variant used as a value (`Coin::Penny`, `Nil`)."""
        hit = self.resolve_variant(segs, e.pos)
        if hit is None:
            return None
        et, idx = hit
        v = et.variants[idx]
        if v.kind == "tuple":
            self.unsupported("a tuple variant constructor as a value", e.pos)
        if v.kind == "struct":
            self.fail(f"expected value, found struct variant `{self.variant_name(et, idx)}`", e.pos)
        e.variant = hit  # type: ignore[attr-defined]
        return et

    def variant_call(self, e: A.Call, segs: list[str]) -> Type | None:
        """`List::Cons(1, Box::new(Nil))`: a tuple variant's constructor."""
        hit = self.resolve_variant(segs, e.func.pos)
        if hit is None:
            return None
        et, idx = hit
        v = et.variants[idx]
        name = self.variant_name(et, idx)
        if v.kind == "unit":
            self.fail(f"expected function, found `{name}`", e.func.pos)
        if v.kind == "struct":
            self.fail(f"expected function, tuple struct or tuple variant, found struct variant `{name}`",
                      e.func.pos)
        n = len(v.fields)
        if len(e.args) != n:
            self.fail(f"this enum variant takes {n} argument{'s' if n != 1 else ''} but {len(e.args)} "
                      f"argument{'s' if len(e.args) != 1 else ''} {'was' if len(e.args) == 1 else 'were'} "
                      f"supplied", e.pos)
        for a, (_, ft) in zip(e.args, v.fields):
            self.expect(a, ft)
        e.callee = ("variant", et, idx)  # type: ignore[attr-defined]
        self.typed(e.func, et)
        return et

    def variant_lit(self, e: A.StructLit) -> Type | None:
        """`Message::Move { x: 1, y: 2 }`."""
        hit = self.resolve_variant(e.name.split("::"), e.pos)
        if hit is None:
            return None
        et, idx = hit
        v = et.variants[idx]
        name = self.variant_name(et, idx)
        if v.kind != "struct":
            self.fail(f"expected struct, variant or union type, found {v.kind} variant `{name}`", e.pos)
        seen: set[str] = set()
        for fname, fx, fpos in e.fields:
            ft = next((t for n, t in v.fields if n == fname), None)
            if ft is None:
                self.fail(f"variant `{name}` has no field named `{fname}`", fpos)
            if fname in seen:
                self.fail(f"field `{fname}` specified more than once", fpos)
            seen.add(fname)
            self.expect(fx, ft)
        missing = [n for n, _ in v.fields if n not in seen]
        if missing:
            self.fail(f"missing field{'s' if len(missing) > 1 else ''} "
                      f"{', '.join('`' + m + '`' for m in missing)} in initializer of `{name}`", e.pos)
        e.variant = hit  # type: ignore[attr-defined]
        return et

    # ---- patterns ----------------------------------------------------------------------------

    def variant_pattern(self, p: A.PVariant, t: Type, kind: str, irrefutable: bool, mode: str,
                        out: list[Binding]) -> None:
        hit = self.result_variant(p.path, t) or self.resolve_variant(p.path, p.pos)
        if hit is None:
            self.fail(f"cannot find tuple struct or tuple variant `{'::'.join(p.path)}` in this scope"
                      if p.kind == "tuple" else f"cannot find `{'::'.join(p.path)}` in this scope", p.pos)
        et, idx = hit
        self.unify(t, et, p.pos)
        v = et.variants[idx]
        name = self.variant_name(et, idx)
        if irrefutable and len(et.variants) > 1:
            self.fail("refutable pattern in local binding", p.pos)
        p.variant = hit  # type: ignore[attr-defined]
        subs: list[tuple[int, A.Pattern]] = []
        if p.kind == "unit":
            if v.kind != "unit":
                what = "tuple" if v.kind == "tuple" else "struct"
                self.fail(f"expected unit struct, unit variant or constant, found {what} variant `{name}`",
                          p.pos)
        elif p.kind == "tuple":
            if v.kind != "tuple":
                self.fail(f"expected tuple struct or tuple variant, found {v.kind} variant `{name}`", p.pos)
            n = len(v.fields)
            if len(p.elems) > n or (len(p.elems) < n and not p.rest):
                self.fail(f"this pattern has {len(p.elems)} field{'s' if len(p.elems) != 1 else ''}, but the "
                          f"corresponding tuple variant has {n} field{'s' if n != 1 else ''}", p.pos)
            subs = list(enumerate(p.elems))
        else:
            if v.kind == "unit" and p.fields:
                self.fail(f"variant `{name}` does not have a field named `{p.fields[0][0]}`", p.pos)
            names = [n for n, _ in v.fields]
            for fname, sub in p.fields:
                if fname not in names:
                    self.fail(f"variant `{name}` does not have a field named `{fname}`", sub.pos)
                subs.append((names.index(fname), sub))
            missing = [n for n in names if n not in {f for f, _ in p.fields}]
            if missing and not p.rest:
                self.fail(f"pattern does not mention field{'s' if len(missing) > 1 else ''} "
                          f"{', '.join('`' + m + '`' for m in missing)}", p.pos)
        p.subs = [(v.first + i, sub) for i, sub in subs]  # type: ignore[attr-defined]
        for i, sub in subs:
            self._pattern(sub, v.fields[i][1], kind, irrefutable, mode, out)

    def rewrite_unit_variant_idents(self, node: Any) -> None:
        """An identifier pattern naming an imported unit variant (`Nil`) is that
        variant, not a new binding (rustc resolves it first)."""
        if not self.variant_uses:
            return
        seen: set[int] = set()

        def fix(x: Any) -> Any:
            if isinstance(x, A.PIdent) and x.name in self.variant_uses and not x.mutable:
                return A.PVariant(x.pos, [x.name], "unit")
            walk(x)
            return x

        def walk(n: Any) -> None:
            if id(n) in seen:
                return
            seen.add(id(n))
            if isinstance(n, list):
                for i, x in enumerate(n):
                    if isinstance(x, tuple):
                        n[i] = tuple(fix(y) if isinstance(y, (A.Node, list)) else y for y in x)
                    elif isinstance(x, (A.Node, list)):
                        n[i] = fix(x)
                return
            if not isinstance(n, A.Node):
                return
            for k, val in list(vars(n).items()):
                if k == "ty":
                    continue
                if isinstance(val, (A.Node, list)):
                    nv = fix(val)
                    if nv is not val:
                        setattr(n, k, nv)
        walk(node)


def resolve_enum(t: Type) -> EnumType | None:
    t = find(t)
    return t if isinstance(t, EnumType) else None

