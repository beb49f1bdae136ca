"""Go interface values: the conversion of a concrete value to an interface
(OCONVIFACE), as cmd/compile/internal/walk/convert.go (dataWord) and
runtime/iface.go (convT16/32/64, convTstring, convTslice, convT, convTnoptr)
do it.

No allocation when the value is pointer-shaped (it is the data word), zero-
sized (zerobase), a bool or a one-byte integer (runtime.staticuint64s), a
constant or a static composite literal (read-only data, order.go addrTemp),
or when escape analysis keeps the conversion on the stack (a stack
temporary, for values up to 1 KiB). Otherwise the runtime allocates, except
that convT16/32/64 of a value below 256 points into staticuint64s, and
convTstring/convTslice of "" / a nil slice point at zeroVal.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import (
    ArrayType, BoolType, FloatType, FuncType, IfaceType, IntType, MapType, PtrType, SliceType, StringType, StructType,
    Type,
)
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import IfaceV, Ptr

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

#: runtime.staticuint64s: [256]uint64
STATIC_UINT64S = 256
#: walk.dataWord: a non-escaping conversion uses a stack temporary up to this size
MAX_STACK_TEMP = 1024


def sole_component(t: Type) -> Type:
    """types.Type.SoleComponent: the only non-blank field/element, recursively."""
    while True:
        if isinstance(t, StructType) and len(t.fields) == 1:
            t = t.fields[0][1]
        elif isinstance(t, ArrayType) and t.length == 1:
            t = t.elem
        else:
            return t


def conv_func(t: Type) -> str:
    """walk.dataWordFuncName: the runtime function converting a t."""
    if t.size == 2 and t.align == 2:
        return "convT16"
    if t.size == 4 and t.align == 4 and not t.has_pointers:
        return "convT32"
    if t.size == 8 and t.align == 8 and not t.has_pointers:
        return "convT64"
    sc = sole_component(t)
    if isinstance(sc, StringType):
        return "convTstring"
    if isinstance(sc, SliceType):
        return "convTslice"
    return "convT" if t.has_pointers else "convTnoptr"


def word_bits(t: Type, v: Any) -> int:
    """The value as the uint16/32/64 convT16/32/64 receive (one leaf)."""
    if isinstance(v, tuple):
        v = v[0] if len(v) == 1 else 1 << 63
    if isinstance(sole_component(t), FloatType):
        (bits,) = struct.unpack("<Q", struct.pack("<d", v))
        return bits
    if isinstance(v, bool):
        return int(v)
    return int(v) & ((1 << (8 * t.size)) - 1)


def never_allocates(t: Type) -> bool:
    """dataWord's first cases: pointer-shaped, zero-sized, bool or one-byte integer."""
    if isinstance(t, (PtrType, FuncType, MapType)) or t.size == 0:
        return True
    sc = sole_component(t)
    return isinstance(sc, BoolType) or (t.size == 1 and isinstance(sc, IntType))


def allocates(t: Type, v: Any) -> bool:
    """Does the runtime's conversion function allocate for value v?"""
    fn = conv_func(t)
    if fn in ("convT16", "convT32", "convT64"):
        return word_bits(t, v) >= STATIC_UINT64S
    if fn == "convTstring":
        s = v[0] if isinstance(v, tuple) else v
        return s.text != ""
    if fn == "convTslice":
        s = v[0] if isinstance(v, tuple) else v
        return s.block is not None
    return True


@intrinsic("conv_iface")
def conv_iface(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    (xv,) = args
    t = node.args[0].ty
    m = comp.m
    site = node.site
    if never_allocates(t) or node.extra == "static" or site is None or (
        site.placement == "stack" and t.size <= MAX_STACK_TEMP
    ):
        def no_alloc(fr: Any) -> IfaceV:
            v = xv(fr)
            return IfaceV(t, v, v.block if isinstance(v, Ptr) else None)
        return no_alloc
    label = f"{site.text} (interface data)"
    pos = node.pos
    put_one = t.nleaves == 1

    def convert(fr: Any) -> IfaceV:
        v = xv(fr)
        if not allocates(t, v):
            return IfaceV(t, v, None)
        b = m.go_alloc(t, 1, label, site, pos)
        m.put(b, 0, [v] if put_one else list(v))
        m.access_w(b.addr, t.size)
        return IfaceV(t, v, b)
    return convert


def _same(a: Type, b: Type) -> bool:
    return a is b or a == b


def type_string(t: Type | None) -> str:
    from .fmt import type_name  # (fmt imports this module)

    return "nil" if t is None else type_name(t)


@intrinsic("type_assert")
def type_assert(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """x.(T): the value when the dynamic type is T (or implements interface
    T); otherwise a panic, or (zero, false) in the comma-ok form."""
    from ..shapes import zero_cells

    (xv,) = args
    t, comma_ok = node.extra
    src = node.args[0].ty
    pos = node.pos
    m = comp.m
    iface = isinstance(t, IfaceType)
    need = set(t.methods) if iface else set()
    funcs = comp.p.funcs
    zero = (None if iface else (zero_cells(t) if t.is_aggregate else zero_cells(t)[0]))

    def has_methods(dyn: Type) -> bool:
        ptr = isinstance(dyn, PtrType)
        base = dyn.elem if ptr else dyn
        for name in need:
            f = funcs.get(f"{getattr(base, 'name', '')}.{name}")
            if f is None or (not ptr and isinstance(f.params[0].ty, PtrType)):
                return False
        return True

    if comma_ok == "is":  # a type switch case
        def is_type(fr: Any) -> bool:
            x = xv(fr)
            return x is not None and (has_methods(x.ty) if iface else _same(x.ty, t))
        return is_type

    def check(fr: Any) -> Any:
        x = xv(fr)
        ok = x is not None and (has_methods(x.ty) if iface else _same(x.ty, t))
        if comma_ok:
            if not ok:
                return (zero, False) if not isinstance(zero, tuple) else (*zero, False)
            v = x if iface else x.value
            return (*v, True) if isinstance(v, tuple) else (v, True)
        if not ok:
            want = type_string(t)
            have = "nil" if x is None else type_string(x.ty)
            raise RunError(f"panic: interface conversion: {type_string(src)} is {have}, not {want}", pos)
        return x if iface else x.value
    return check


@intrinsic("iface_call")
def iface_call(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """A dynamic call: the method of the receiver's dynamic type."""
    from .fmt import load

    recv, *rest = args
    name = node.extra
    pos = node.pos
    funcs = comp.p.funcs
    cache: dict[int, Any] = {}

    def call(fr: Any) -> Any:
        x = recv(fr)
        if x is None:
            raise RunError("panic: runtime error: invalid memory address or nil pointer dereference", pos)
        dyn = x.ty
        ptr = isinstance(dyn, PtrType)
        base = dyn.elem if ptr else dyn
        got = cache.get(id(dyn))
        if got is None:
            f = funcs[f"{base.name}.{name}"]
            got = cache[id(dyn)] = (f, comp.invoker(comp.codes[id(f)]), isinstance(f.params[0].ty, PtrType))
        f, inv, by_ptr = got
        r = x.value
        if ptr and not by_ptr:
            r = load(r, base)
        return inv([r] + [a(fr) for a in rest], None)
    return call
