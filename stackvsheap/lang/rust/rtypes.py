"""Rust types during type checking: inference variables, unification, and
the questions ownership asks of a type (is it Copy? does it need drop?).

Concrete types are the shared ones from `lang/types.py`:

  integers, f64, bool, char, ()      IntType, FloatType, BoolType, CharType, UnitType
  &str                               StringType("&str")
  String, Vec<T>, &[T]               SliceType(u8, "string"), SliceType(T, "vec"), SliceType(T, "ref")
  &T, &mut T, Box<T>, Rc<T>          PtrType(T, "ref" | "mut" | "box" | "rc")
  [T; N], (A, B), structs            ArrayType(rust=True), TupleType, StructType(rust=True)
  Option<T>                          OptionType
  closures                           FuncType

Three more exist only in the front end: `TVar` (an inference variable:
`{integer}`, `{float}` or any type), `IterT` (an iterator in a chain such as
`v.iter().map(f)`), `RangeT` (`a..b`) and `NEVER` (`!`).
"""

from __future__ import annotations

from typing import Any

from ..types import (
    BOOL, CHAR, FLOAT64, RUST_INTS, RUST_STR, UNIT, ArrayType, BoolType, CharType, FloatType,
    FuncType, IntType, OptionType, PtrType, SliceType, StringType, StructType, TupleType, Type,
    UnitType, ZeroSized, _Pointerful,
)
from .hashmap import HashMapType
from .refcell import CellType, GuardType, RefCellType

USIZE = RUST_INTS["usize"]
I32 = RUST_INTS["i32"]
U8 = RUST_INTS["u8"]
STRING = SliceType(U8, "string")


class TVar(Type):
    """An inference variable. `kind`: "int" ({integer}), "float" ({float})
    or "any"."""

    _next = 0

    def __init__(self, kind: str = "any") -> None:
        self.kind = kind
        self.ref: Type | None = None
        TVar._next += 1
        self.id = TVar._next

    @property
    def name(self) -> str:  # type: ignore[override]
        t = find(self)
        if t is not self:
            return str(t)
        return {"int": "{integer}", "float": "{float}"}.get(self.kind, "_")

    def __repr__(self) -> str:
        return f"TVar#{self.id}({self.name})"

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


class NeverT(ZeroSized):
    """`!`: zero-sized, as rustc lays it out (a `!` temporary takes no frame space)."""

    name = "!"

    def __repr__(self) -> str:
        return "!"


NEVER = NeverT()


class IterT(_Pointerful):
    """An iterator yielding `item`. As a value (kept in a variable, a `for`
    loop's hidden iterator) it is one opaque cell holding the runtime's
    pipeline (sim/rust/pipeline.py); `bytes` approximates rustc's inline
    layout of the adapter structs (a slice iterator is two pointers)."""

    def __init__(self, item: Type, bytes: int = 16) -> None:
        self.item = item
        self.bytes = bytes

    @property
    def size(self) -> int:
        return self.bytes

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"impl Iterator<Item = {self.item}>"


class RangeT(Type):
    def __init__(self, elem: Type, inclusive: bool) -> None:
        self.elem = elem
        self.inclusive = inclusive

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"RangeInclusive<{self.elem}>" if self.inclusive else f"Range<{self.elem}>"


class TypeMismatch(Exception):
    def __init__(self, expected: Type, found: Type) -> None:
        super().__init__(f"expected `{expected}`, found `{found}`")
        self.expected = expected
        self.found = found


def find(t: Type) -> Type:
    while isinstance(t, TVar) and t.ref is not None:
        t = t.ref
    return t


def _bind(v: TVar, t: Type) -> None:
    if occurs(v, t):
        raise TypeMismatch(v, t)
    v.ref = t


def occurs(v: TVar, t: Type) -> bool:
    t = find(t)
    if t is v:
        return True
    return any(occurs(v, c) for c in children(t))


def children(t: Type) -> list[Type]:
    if isinstance(t, (RefCellType, CellType, HashMapType)):
        return [t.inner]
    if isinstance(t, (SliceType, PtrType)):
        return [t.elem]
    if isinstance(t, ArrayType):
        return [t.elem]
    if isinstance(t, TupleType):
        return list(t.elems)
    if isinstance(t, OptionType):
        return [t.inner]
    if isinstance(t, FuncType):
        return list(t.params) + list(t.results)
    if isinstance(t, IterT):
        return [t.item]
    if isinstance(t, RangeT):
        return [t.elem]
    return []


