"""The Rust standard library surface of SUBSET.md, on the simulated machine.

Registered with `intrinsics.INTRINSICS` when sim/languages.py imports the package:

  Vec / String     vec.py   vec_new, vec_with_capacity, vec_lit, vec_repeat, vec_push,
                                 vec_pop, vec_len, vec_capacity, vec_is_empty, vec_clear,
                                 vec_truncate, vec_reserve, vec_as_slice, vec_first, vec_last,
                                 array_as_slice, array_repeat, slice_len, slice_is_empty,
                                 slice_first, slice_last, slice_range, slice_to_vec,
                                 into_iter_drop, string_from, string_push_str, string_push,
                                 string_as_str, string_value_as_str, str_len, str_is_empty
  iterators        iters.py  iter_chain
  this module                    clone, rc_new, rc_clone, rc_strong_count, box_free,
                                 opt_some, opt_is_some, opt_payload_ref, opt_unwrap,
                                 opt_expect, opt_unwrap_or, opt_take, num_*, panic
  statements                     STMT_HOOKS["drop"] for ir.Drop (drop glue: glue.py)

Panics are `RunError`s worded like Rust's: `thread 'main' panicked: called
`Option::unwrap()` on a `None` value`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import FloatType, IntType, OptionType, PtrType, StructType, Type
from . import iters, vec  # noqa: F401  (registers their intrinsics)
from ..intrinsics import STMT_HOOKS, intrinsic
from ..machine import RunError
from ..shapes import EMPTY_STR, zero_cells
from ..memory import Ptr
from .glue import glue_for, needs_drop, opt_is_some, opt_none, opt_payload, scalar

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_USIZE = IntType("usize", 8, False)


def _panic(msg: str, pos: Any) -> RunError:
    return RunError(f"thread 'main' panicked: {msg}", pos)


# ---- drop and clone ------------------------------------------------------------------------


def drop_stmt(comp: "Compiler", stmt: ir.Drop) -> "Exec":
    t = stmt.place.ty
    if not needs_drop(t):
        return lambda fr: None
    loc = comp.place(stmt.place)
    load = comp.load_fn(t)
    glue = glue_for(comp)

    def drop(fr: Any) -> None:
        b, i = loc(fr)
        glue.drop(t, load(b, i), b, i)
    return drop


STMT_HOOKS["drop"] = drop_stmt


@intrinsic("clone")
def clone(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = node.ty
    loc = comp.place(node.args[0])
    load = comp.load_fn(node.args[0].ty)
    glue = glue_for(comp)
    site = node.site
    pos = node.pos

    def do_clone(fr: Any) -> Any:
        b, i = loc(fr)
        return glue.clone(t, load(b, i), site, pos)
    return do_clone


@intrinsic("box_free")
def box_free(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """Free a Box's block whose contents were moved out (nothing left to drop)."""
    ev = args[0]
    m = comp.m

    def free(fr: Any) -> None:
        p = ev(fr)
        if p is not None:
            m.rust_free(p.block)
    return free


# ---- Rc ---------------------------------------------------------------------------------------


def rcbox_type(t: Type) -> StructType:
    """alloc::rc::RcBox<T>: #[repr(C)] { strong: Cell<usize>, weak: Cell<usize>, value: T }."""
    st = StructType(f"RcBox<{t}>", rust=False)
    st.fields = [("strong", _USIZE), ("weak", _USIZE), ("value", t)]
    return st


