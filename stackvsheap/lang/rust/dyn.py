"""Trait objects: `Box<dyn Trait>`, `&dyn Trait`, `&mut dyn Trait`.

A pointer to a `dyn Trait` is a fat pointer, 16 bytes: the data pointer and
a pointer to the vtable of the value's real type for that trait. The vtable
is static data rustc emits once per (type, trait): `drop_in_place` (null
when the type needs no drop), `size`, `align`, then one entry per trait
method in declaration order (core::ptr::metadata's `VTableEntry` layout).

The type checker makes the coercion (unsizing) explicit where a fat
pointer is expected and a thin `Box<T>`/`&T`/`&mut T` is given; a method
call on a trait object is `dyn_call`: the entry loaded from the vtable, then
called with the data pointer. Dropping a `Box<dyn Trait>` runs the real
type's drop glue, then frees the box (nothing for a zero-sized type: its Box
never allocated). sim/rust/dyn.py runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import ir
from ..types import FuncType, PtrType, StructType, Type, ZeroSized
from . import ast as A
from .rtypes import UNIT as UNIT_T, USIZE, find, needs_drop

_FLAVOR_NAME = {"box": "Box<dyn {}>", "ref": "&dyn {}", "mut": "&mut dyn {}"}


@dataclass(frozen=True, eq=True)
class DynType(ZeroSized):
    """`dyn Trait` itself: unsized, only ever behind a fat pointer."""

    trait: str

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"dyn {self.trait}"


class DynPtrType(StructType):
    """A fat pointer to `dyn Trait`: (data pointer, vtable pointer)."""

    def __init__(self, trait: str, flavor: str) -> None:
        super().__init__(_FLAVOR_NAME[flavor].format(trait), rust=True)
        self.trait = trait
        self.flavor = flavor
        self.fields = [("pointer", PtrType(DynType(trait), flavor)), ("vtable", PtrType(VTABLE_ENTRY, "ref"))]
        if flavor != "box":
            self.derives = {"Copy", "Clone"}  # type: ignore[attr-defined]
        # Option<Box<dyn T>> is 16 bytes: None is a null data pointer (leaf 0)
        self.option_niche = True


_VTABLE_ELEM = StructType("vtable")
VTABLE_ENTRY = _VTABLE_ELEM
_CACHE: dict[tuple[str, str], DynPtrType] = {}


def dyn_ptr(trait: str, flavor: str) -> DynPtrType:
    t = _CACHE.get((trait, flavor))
    if t is None:
        t = _CACHE[(trait, flavor)] = DynPtrType(trait, flavor)
    return t


def is_dyn(t: Type | None) -> bool:
    return t is not None and isinstance(find(t), DynPtrType)


@dataclass
class VTable:
    """What one vtable holds, for the runtime (sim/rust/dyn.py)."""

    label: str                       # "vtable for Circle as Shape"
    concrete: Type
    layout: StructType               # the entries as a struct, for the memory view
    drop: bool                       # drop_in_place is a real function (else null)
    methods: list[ir.Func]


def vtable_layout(label: str, method_names: list[str]) -> StructType:
    st = StructType(label, rust=True)
    fn = FuncType((), ())
    st.fields = [("drop_in_place", fn), ("size", USIZE), ("align", USIZE)] + [(n, fn) for n in method_names]
    return st


class DynCheck:
    def dyn_type_of(self, t: A.TypeExpr) -> Type | None:
        """`Box<dyn T>`, `&dyn T`, `&mut dyn T` as written; None for other types."""
        if isinstance(t, A.TRef) and _is_dyn_path(t.inner):
            return dyn_ptr(self._dyn_trait(t.inner), "mut" if t.mutable else "ref")  # type: ignore[arg-type]
        if isinstance(t, A.TPath) and t.name == "Box" and len(t.args) == 1 and _is_dyn_path(t.args[0]):
            return dyn_ptr(self._dyn_trait(t.args[0]), "box")  # type: ignore[arg-type]
        if _is_dyn_path(t):
            self.fail(f"the size for values of type `dyn {t.args[0].name}` cannot be known at "  # type: ignore
                      f"compilation time", t.pos)
        return None

    def _dyn_trait(self, t: A.TPath) -> str:
        name = t.args[0].name  # type: ignore[attr-defined]
        # (struct fields are typed before check_traits: the declarations themselves)
        trait = next((x for x in self.crate.traits if x.name == name), None)  # type: ignore[attr-defined]
        if trait is None:
            self.unsupported(f"`dyn {name}` (trait objects of user traits only)", t.pos)  # type: ignore
        for m in trait.methods:
            if m.self_kind is None or m.self_kind == "self":
                self.fail(f"the trait `{name}` is not dyn compatible: method `{m.name}` "  # type: ignore
                          f"{'has no `self` parameter' if m.self_kind is None else 'takes `self` by value'}",
                          t.pos)
        return name

    def implements(self, tname: str, trait: str) -> bool:
        return any(i.trait == trait and i.type_name == tname for i in self.crate.impls)  # type: ignore

    def dyn_coerce(self, e: A.Expr, t: Type, expected: Type | None) -> Type:
        """Unsize a thin pointer where a fat one is expected (a coercion site)."""
        if expected is None:
            return t
        et = find(expected)
        ft = find(t)
        if not isinstance(et, DynPtrType) or not isinstance(ft, PtrType):
            return t
        ok = {"box": ("box",), "ref": ("ref", "mut"), "mut": ("mut",)}[et.flavor]
        inner = find(ft.elem)
        if ft.flavor not in ok or not isinstance(inner, StructType):
            return t
        if not self.implements(inner.name, et.trait):
            self.fail(f"the trait bound `{inner.name}: {et.trait}` is not satisfied", e.pos)  # type: ignore
        e.coerce = ["dyn"]  # type: ignore[attr-defined]
        e.coerce_to_ty = et  # type: ignore[attr-defined]
        return et

    def dyn_method(self, e: A.MethodCall, t: Type, k: int, name: str) -> Type | None:
        if not isinstance(t, DynPtrType):
            return None
        trait = next(x for x in self.crate.traits if x.name == t.trait)  # type: ignore[attr-defined]
        for idx, m in enumerate(trait.methods):
            if m.name == name:
                break
        else:
            self.fail(f"no method named `{name}` found for `{t.name}` in the current scope",  # type: ignore
                      e.method_pos)
        params = [self.type_of(p.type, allow_infer=False) for p in m.params]  # type: ignore[attr-defined]
        ret = self.type_of(m.ret, allow_infer=False) if m.ret is not None else UNIT_T  # type: ignore
        if m.self_kind == "&mut self" and t.flavor == "ref":
            self.fail(f"cannot borrow `*{_recv_text(e)}` as mutable, as it is behind a `&` reference",  # type: ignore
                      e.receiver.pos)
        r = self.builtin_method(e, t, k, "ref", "dyn_call", params, ret)  # type: ignore[attr-defined]
        e.dyn_slot = (t.trait, idx)  # type: ignore[attr-defined]
        return r


def _recv_text(e: A.MethodCall) -> str:
    r = e.receiver
    return r.segments[-1] if isinstance(r, A.Path) else "self"


def _is_dyn_path(t: A.TypeExpr) -> bool:
    return isinstance(t, A.TPath) and t.name == "dyn" and len(t.args) == 1



class DynLower:
    def vtable(self, concrete: StructType, trait: str) -> VTable:
        cache = self.cl.__dict__.setdefault("vtables", {})  # type: ignore[attr-defined]
        key = (concrete.name, trait)
        vt = cache.get(key)
        if vt is None:
            ck = self.cl.ck  # type: ignore[attr-defined]
            decl = ck.traits[trait]
            names = [m.name for m in decl.methods]
            funcs = [self.cl.info_func[id(ck.methods[(concrete.name, n)])] for n in names]  # type: ignore
            label = f"vtable for {concrete.name} as {trait}"
            vt = cache[key] = VTable(label, concrete, vtable_layout(label, names), needs_drop(concrete), funcs)
        return vt

    def unsize(self, cur: ir.Expr, target: DynPtrType, pos: Any) -> ir.Expr:
        pt = find(cur.ty)
        assert isinstance(pt, PtrType)
        concrete = find(pt.elem)
        assert isinstance(concrete, StructType)
        vt = self.vtable(concrete, target.trait)
        site = getattr(cur, "site", None)
        if isinstance(cur, ir.Alloc) and site is not None and "trait object" not in site.reason:
            # the heap pane shows why the box exists: to be a trait object
            site.reason += (f"; unsized to `{target.name}`: a 16-byte fat pointer (data + `{vt.label}`: "
                            f"drop_in_place, size {concrete.size}, align {concrete.align}, "
                            f"{', '.join(f.name for f in vt.methods)}) for a trait object")
        return ir.Intrinsic(target, pos, "dyn_make", [cur], extra=vt)

    def dyn_call(self, e: A.MethodCall) -> ir.Expr:
        recv = self.receiver(e)  # type: ignore[attr-defined]
        _, idx = e.dyn_slot  # type: ignore[attr-defined]
        return ir.Intrinsic(e.ty, e.pos, "dyn_call", [recv] + self.args(e.args), extra=idx)  # type: ignore
