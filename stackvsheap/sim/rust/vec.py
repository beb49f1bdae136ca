"""Vec<T> and String as the Rust standard library (1.9x) implements them.

A Vec or String value is one `SliceV(block, 0, len, cap)` leaf: the 24-byte
header (pointer, capacity, length) lives wherever the Vec lives, the
elements in a heap `Block` of `cap` elements.

Sources: library/alloc/src/raw_vec.rs (`MIN_NON_ZERO_CAP`: 8 for 1-byte
elements, 4 up to 1 KiB, else 1; `grow_amortized`: max(2 * cap, needed,
MIN_NON_ZERO_CAP); `finish_grow`: `alloc` from capacity 0, else `realloc`;
zero-sized element types have capacity usize::MAX and never allocate),
library/alloc/src/vec/spec_from_elem.rs (`vec![x; n]`: `alloc_zeroed` when x
is zero, else `alloc` then n - 1 clones and the original moved in last),
library/alloc/src/str.rs and string.rs (`String::from(&str)` and `to_string`
allocate exactly `len` bytes; `push_str` reserves like `Vec<u8>`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ...lang.types import (
    ArrayType, BoolType, CharType, FloatType, IntType, OptionType, PtrType, SliceType, TupleType, Type,
)
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import Block, Ptr, SliceV, StrV
from .glue import USIZE_MAX, glue_for, needs_drop, opt_none, opt_some, scalar

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

HEADER = 24
ISIZE_MAX = (1 << 63) - 1


def min_non_zero_cap(elem: Type) -> int:
    if elem.size == 1:
        return 8
    if elem.size <= 1024:
        return 4
    return 1


def grow_amortized(length: int, additional: int, cap: int, elem: Type, pos: Any) -> int:
    required = length + additional
    if required > USIZE_MAX:
        raise RunError("thread 'main' panicked: capacity overflow", pos)
    new_cap = max(cap * 2, required, min_non_zero_cap(elem))
    if new_cap * elem.size > ISIZE_MAX:
        raise RunError("thread 'main' panicked: capacity overflow", pos)
    return new_cap


def empty_vec(elem: Type) -> SliceV:
    """`Vec::new()`: a dangling pointer, no allocation (a fresh object: the
    identical NIL_SLICE is reserved for `None` of `Option<Vec<T>>`)."""
    return SliceV(None, 0, 0, USIZE_MAX if elem.size == 0 else 0)


def site_label(site: Any, default: str) -> str:
    return getattr(site, "text", None) or default


class VecOps:
    """Shared machinery: growth, header reads and writes."""

    def __init__(self, comp: "Compiler") -> None:
        self.comp = comp
        self.m = comp.m

    def header_loc(self, node: ir.Expr) -> Any:
        return self.comp.place(node)

    def read_header(self, b: Block, i: int) -> SliceV:
        self.m.access(b.cell_addr(i), HEADER)
        return b.cells[i]

    def write_header(self, b: Block, i: int, sv: SliceV) -> None:
        m = self.m
        m.access_w(b.cell_addr(i), HEADER)
        rec = m.rec
        if rec is not None:
            rec.write(b, i, b.cells[i], sv)
        b.cells[i] = sv

    def grow_to(self, sv: SliceV, new_cap: int, elem: Type, site: Any, pos: Any) -> SliceV:
        """finish_grow: a fresh allocation from capacity 0, else realloc."""
        m = self.m
        if elem.size == 0:
            return SliceV(None, 0, sv.length, USIZE_MAX)
        if sv.block is None or sv.cap == 0:
            b = m.rust_alloc(elem, new_cap, site_label(site, "Vec buffer"), site, pos)
            return SliceV(b, 0, sv.length, new_cap)
        nb = m.rust_realloc(sv.block, new_cap, pos)
        return SliceV(nb, 0, sv.length, new_cap)

    def reserve(self, sv: SliceV, additional: int, elem: Type, site: Any, pos: Any) -> SliceV:
        if sv.cap - sv.length >= additional:
            return sv
        return self.grow_to(sv, grow_amortized(sv.length, additional, sv.cap, elem, pos), elem, site, pos)


def _ops(comp: "Compiler") -> VecOps:
    o = getattr(comp, "_rust_vec_ops", None)
    if o is None:
        o = VecOps(comp)
        comp._rust_vec_ops = o  # type: ignore[attr-defined]
    return o


def elements_at(comp: "Compiler", t: Type) -> Callable[[Any, int], tuple[Any, int, int]]:
    """(block, first cell, length) of the elements at a place of type t: an
    array's are in place, a Vec's or slice's behind the header read there."""
    if isinstance(t, ArrayType):
        n = t.length
        return lambda b, i: (b, i, n)
    read_header = _ops(comp).read_header

    def behind(b: Any, i: int) -> tuple[Any, int, int]:
        sv = read_header(b, i)
        return sv.block, sv.start, sv.length
    return behind


