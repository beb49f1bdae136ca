"""Rust drop glue and Clone, with the standard library's order of effects.

Drop (core::ptr::drop_in_place and the std Drop impls):
  * Box<T>: drop the T in place, then free the box's block;
  * Vec<T> / String: drop the elements first to last, then free the buffer
    (nothing to free when the capacity, in bytes, is 0);
  * Rc<T>: decrement the strong count (a cell in the heap block); at zero,
    drop the T, decrement the weak count, and free the block when it reaches 0;
  * structs and tuples: fields in declaration order; arrays: first to last;
  * Option<T>: the payload if Some.
The work runs on an explicit stack, so dropping a 100 000-node
`Option<Box<Node>>` list does not recurse in Python.

Clone (the derived and std impls): Box::clone allocates the new box first
and clones into it; Vec::clone (`<[T]>::to_vec`) allocates exactly `len`
elements first and clones them in order; String::clone allocates exactly
`len` bytes; Rc::clone only increments the strong count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

# the front end decides where drops go with the same test the runtime uses
from ...lang.rust.dyn import DynPtrType
from ...lang.rust.hashmap import HashMapType
from ...lang.rust.refcell import CellType, GuardType, RefCellType
from ...lang.rust.rtypes import IterT, needs_drop
from ...lang.types import (
    ArrayType, IntType, OptionType, PtrType, SliceType, StringType, StructType, TupleType, Type,
)
from ..machine import RunError
from ..shapes import EMPTY_STR, zero_cells
from ..memory import NIL_SLICE, STACK, Block, Ptr, SliceV
from .refcell import release
from .weak import weak_clone, weak_drop

if TYPE_CHECKING:
    from ..compile import Compiler

USIZE = IntType("usize", 8, False)
USIZE_MAX = (1 << 64) - 1
ISIZE_MAX = (1 << 63) - 1

_FREE = 0
_RC_DONE = 1


def scalar(t: Type) -> bool:
    return t.nleaves == 1 and not t.is_aggregate


def members(t: Type) -> list[tuple[int, Type]]:
    """(first leaf, type) of each field of a struct/tuple, or element of an array."""
    out = []
    if isinstance(t, StructType):
        k = 0
        for _, ft in t.fields:
            out.append((k, ft))
            k += ft.nleaves
    elif isinstance(t, TupleType):
        k = 0
        for et in t.elems:
            out.append((k, et))
            k += et.nleaves
    elif isinstance(t, ArrayType):
        n = t.elem.nleaves
        out = [(i * n, t.elem) for i in range(t.length)]
    elif isinstance(t, RefCellType):
        out = [(1, t.inner)]          # after the borrow flag
    elif isinstance(t, CellType):
        out = [(0, t.inner)]
    return out


def part(v: Any, start: int, t: Type) -> Any:
    """The sub-value of type t starting at leaf `start` of the tuple v."""
    if scalar(t):
        return v[start]
    return tuple(v[start:start + t.nleaves])


# ---- Option values ---------------------------------------------------------------------
# An Option is an aggregate: a tuple of leaves. With the null niche (Box, &,
# Rc, Vec, String, &str, &[T]) it is one leaf and None is the zero value of
# that leaf: None (pointers), NIL_SLICE (the identical object: an empty Vec is
# a fresh SliceV, never NIL_SLICE itself) or EMPTY_STR. Otherwise leaf 0 is
# the tag (0 None, 1 Some).


def opt_is_some(t: OptionType, v: Any) -> bool:
    if t.niche:
        x = v[0]
        return not (x is None or x is NIL_SLICE or x is EMPTY_STR)
    return bool(v[0])


def opt_payload(t: OptionType, v: Any) -> Any:
    if t.niche_enum:
        return v
    if t.niche:
        return v[0]
    inner = t.inner
    if scalar(inner):
        return v[1]
    return tuple(v[1:])


def opt_some(t: OptionType, x: Any) -> tuple:
    if t.niche_enum:
        return tuple(x)
    if t.niche:
        return (x,)
    if scalar(t.inner):
        return (1, x)
    return (1,) + tuple(x)


def opt_none(t: OptionType) -> tuple:
    return zero_cells(t)


class Glue:
    """Drop and clone for one compiled program."""

    def __init__(self, comp: "Compiler") -> None:
        self.comp = comp
        self.m = comp.m
        self._loads: dict[Type, Callable[[Block, int], Any]] = {}

    def load(self, t: Type) -> Callable[[Block, int], Any]:
        f = self._loads.get(t)
        if f is None:
            f = self._loads[t] = self.comp.load_fn(t)
        return f

    # ---- drop ------------------------------------------------------------------------------

    def drop(self, t: Type, v: Any, b: Block | None = None, i: int = 0) -> None:
        """Drop the value v of type t (already read from its place, cell i of
        block b when known: a user `Drop::drop` gets `&mut` to it there)."""
        if not needs_drop(t):
            return
        m = self.m
        work: list[Any] = [(t, v, b, i)]
        pop = work.pop
        push = work.append
        while work:
            item = pop()
            kind = item[0]
            if kind is _FREE:
                m.rust_free(item[1])
                continue
            if kind is _RC_DONE:
                b = item[1]
                # the implicit weak reference held by the strong ones
                m.access(b.addr + 8, 8)
                weak = b.cells[1] - 1
                self._set(b, 1, weak)
                m.access_w(b.addr + 8, 8)
                if weak == 0:
                    m.rust_free(b)
                continue
            t, v, vb, vi = item
            if isinstance(t, GuardType):
                release(self.comp, v, t.flavor == "mut")
                continue
            if isinstance(t, IterT):
                v.finish()  # (sim/rust/pipeline.py)
                continue
            if isinstance(t, PtrType):
                if v is None:
                    continue
                b = v.block
                if t.flavor == "weak":
                    weak_drop(self.comp, v)
                    continue
                if t.flavor == "box":
                    push((_FREE, b))
                    if needs_drop(t.elem):
                        push((t.elem, self.load(t.elem)(b, v.index), b, v.index))
                    continue
                if t.flavor == "rc":
                    m.access(b.addr, 8)
                    strong = b.cells[0] - 1
                    self._set(b, 0, strong)
                    m.access_w(b.addr, 8)
                    if strong == 0:
                        push((_RC_DONE, b))
                        if needs_drop(t.elem):
                            push((t.elem, self.load(t.elem)(b, v.index), b, v.index))
                    continue
                continue
            if isinstance(t, SliceType):
                if v is None or v is NIL_SLICE:
                    continue
                b = v.block
                if b is None:
                    continue
                if t.flavor == "vec" and needs_drop(t.elem):
                    et = t.elem
                    if isinstance(et, PtrType) and et.flavor == "box" and not needs_drop(et.elem):
                        # Vec<Box<T>> of plain T: each element read, its box freed, then the buffer
                        cells = b.cells
                        acc = m.access
                        free = m.rust_free
                        addr = b.addr
                        for k in range(v.start, v.start + v.length):
                            acc(addr + k * 8, 8)
                            p = cells[k]
                            if p is not None:
                                free(p.block)
                        m.rust_free(b)
                        continue
                    push((_FREE, b))
                    ld = self.load(et)
                    nl = et.nleaves
                    start = v.start
                    for k in range(v.length - 1, -1, -1):
                        push((et, ld(b, start + k * nl), b, start + k * nl))
                    continue
                m.rust_free(b)
                continue
            if isinstance(t, HashMapType):
                if v.table is not None:
                    push((_FREE, v.table))
                    if needs_drop(t.inner):
                        for p in reversed(_map_slots(self.load, t, v)):
                            push(p)
                continue
            if isinstance(t, OptionType):
                if opt_is_some(t, v):
                    push((t.inner, opt_payload(t, v), vb, vi + (0 if t.niche else 1)))
                continue
            if isinstance(t, DynPtrType):
                # Box<dyn Trait>: the vtable's drop_in_place, then the box freed with its size
                data, vt = v
                if t.flavor == "box" and data is not None:
                    push((PtrType(vt.block.info, "box"), data, None, 0))
                continue
            if isinstance(t, (StructType, TupleType, ArrayType, RefCellType, CellType)):
                if isinstance(t, StructType) and getattr(t, "drop_func", None) is not None:
                    # drop_in_place: the user's Drop::drop(&mut value), then the fields
                    vb, vi = self.user_drop(t, v, vb, vi)
                    v = self.load(t)(vb, vi)
                parts = [(ft, part(v, start, ft), vb, vi + start)
                         for start, ft in members(t) if needs_drop(ft)]
                for p in reversed(parts):
                    push(p)
                continue

    def user_drop(self, t: StructType, v: Any, b: Block | None, i: int) -> tuple[Block, int]:
        """Call `<T as Drop>::drop(&mut *place)`; a value without a place (one
        the runtime already took out of its container) gets a temporary."""
        m = self.m
        if b is None:
            b = m.new_block(t, 1, STACK, "temporary", m.sp)
            b.cells[:] = list(v) if isinstance(v, tuple) else [v]
            i = 0
        comp = self.comp
        code = comp.codes[id(t.drop_func)]  # type: ignore[attr-defined]
        inv = getattr(code, "_invoke", None)
        if inv is None:
            inv = comp.invoker(code)
            code._invoke = inv  # type: ignore[attr-defined]
        inv([Ptr(b, i)], None)
        return b, i

    def _set(self, b: Block, i: int, v: Any) -> None:
        rec = self.m.rec
        if rec is not None:
            rec.write(b, i, b.cells[i], v)
        b.cells[i] = v

    def drop_elems(self, et: Type, b: Block | None, start: int, lo: int, hi: int) -> None:
        """Drop elements lo..hi of a buffer, first to last."""
        if b is None or not needs_drop(et) or hi <= lo:
            return
        ld = self.load(et)
        nl = et.nleaves
        for k in range(lo, hi):
            self.drop(et, ld(b, start + k * nl), b, start + k * nl)

    # ---- clone ------------------------------------------------------------------------------

    def clone(self, t: Type, v: Any, site: Any, pos: Any) -> Any:
        m = self.m
        if isinstance(t, PtrType):
            if t.flavor in ("ref", "mut") or v is None:
                return v
            if t.flavor == "weak":
                return weak_clone(self.comp, v)
            if t.flavor == "rc":
                b = v.block
                m.access(b.addr, 8)
                strong = b.cells[0] + 1
                if strong > ISIZE_MAX:
                    raise RunError("fatal runtime error: Rc strong count overflow", pos)
                self._set(b, 0, strong)
                m.access_w(b.addr, 8)
                return v
            # Box::clone: the new block first, then the value cloned into it
            et = t.elem
            nb = m.rust_alloc(et, 1, getattr(site, "text", "clone"), site, pos)
            inner = self.load(et)(v.block, v.index)
            cv = self.clone(et, inner, site, pos)
            self.comp.store_fn(et)(nb, 0, cv)
            return Ptr(nb, 0)
        if isinstance(t, SliceType):
            if t.flavor == "ref":
                return v
            et = t.elem
            n = v.length
            if et.size == 0:
                return SliceV(None, 0, n, USIZE_MAX)
            if n == 0:
                return SliceV(None, 0, 0, 0)
            nb = m.rust_alloc(et, n, getattr(site, "text", "clone"), site, pos)
            nl = et.nleaves
            src = v.block
            if not needs_drop(et):
                # a Copy element type: one memcpy
                m.access(src.cell_addr(v.start), n * et.size)
                m.access_w(nb.addr, n * et.size)
                vals = src.cells[v.start:v.start + n * nl]
                m.put(nb, 0, list(vals))
            else:
                ld = self.load(et)
                st = self.comp.store_fn(et)
                for k in range(n):
                    x = ld(src, v.start + k * nl)
                    st(nb, k * nl, self.clone(et, x, site, pos))
            return SliceV(nb, 0, n, n)
        if isinstance(t, OptionType):
            if not opt_is_some(t, v):
                return v
            return opt_some(t, self.clone(t.inner, opt_payload(t, v), site, pos))
        if isinstance(t, RefCellType):
            # RefCell::clone: a fresh flag and a clone of the value
            inner = self.clone(t.inner, part(v, 1, t.inner), site, pos)
            return (0,) + (tuple(inner) if not scalar(t.inner) else (inner,))
        if isinstance(t, (StructType, TupleType, ArrayType, CellType)):
            if not needs_drop(t):
                return v
            out: list[Any] = []
            for start, ft in members(t):
                c = self.clone(ft, part(v, start, ft), site, pos)
                if scalar(ft):
                    out.append(c)
                else:
                    out.extend(c)
            return tuple(out)
        return v


def glue_for(comp: "Compiler") -> Glue:
    g = getattr(comp, "_rust_glue", None)
    if g is None:
        g = Glue(comp)
        comp._rust_glue = g  # type: ignore[attr-defined]
    return g


__all__ = ["Glue", "glue_for", "needs_drop", "opt_is_some", "opt_payload", "opt_some", "opt_none",
           "USIZE_MAX", "members", "part", "scalar", "StringType"]


def _map_slots(load: Callable[[Type], Any], t: HashMapType, mv: Any) -> list[tuple[Type, Any, Block, int]]:
    """The slots a dropped map drops, in table order (hashbrown's drop_elements)."""
    if mv.table is None or not mv.index:
        return []
    kv = t.inner
    nl = kv.nleaves
    ld = load(kv)
    return [(kv, ld(mv.table, s * nl), mv.table, s * nl) for s in sorted(mv.index.values())]