def unify(a: Type, b: Type) -> None:
    """Make `a` and `b` the same type, or raise TypeMismatch(a, b)."""
    a = find(a)
    b = find(b)
    if a is b:
        return
    if a is NEVER or b is NEVER:
        return
    if isinstance(a, TVar):
        if isinstance(b, TVar):
            if a.kind == "any":
                _bind(a, b)
            elif b.kind == "any" or b.kind == a.kind:
                _bind(b, a)
            else:
                raise TypeMismatch(a, b)
            return
        if a.kind == "int" and not isinstance(b, IntType):
            raise TypeMismatch(a, b)
        if a.kind == "float" and not isinstance(b, FloatType):
            raise TypeMismatch(a, b)
        _bind(a, b)
        return
    if isinstance(b, TVar):
        try:
            unify(b, a)
        except TypeMismatch:
            raise TypeMismatch(a, b) from None
        return
    if type(a) is not type(b):
        raise TypeMismatch(a, b)
    try:
        if isinstance(a, (IntType, FloatType, BoolType, CharType, UnitType, StringType)):
            if a != b:
                raise TypeMismatch(a, b)
        elif isinstance(a, SliceType):
            if a.flavor != b.flavor:  # type: ignore[attr-defined]
                raise TypeMismatch(a, b)
            unify(a.elem, b.elem)  # type: ignore[attr-defined]
        elif isinstance(a, PtrType):
            if a.flavor != b.flavor:  # type: ignore[attr-defined]
                raise TypeMismatch(a, b)
            unify(a.elem, b.elem)  # type: ignore[attr-defined]
        elif isinstance(a, ArrayType):
            if a.length != b.length:  # type: ignore[attr-defined]
                raise TypeMismatch(a, b)
            unify(a.elem, b.elem)  # type: ignore[attr-defined]
        elif isinstance(a, TupleType):
            if len(a.elems) != len(b.elems):  # type: ignore[attr-defined]
                raise TypeMismatch(a, b)
            for x, y in zip(a.elems, b.elems):  # type: ignore[attr-defined]
                unify(x, y)
        elif isinstance(a, (OptionType, RefCellType, CellType, HashMapType)):
            if isinstance(a, HashMapType) and a.is_set != b.is_set:  # type: ignore[attr-defined]
                raise TypeMismatch(a, b)
            unify(a.inner, b.inner)  # type: ignore[attr-defined]
        elif isinstance(a, StructType):
            if a is not b:
                raise TypeMismatch(a, b)
        elif isinstance(a, FuncType):
            if len(a.params) != len(b.params):  # type: ignore[attr-defined]
                raise TypeMismatch(a, b)
            for x, y in zip(a.params + a.results, b.params + b.results):  # type: ignore[attr-defined]
                unify(x, y)
        elif isinstance(a, IterT):
            unify(a.item, b.item)  # type: ignore[attr-defined]
        elif isinstance(a, RangeT):
            if a.inclusive != b.inclusive:  # type: ignore[attr-defined]
                raise TypeMismatch(a, b)
            unify(a.elem, b.elem)  # type: ignore[attr-defined]
        else:
            raise TypeMismatch(a, b)
    except TypeMismatch:
        raise TypeMismatch(a, b) from None


class Unresolved(Exception):
    pass


def resolve(t: Type, default: bool = True) -> Type:
    """`t` with every inference variable replaced by its binding; integer
    and float variables left open default to i32 and f64 (rustc's rule)."""
    t = find(t)
    if isinstance(t, TVar):
        if not default:
            return t
        if t.kind == "int":
            t.ref = RUST_INTS["i32"]
            return t.ref
        if t.kind == "float":
            t.ref = FLOAT64
            return t.ref
        raise Unresolved()
    if isinstance(t, SliceType):
        e = resolve(t.elem, default)
        return t if e is t.elem else SliceType(e, t.flavor)
    if isinstance(t, PtrType):
        e = resolve(t.elem, default)
        return t if e is t.elem else type(t)(e, t.flavor)
    if isinstance(t, (RefCellType, CellType)):
        e = resolve(t.inner, default)
        return t if e is t.inner else type(t)(e)
    if isinstance(t, HashMapType):
        e = resolve(t.inner, default)
        return t if e is t.inner else HashMapType(e, t.is_set)
    if isinstance(t, ArrayType):
        e = resolve(t.elem, default)
        return t if e is t.elem else ArrayType(e, t.length, True)
    if isinstance(t, TupleType):
        es = tuple(resolve(x, default) for x in t.elems)
        return t if all(x is y for x, y in zip(es, t.elems)) else TupleType(es)
    if isinstance(t, OptionType):
        e = resolve(t.inner, default)
        return t if e is t.inner else OptionType(e)
    if isinstance(t, FuncType):
        return FuncType(tuple(resolve(x, default) for x in t.params),
                        tuple(resolve(x, default) for x in t.results))
    if isinstance(t, IterT):
        return IterT(resolve(t.item, default))
    if isinstance(t, RangeT):
        return RangeT(resolve(t.elem, default), t.inclusive)
    return t


def shallow(t: Type) -> Type:
    return find(t)


def is_int(t: Type) -> bool:
    t = find(t)
    return isinstance(t, IntType) or (isinstance(t, TVar) and t.kind == "int")


def is_float(t: Type) -> bool:
    t = find(t)
    return isinstance(t, FloatType) or (isinstance(t, TVar) and t.kind == "float")


def is_numeric(t: Type) -> bool:
    return is_int(t) or is_float(t)