def _elem_of(t: Type) -> Type:
    assert isinstance(t, SliceType), t
    return t.elem


# ---- constructors --------------------------------------------------------------------------


@intrinsic("vec_new")
def vec_new(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    elem = _elem_of(node.ty)
    cap = USIZE_MAX if elem.size == 0 else 0
    return lambda fr: SliceV(None, 0, 0, cap)


@intrinsic("vec_with_capacity")
def vec_with_capacity(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    elem = _elem_of(node.ty)
    n_ev = args[0]
    m = comp.m
    site = node.site
    pos = node.pos
    label = site_label(site, "Vec::with_capacity")

    def with_capacity(fr: Any) -> SliceV:
        n = n_ev(fr)
        if elem.size == 0:
            return SliceV(None, 0, 0, USIZE_MAX)
        if n == 0:
            return SliceV(None, 0, 0, 0)
        if n * elem.size > ISIZE_MAX:
            raise RunError("thread 'main' panicked: capacity overflow", pos)
        b = m.rust_alloc(elem, n, label, site, pos)
        return SliceV(b, 0, 0, n)
    return with_capacity


@intrinsic("vec_lit")
def vec_lit(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`vec![a, b, c]`: `box [a, b, c]` allocates before the elements are evaluated."""
    elem = _elem_of(node.ty)
    m = comp.m
    n = len(args)
    nl = elem.nleaves
    store = comp.store_fn(elem)
    site = node.site
    pos = node.pos
    label = site_label(site, "vec!")
    if elem.size == 0:
        def vec_zst(fr: Any) -> SliceV:
            for a in args:
                a(fr)
            return SliceV(None, 0, n, USIZE_MAX)
        return vec_zst

    def vec_literal(fr: Any) -> SliceV:
        b = m.rust_alloc(elem, n, label, site, pos)
        k = 0
        for a in args:
            store(b, k, a(fr))
            k += nl
        return SliceV(b, 0, n, n)
    return vec_literal


def is_zero(t: Type, v: Any) -> bool | None:
    """alloc::vec::IsZero: None when the type does not implement it."""
    if isinstance(t, IntType):
        return v == 0
    if isinstance(t, FloatType):
        return v == 0.0 and math.copysign(1.0, v) > 0
    if isinstance(t, BoolType):
        return not v
    if isinstance(t, CharType):
        return v == "\0"
    if isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
        return False
    if isinstance(t, OptionType):
        inner = t.inner
        if isinstance(inner, PtrType) and inner.flavor in ("ref", "mut", "box"):
            return v[0] is None
        if isinstance(inner, IntType):
            return not v[0]
        return None
    if isinstance(t, ArrayType):
        if not _is_zero_type(t.elem):
            return None
        if t.length > 16:
            return False
        from .glue import part
        n = t.elem.nleaves
        return all(is_zero(t.elem, part(v, k * n, t.elem)) for k in range(t.length))
    if isinstance(t, TupleType):
        if len(t.elems) > 8 or any(_is_zero_type(e) is False for e in t.elems):
            return None
        from .glue import members, part
        return all(is_zero(et, part(v, st, et)) for st, et in members(t))
    return None


def _is_zero_type(t: Type) -> bool:
    if isinstance(t, (IntType, FloatType, BoolType, CharType)):
        return True
    if isinstance(t, PtrType):
        return t.flavor in ("ref", "mut")
    if isinstance(t, OptionType):
        inner = t.inner
        return (isinstance(inner, PtrType) and inner.flavor in ("ref", "mut", "box")) or isinstance(inner, IntType)
    if isinstance(t, ArrayType):
        return _is_zero_type(t.elem)
    if isinstance(t, TupleType):
        return len(t.elems) <= 8 and all(_is_zero_type(e) for e in t.elems)
    return False


@intrinsic("vec_repeat")
def vec_repeat(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`vec![x; n]` (vec::from_elem)."""
    elem = _elem_of(node.ty)
    m = comp.m
    x_ev, n_ev = args
    nl = elem.nleaves
    store = comp.store_fn(elem)
    site = node.site
    pos = node.pos
    label = site_label(site, "vec!")
    glue = glue_for(comp)
    zero_ok = _is_zero_type(elem)
    owning = needs_drop(elem)

    def vec_from_elem(fr: Any) -> SliceV:
        x = x_ev(fr)
        n = n_ev(fr)
        if elem.size == 0:
            if n == 0 and owning:
                glue.drop(elem, x)
            return SliceV(None, 0, n, USIZE_MAX)
        if n == 0:
            glue.drop(elem, x)
            return SliceV(None, 0, 0, 0)
        if n * elem.size > ISIZE_MAX:
            raise RunError("thread 'main' panicked: capacity overflow", pos)
        if zero_ok and is_zero(elem, x):
            # RawVec::with_capacity_zeroed: calloc'd memory is already the value
            b = m.rust_alloc(elem, n, label, site, pos)
            m.access_w(b.addr, n * elem.size)
            return SliceV(b, 0, n, n)
        b = m.rust_alloc(elem, n, label, site, pos)
        if not owning:
            # extend_with: n - 1 copies, then the original
            vals = list(x) if not scalar(elem) else [x]
            m.access_w(b.addr, n * elem.size)
            m.put(b, 0, vals * n)
            return SliceV(b, 0, n, n)
        for k in range(n - 1):
            store(b, k * nl, glue.clone(elem, x, site, pos))
        store(b, (n - 1) * nl, x)
        return SliceV(b, 0, n, n)
    return vec_from_elem


# zeroed allocations are counted as allocations; mark them for the trace
@intrinsic("array_repeat")
def array_repeat(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = node.ty
    assert isinstance(t, ArrayType)
    n = node.extra
    x_ev = args[0]
    sc = scalar(t.elem)

    def repeat(fr: Any) -> tuple:
        x = x_ev(fr)
        if sc:
            return (x,) * n
        return tuple(x) * n
    return repeat


# ---- Vec methods -----------------------------------------------------------------------------


@intrinsic("vec_push")
def vec_push(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    vt = node.args[0].ty
    elem = _elem_of(vt)
    loc = comp.place(node.args[0])
    val = args[1]
    ops = _ops(comp)
    nl = elem.nleaves
    store = comp.store_fn(elem)
    site = node.site
    pos = node.pos
    m = comp.m
    rec = m.rec
    zst = elem.size == 0

    def push(fr: Any) -> None:
        b, i = loc(fr)
        v = val(fr)
        m.access(b.cell_addr(i), HEADER)
        sv = b.cells[i]
        n = sv.length
        if zst:
            if n == USIZE_MAX:
                raise RunError("thread 'main' panicked: capacity overflow", pos)
            new = SliceV(None, 0, n + 1, USIZE_MAX)
        else:
            if n == sv.cap:
                sv = ops.grow_to(sv, grow_amortized(n, 1, sv.cap, elem, pos), elem, site, pos)
            store(sv.block, n * nl, v)
            new = SliceV(sv.block, 0, n + 1, sv.cap)
        m.access_w(b.cell_addr(i), HEADER)
        if rec is not None:
            rec.write(b, i, b.cells[i], new)
        b.cells[i] = new
    return push


@intrinsic("vec_pop")
def vec_pop(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ot = node.ty
    assert isinstance(ot, OptionType)
    elem = ot.inner
    loc = comp.place(node.args[0])
    ops = _ops(comp)
    load = comp.load_fn(elem)
    nl = elem.nleaves
    none = opt_none(ot)

    def pop(fr: Any) -> tuple:
        b, i = loc(fr)
        sv = ops.read_header(b, i)
        n = sv.length
        if n == 0:
            return none
        x = load(sv.block, (n - 1) * nl) if sv.block is not None else ()
        ops.write_header(b, i, SliceV(sv.block, 0, n - 1, sv.cap))
        return opt_some(ot, x)
    return pop


def _header(comp: "Compiler", node: ir.Intrinsic) -> Any:
    loc = comp.place(node.args[0])
    ops = _ops(comp)

    def read(fr: Any) -> SliceV:
        b, i = loc(fr)
        return ops.read_header(b, i)
    return read


@intrinsic("vec_len")
def vec_len(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    if not _is_placeish(node.args[0]):
        ev = args[0]
        return lambda fr: ev(fr).length
    h = _header(comp, node)
    return lambda fr: h(fr).length


def _is_placeish(e: ir.Expr) -> bool:
    return isinstance(e, (ir.VarRef, ir.FieldRef, ir.IndexRef, ir.Deref))


@intrinsic("vec_capacity")
def vec_capacity(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    h = _header(comp, node)
    return lambda fr: h(fr).cap


@intrinsic("vec_is_empty")
def vec_is_empty(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    h = _header(comp, node)
    return lambda fr: h(fr).length == 0


@intrinsic("vec_as_slice")
def vec_as_slice(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    h = _header(comp, node)

    def as_slice(fr: Any) -> SliceV:
        sv = h(fr)
        return SliceV(sv.block, sv.start, sv.length, sv.length)
    return as_slice


@intrinsic("array_as_slice")
def array_as_slice(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    at = node.args[0].ty
    assert isinstance(at, ArrayType)
    n = at.length
    loc = comp.place(node.args[0])

    def as_slice(fr: Any) -> SliceV:
        b, i = loc(fr)
        return SliceV(b, i, n, n)
    return as_slice


@intrinsic("slice_len")
def slice_len(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = node.args[0].ty
    if isinstance(t, ArrayType):
        n = t.length
        return lambda fr: n
    ev = args[0]
    return lambda fr: ev(fr).length


@intrinsic("slice_is_empty")
def slice_is_empty(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ln = slice_len(comp, node, args)
    return lambda fr: ln(fr) == 0


def _first_last(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"], last: bool) -> "Exec":
    t = node.args[0].ty
    ot = node.ty
    assert isinstance(ot, OptionType)
    none = opt_none(ot)
    if isinstance(t, ArrayType):
        loc = comp.place(node.args[0])
        n = t.length
        nl = t.elem.nleaves

        def arr(fr: Any) -> tuple:
            b, i = loc(fr)
            if n == 0:
                return none
            return (Ptr(b, i + ((n - 1) * nl if last else 0)),)
        return arr
    ev = args[0]
    nl = _elem_of(t).nleaves

    def sl(fr: Any) -> tuple:
        sv = ev(fr)
        if sv.length == 0:
            return none
        return (Ptr(sv.block, sv.start + ((sv.length - 1) * nl if last else 0)),)
    return sl


@intrinsic("vec_first")
@intrinsic("slice_first")
def vec_first(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _first_last(comp, node, args, False)


@intrinsic("vec_last")
@intrinsic("slice_last")
def vec_last(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _first_last(comp, node, args, True)


@intrinsic("vec_clear")
def vec_clear(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _truncate(comp, node, None)


@intrinsic("vec_truncate")
def vec_truncate(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return _truncate(comp, node, args[1])


def _truncate(comp: "Compiler", node: ir.Intrinsic, n_ev: Any) -> "Exec":
    vt = node.args[0].ty
    elem = _elem_of(vt)
    loc = comp.place(node.args[0])
    ops = _ops(comp)
    glue = glue_for(comp)

    def truncate(fr: Any) -> None:
        b, i = loc(fr)
        n = n_ev(fr) if n_ev is not None else 0
        sv = ops.read_header(b, i)
        if n >= sv.length:
            return
        ops.write_header(b, i, SliceV(sv.block, 0, n, sv.cap))
        glue.drop_elems(elem, sv.block, sv.start, n, sv.length)
    return truncate


@intrinsic("vec_reserve")
def vec_reserve(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    vt = node.args[0].ty
    elem = _elem_of(vt)
    loc = comp.place(node.args[0])
    ops = _ops(comp)
    n_ev = args[1]
    site = node.site
    pos = node.pos

    def reserve(fr: Any) -> None:
        b, i = loc(fr)
        n = n_ev(fr)
        sv = ops.read_header(b, i)
        new = ops.reserve(sv, n, elem, site, pos)
        if new is not sv:
            ops.write_header(b, i, new)
    return reserve


@intrinsic("into_iter_drop")
def into_iter_drop(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """vec::IntoIter's Drop: the elements not yet yielded, then the buffer."""
    vt = node.args[0].ty
    glue = glue_for(comp)
    v_ev, i_ev = args
    m = comp.m
    if isinstance(vt, ArrayType):
        et = vt.elem
        n = vt.length
        from .glue import part
        nl = et.nleaves

        def drop_array_rest(fr: Any) -> None:
            v = v_ev(fr)
            for k in range(i_ev(fr), n):
                glue.drop(et, part(v, k * nl, et))
        return drop_array_rest
    elem = _elem_of(vt)

    def drop_rest(fr: Any) -> None:
        sv = v_ev(fr)
        k = i_ev(fr)
        glue.drop_elems(elem, sv.block, sv.start, k, sv.length)
        if sv.block is not None and sv.cap and elem.size:
            m.rust_free(sv.block)
    return drop_rest


@intrinsic("slice_range")
def slice_range(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`&v[a..b]`: a slice reference into a Vec, array or slice (bounds checked)."""
    base = node.args[0]
    bt = base.ty
    inclusive = bool(node.extra)
    lo_ev = args[1]
    hi_ev = args[2] if len(args) > 2 else None
    pos = node.pos
    if isinstance(bt, ArrayType):
        loc = comp.place(base)
        n = bt.length
        nl = bt.elem.nleaves

        def get(fr: Any) -> tuple[Any, int, int]:
            b, i = loc(fr)
            return b, i, n
    else:
        ev = args[0]
        nl = _elem_of(bt).nleaves

        def get(fr: Any) -> tuple[Any, int, int]:
            sv = ev(fr)
            return sv.block, sv.start, sv.length

    def rng(fr: Any) -> SliceV:
        b, start, n = get(fr)
        lo = lo_ev(fr)
        hi = hi_ev(fr) if hi_ev is not None else n
        if inclusive and hi_ev is not None:
            hi += 1
        if lo > hi:
            raise RunError(f"thread 'main' panicked: slice index starts at {lo} but ends at {hi}", pos)
        if hi > n:
            raise RunError(f"thread 'main' panicked: range end index {hi} out of range for slice of "
                           f"length {n}", pos)
        return SliceV(b, start + lo * nl, hi - lo, hi - lo)
    return rng


@intrinsic("slice_to_vec")
def slice_to_vec(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = node.args[0].ty
    glue = glue_for(comp)
    vt = node.ty
    site = node.site
    pos = node.pos
    if isinstance(t, ArrayType):
        loc = comp.place(node.args[0])
        n = t.length

        def arr(fr: Any) -> SliceV:
            b, i = loc(fr)
            return glue.clone(vt, SliceV(b, i, n, n), site, pos)
        return arr
    ev = args[0]
    if isinstance(t, SliceType) and t.flavor == "vec":
        h = _header(comp, node)
        return lambda fr: glue.clone(vt, h(fr), site, pos)
    return lambda fr: glue.clone(vt, ev(fr), site, pos)


# ---- String ----------------------------------------------------------------------------------

_U8 = IntType("u8", 1, False)


def str_bytes(v: Any) -> bytes:
    if isinstance(v, StrV):
        return v.text.encode("utf-8")
    return bytes(v.block.cells[v.start:v.start + v.length]) if v.block is not None else b""


@intrinsic("string_from")
def string_from(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`String::from(s)` / `s.to_string()`: exactly len bytes."""
    m = comp.m
    ev = args[0]
    site = node.site
    pos = node.pos
    label = site_label(site, "String")

    def from_str(fr: Any) -> SliceV:
        s = ev(fr)
        data = str_bytes(s)
        n = len(data)
        if n == 0:
            return SliceV(None, 0, 0, 0)
        b = m.rust_alloc(_U8, n, label, site, pos)
        if isinstance(s, StrV) and s.addr:
            m.access(s.addr, n)
        m.access_w(b.addr, n)
        m.put(b, 0, list(data))
        return SliceV(b, 0, n, n)
    return from_str


@intrinsic("string_push_str")
def string_push_str(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    ev = args[1]
    ops = _ops(comp)
    m = comp.m
    site = node.site
    pos = node.pos

    def push_str(fr: Any) -> None:
        b, i = loc(fr)
        s = ev(fr)
        data = str_bytes(s)
        sv = ops.read_header(b, i)
        n = len(data)
        if n == 0:
            return
        sv = ops.reserve(sv, n, _U8, site, pos)
        if isinstance(s, StrV) and s.addr:
            m.access(s.addr, n)
        ops.write_header(b, i, _append_bytes(m, sv, data))
    return push_str


@intrinsic("string_add")
def string_add(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`s + t` (impl Add<&str> for String): push_str onto the moved `s`."""
    x_ev, y_ev = args
    ops = _ops(comp)
    m = comp.m
    site = node.site
    pos = node.pos

    def add(fr: Any) -> SliceV:
        sv = x_ev(fr)
        data = str_bytes(y_ev(fr))
        n = len(data)
        if n == 0:
            return sv
        sv = ops.reserve(sv, n, _U8, site, pos)
        return _append_bytes(m, sv, data)
    return add


@intrinsic("string_push")
def string_push(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    ev = args[1]
    ops = _ops(comp)
    m = comp.m
    site = node.site
    pos = node.pos

    def push(fr: Any) -> None:
        b, i = loc(fr)
        c = ev(fr)
        data = c.encode("utf-8")
        n = len(data)
        sv = ops.read_header(b, i)
        if sv.cap - sv.length < n:
            # String::push: encode_utf8 into a reserve()d spot (Vec::push for one byte)
            sv = ops.grow_to(sv, grow_amortized(sv.length, n, sv.cap, _U8, pos), _U8, site, pos)
        ops.write_header(b, i, _append_bytes(m, sv, data))
    return push


def _append_bytes(m: Any, sv: SliceV, data: bytes) -> SliceV:
    """Copy `data` after the string's bytes (the capacity is already
    reserved) and return the longer header."""
    m.access_w(sv.block.addr + sv.length, len(data))
    m.put(sv.block, sv.length, list(data))
    return SliceV(sv.block, 0, sv.length + len(data), sv.cap)


@intrinsic("string_as_str")
def string_as_str(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    h = _header(comp, node)
    return lambda fr: _as_str(h(fr))


@intrinsic("string_value_as_str")
def string_value_as_str(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]
    return lambda fr: _as_str(ev(fr))


def _as_str(sv: SliceV) -> StrV:
    if sv.block is None:
        return StrV("", None, 1)
    data = bytes(sv.block.cells[sv.start:sv.start + sv.length])
    return StrV(data.decode("utf-8", "replace"), sv.block, sv.block.cell_addr(sv.start))


@intrinsic("str_len")
def str_len(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]
    return lambda fr: len(ev(fr).text.encode("utf-8"))


@intrinsic("str_is_empty")
def str_is_empty(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]
    return lambda fr: not ev(fr).text


@intrinsic("vec_shrink_to_fit")
def vec_shrink_to_fit(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """RawVec::shrink_to_fit: free an emptied buffer, else realloc down to len."""
    vt = node.args[0].ty
    elem = _elem_of(vt)
    loc = comp.place(node.args[0])
    ops = _ops(comp)
    m = comp.m
    pos = node.pos

    def shrink(fr: Any) -> None:
        b, i = loc(fr)
        sv = ops.read_header(b, i)
        if elem.size == 0 or sv.cap <= sv.length or sv.block is None:
            return
        if sv.length == 0:
            m.rust_free(sv.block)
            ops.write_header(b, i, SliceV(None, 0, 0, 0))
            return
        nb = m.rust_realloc(sv.block, sv.length, pos)
        ops.write_header(b, i, SliceV(nb, 0, sv.length, sv.length))
    return shrink