@intrinsic("rc_new")
def rc_new(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    pt = node.ty
    assert isinstance(pt, PtrType)
    inner = pt.elem
    rb = rcbox_type(inner)
    m = comp.m
    ev = args[0]
    store = comp.store_fn(inner)
    site = node.site
    pos = node.pos
    label = getattr(site, "text", "Rc::new")

    def new(fr: Any) -> Ptr:
        v = ev(fr)
        b = m.rust_alloc(rb, 1, label, site, pos)
        m.access_w(b.addr, 16)
        m.put(b, 0, [1, 1])
        store(b, 2, v)
        return Ptr(b, 2)
    return new


@intrinsic("rc_clone")
def rc_clone(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    load = comp.load_fn(node.args[0].ty)
    glue = glue_for(comp)
    t = node.ty
    pos = node.pos

    def do_clone(fr: Any) -> Ptr:
        b, i = loc(fr)
        return glue.clone(t, load(b, i), None, pos)
    return do_clone


@intrinsic("rc_strong_count")
def rc_strong_count(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    m = comp.m

    def count(fr: Any) -> int:
        b, i = loc(fr)
        m.access(b.cell_addr(i), 8)
        p = b.cells[i]
        m.access(p.block.addr, 8)
        return p.block.cells[0]
    return count


# ---- Option -----------------------------------------------------------------------------------


@intrinsic("opt_some")
def some(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = node.ty
    assert isinstance(t, OptionType)
    ev = args[0]
    if t.niche_enum:
        return lambda fr: tuple(ev(fr))
    if t.niche:
        return lambda fr: (ev(fr),)
    if scalar(t.inner):
        return lambda fr: (1, ev(fr))
    return lambda fr: (1,) + tuple(ev(fr))


def _opt_type(node: ir.Intrinsic) -> OptionType:
    t = node.args[0].ty
    assert isinstance(t, OptionType), t
    return t


@intrinsic("opt_is_some")
def is_some(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """Reads only the discriminant (the tag, or the niche pointer)."""
    t = _opt_type(node)
    loc = comp.place(node.args[0])
    m = comp.m
    if t.niche:
        from ..memory import NIL_SLICE

        def niche(fr: Any) -> bool:
            b, i = loc(fr)
            m.access(b.cell_addr(i), 8)
            x = b.cells[i]
            return not (x is None or x is NIL_SLICE or x is EMPTY_STR)
        return niche

    def tagged(fr: Any) -> bool:
        b, i = loc(fr)
        m.access(b.cell_addr(i), 1)
        return bool(b.cells[i])
    return tagged


@intrinsic("opt_payload_ref")
def payload_ref(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """A pointer to the Some payload inside an Option place."""
    t = _opt_type(node)
    loc = comp.place(node.args[0])
    off = 0 if t.niche else 1

    def payload(fr: Any) -> Ptr:
        b, i = loc(fr)
        return Ptr(b, i + off)
    return payload


@intrinsic("opt_unwrap")
def unwrap(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = _opt_type(node)
    ev = args[0]
    pos = node.pos

    def do_unwrap(fr: Any) -> Any:
        v = ev(fr)
        if not opt_is_some(t, v):
            raise _panic("called `Option::unwrap()` on a `None` value", pos)
        return opt_payload(t, v)
    return do_unwrap


@intrinsic("opt_expect")
def expect(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = _opt_type(node)
    ev, msg_ev = args
    pos = node.pos

    def do_expect(fr: Any) -> Any:
        v = ev(fr)
        msg = msg_ev(fr)
        if not opt_is_some(t, v):
            raise _panic(msg.text, pos)
        return opt_payload(t, v)
    return do_expect


@intrinsic("opt_unwrap_or")
def unwrap_or(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = _opt_type(node)
    ev, dflt = args
    glue = glue_for(comp)
    inner = t.inner

    def do_unwrap_or(fr: Any) -> Any:
        v = ev(fr)
        d = dflt(fr)
        if opt_is_some(t, v):
            glue.drop(inner, d)
            return opt_payload(t, v)
        return d
    return do_unwrap_or


@intrinsic("opt_take")
def take(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = _opt_type(node)
    loc = comp.place(node.args[0])
    load = comp.load_fn(t)
    store = comp.store_fn(t)
    none = opt_none(t)

    def do_take(fr: Any) -> Any:
        b, i = loc(fr)
        v = load(b, i)
        store(b, i, none)
        return v
    return do_take


# ---- numbers ----------------------------------------------------------------------------------


def _num(node: ir.Intrinsic) -> Type:
    return node.ty


@intrinsic("num_abs")
def num_abs(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = _num(node)
    ev = args[0]
    pos = node.pos
    if isinstance(t, IntType):
        def iabs(fr: Any) -> int:
            v = abs(ev(fr))
            if not t.in_range(v):
                raise _panic("attempt to negate with overflow", pos)
            return v
        return iabs
    return lambda fr: abs(ev(fr))


@intrinsic("num_signum")
def num_signum(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]
    if isinstance(node.ty, IntType):
        return lambda fr: (ev(fr) > 0) - (ev(fr) < 0)
    return lambda fr: math.copysign(1.0, ev(fr)) if not math.isnan(ev(fr)) else math.nan


@intrinsic("num_min")
def num_min(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    a, b = args
    return lambda fr: min(a(fr), b(fr))


@intrinsic("num_max")
def num_max(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    a, b = args
    return lambda fr: max(a(fr), b(fr))


@intrinsic("num_pow")
def num_pow(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = _num(node)
    a, b = args
    pos = node.pos

    def ipow(fr: Any) -> int:
        v = a(fr) ** b(fr)
        if isinstance(t, IntType) and not t.in_range(v):
            raise _panic("attempt to multiply with overflow", pos)
        return v
    return ipow


def _wrapping(op: Any) -> Any:
    def build(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
        t = _num(node)
        a, b = args
        wrap = t.wrap  # type: ignore[union-attr]
        return lambda fr: wrap(op(a(fr), b(fr)))
    return build


intrinsic("num_wrapping_add")(_wrapping(lambda x, y: x + y))
intrinsic("num_wrapping_sub")(_wrapping(lambda x, y: x - y))
intrinsic("num_wrapping_mul")(_wrapping(lambda x, y: x * y))


def _float1(fn: Any) -> Any:
    def build(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
        ev = args[0]
        return lambda fr: fn(ev(fr))
    return build


def _round(x: float) -> float:
    if math.isnan(x) or math.isinf(x):
        return x
    return float(math.floor(x + 0.5)) if x >= 0 else -float(math.floor(-x + 0.5))


def _sqrt(x: float) -> float:
    return math.sqrt(x) if x >= 0 else (math.nan if x < 0 else x)


intrinsic("num_sqrt")(_float1(_sqrt))
intrinsic("num_floor")(_float1(lambda x: float(math.floor(x)) if math.isfinite(x) else x))
intrinsic("num_ceil")(_float1(lambda x: float(math.ceil(x)) if math.isfinite(x) else x))
intrinsic("num_trunc")(_float1(lambda x: float(math.trunc(x)) if math.isfinite(x) else x))
intrinsic("num_round")(_float1(_round))


@intrinsic("num_powi")
def num_powi(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    a, b = args

    def powi(fr: Any) -> float:
        try:
            return float(a(fr) ** b(fr))
        except (OverflowError, ZeroDivisionError):
            return math.inf
    return powi


# ---- panics -----------------------------------------------------------------------------------


@intrinsic("panic")
def panic(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    msg = node.extra
    pos = node.pos

    def do_panic(fr: Any) -> Any:
        raise _panic(msg, pos)
    return do_panic


__all__ = ["drop_stmt", "rcbox_type", "zero_cells", "FloatType"]