# ---- questions ownership asks (on resolved types) -------------------------------------


def struct_derives(t: StructType) -> set[str]:
    return getattr(t, "derives", set())


def is_copy(t: Type) -> bool:
    """Copy types are copied on use; everything else moves. (`&mut T` is
    reborrowed at every use in the subset, so it behaves like a copy.)"""
    t = find(t)
    if isinstance(t, (IntType, FloatType, BoolType, CharType, UnitType, StringType, FuncType)):
        return True
    if isinstance(t, TVar):
        return t.kind in ("int", "float")
    if isinstance(t, NeverT):
        return True
    if isinstance(t, GuardType):
        return False
    if isinstance(t, CellType):
        return is_copy(t.inner)
    if isinstance(t, PtrType):
        return t.flavor in ("ref", "mut")
    if isinstance(t, SliceType):
        return t.flavor == "ref"
    if isinstance(t, ArrayType):
        return t.length == 0 or is_copy(t.elem)
    if isinstance(t, TupleType):
        return all(is_copy(e) for e in t.elems)
    if isinstance(t, OptionType):
        return is_copy(t.inner)
    if isinstance(t, StructType):
        return "Copy" in struct_derives(t)
    if isinstance(t, RangeT):
        return False
    return False


def needs_drop(t: Type) -> bool:
    """The type has drop glue (it owns heap memory, or holds something that does)."""
    t = find(t)
    if isinstance(t, GuardType):
        return True  # gives the RefCell borrow back
    if isinstance(t, IterT):
        return True  # a vec::IntoIter source frees its buffer
    if isinstance(t, PtrType) and t.flavor == "weak":
        return True  # gives its weak count back
    if isinstance(t, (RefCellType, CellType)):
        return needs_drop(t.inner)
    if isinstance(t, HashMapType):
        return True  # frees its table
    if isinstance(t, PtrType):
        return t.flavor in ("box", "rc")
    if isinstance(t, SliceType):
        return t.flavor in ("vec", "string")
    if isinstance(t, ArrayType):
        return t.length > 0 and needs_drop(t.elem)
    if isinstance(t, TupleType):
        return any(needs_drop(e) for e in t.elems)
    if isinstance(t, OptionType):
        return needs_drop(t.inner)
    if isinstance(t, StructType):
        if getattr(t, "drop_impl", False):
            return True  # `impl Drop`: the user's drop runs, whatever the fields are
        cached = getattr(t, "_needs_drop", None)
        if cached is None:
            t._needs_drop = False  # type: ignore[attr-defined]  # recursion guard
            cached = any(needs_drop(ft) for _, ft in t.fields)
            t._needs_drop = cached  # type: ignore[attr-defined]
        return cached
    return False


def is_clone(t: Type) -> bool:
    t = find(t)
    if is_copy(t):
        return True
    if isinstance(t, PtrType):
        return t.flavor == "rc" or is_clone(t.elem)
    if isinstance(t, SliceType):
        return is_clone(t.elem)
    if isinstance(t, (ArrayType,)):
        return is_clone(t.elem)
    if isinstance(t, TupleType):
        return all(is_clone(e) for e in t.elems)
    if isinstance(t, OptionType):
        return is_clone(t.inner)
    if isinstance(t, StructType):
        return "Clone" in struct_derives(t)
    return False


def is_debug(t: Type) -> bool:
    t = find(t)
    if isinstance(t, StructType):
        return "Debug" in struct_derives(t)
    if isinstance(t, (FuncType, IterT, RangeT)):
        return False
    return all(is_debug(c) for c in children(t))


def is_display(t: Type) -> bool:
    t = find(t)
    if isinstance(t, (IntType, FloatType, BoolType, CharType, StringType)):
        return True
    if isinstance(t, SliceType):
        return t.flavor == "string"
    if isinstance(t, PtrType):
        return is_display(t.elem)
    return getattr(t, "display_impl", False)  # `impl fmt::Display for T` (display.py)


def strip_refs(t: Type) -> tuple[Type, int]:
    """(`T`, n) for `&&..T` with n reference layers (shared or mutable)."""
    n = 0
    t = find(t)
    while isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
        t = find(t.elem)
        n += 1
    return t, n


def deref_target(t: Type) -> Type | None:
    """What `*x` is for x: t (references, Box, Rc)."""
    t = find(t)
    if isinstance(t, PtrType):
        return t.elem
    return None


def contains_tvar(t: Type) -> bool:
    t = find(t)
    if isinstance(t, TVar):
        return True
    return any(contains_tvar(c) for c in children(t))


__all__ = [
    "TVar", "NEVER", "NeverT", "IterT", "RangeT", "TypeMismatch", "find", "unify", "resolve",
    "is_copy", "needs_drop", "is_clone", "strip_refs", "deref_target", "is_int", "is_float",
    "is_numeric", "USIZE", "I32", "U8", "STRING", "BOOL", "CHAR", "FLOAT64", "UNIT", "RUST_STR",
    "RUST_INTS", "Any",
]
