"""Consumers of an iterator pipeline (sim/rust/pipeline.py), and `for` over one.

Allocation follows library/alloc/src/vec/spec_from_iter_nested.rs and
spec_extend.rs:

  * collect, TrustedLen (no filter in the chain): `Vec::with_capacity(upper)`
    once, before the first item;
  * collect, otherwise: nothing until the first item, then capacity
    max(MIN_NON_ZERO_CAP, lower + 1) from the hint *after* that item, then
    `extend_desugared`: whenever the Vec is full, `reserve(lower + 1)`;
  * collect from a `vec::IntoIter` through map/filter/take/skip/enumerate into
    an element of the same alignment and no larger size: in place (see
    iters.py), the source's buffer becomes the result;
  * `Vec::extend`: TrustedLen reserves the upper bound once, else as
    `extend_desugared`.

Short-circuiting consumers (any, all, find, position) stop pulling at the
answer; the pipeline is then dropped, which drops what a `vec::IntoIter`
source still owns. max/min keep the last maximum / first minimum
(`Iterator::max_by`/`min_by`) and drop the others.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.rust.iterobj import ConsumeSpec
from ...lang.types import CharType, IntType, OptionType, PtrType, SliceType, Type
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import Ptr, SliceV
from .glue import USIZE_MAX, glue_for, opt_none, opt_some
from .iters import _adopt, _view, declare_loop_var
from .pipeline import (
    END, EnumerateP, FilterMapP, FilterP, MapP, Pipe, SkipP, SkipWhileP, TakeP, TakeWhileP, VecIntoSrc,
    dropper, with_ref,
)
from .vec import grow_amortized, min_non_zero_cap, site_label

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


def _key(comp: "Compiler", t: Type) -> Any:
    """The comparison key of an item for max/min (through references)."""
    if isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
        inner = _key(comp, t.elem)
        ld = comp.load_fn(t.elem)
        return lambda p: inner(ld(p.block, p.index))
    return lambda v: v


@intrinsic("iter_consume")
def iter_consume(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    spec: ConsumeSpec = node.extra
    term = spec.terminal
    pipe_ev = args[0]
    rest = args[1:]
    item = spec.item
    pos = node.pos
    call = comp.call_funcv
    drop = dropper(comp, item)
    rt = spec.result

    def run(body: Any) -> Any:
        def go(fr: Any) -> Any:
            p: Pipe = pipe_ev(fr)
            ops = [a(fr) for a in rest]
            try:
                return body(p, ops)
            finally:
                p.finish()
        return go

    if term == "count":
        def count(p: Pipe, ops: list[Any]) -> int:
            n = 0
            while (x := p.next()) is not END:
                if drop is not None:
                    drop(x)
                n += 1
            return n
        return run(count)
    if term in ("sum", "product"):
        # Sum/Product for integers (checked, as a debug build) and floats
        deref = isinstance(item, PtrType)
        ld = comp.load_fn(item.elem) if deref else None  # type: ignore[union-attr]
        is_int = isinstance(rt, IntType)
        op, unit, verb = (operator.add, 0, "add") if term == "sum" else (operator.mul, 1, "multiply")

        def fold_all(p: Pipe, ops: list[Any]) -> Any:
            acc: Any = unit if is_int else float(unit)
            while (x := p.next()) is not END:
                if ld is not None:
                    x = ld(x.block, x.index)
                acc = op(acc, x)
                if is_int and not rt.in_range(acc):  # type: ignore[union-attr]
                    raise RunError(f"thread 'main' panicked: attempt to {verb} with overflow", pos)
            return acc
        return run(fold_all)
    if term == "fold":
        def fold(p: Pipe, ops: list[Any]) -> Any:
            acc, f = ops
            while (x := p.next()) is not END:
                acc = call(f, [acc, x])
            return acc
        return run(fold)
    if term == "for_each":
        def for_each(p: Pipe, ops: list[Any]) -> Any:
            f = ops[0]
            while (x := p.next()) is not END:
                call(f, [x])
            return ()
        return run(for_each)
    if term in ("any", "all"):
        want = term == "any"

        def any_all(p: Pipe, ops: list[Any]) -> bool:
            f = ops[0]
            while (x := p.next()) is not END:
                if bool(call(f, [x])) == want:
                    return want
            return not want
        return run(any_all)
    ot = rt
    if term == "position":
        assert isinstance(ot, OptionType)

        def position(p: Pipe, ops: list[Any]) -> Any:
            f = ops[0]
            i = 0
            while (x := p.next()) is not END:
                if call(f, [x]):
                    return opt_some(ot, i)
                i += 1
            return opt_none(ot)
        return run(position)
    if term == "find":
        assert isinstance(ot, OptionType)
        ref = with_ref(comp, item)

        def find(p: Pipe, ops: list[Any]) -> Any:
            f = ops[0]
            while (x := p.next()) is not END:
                if ref(x, lambda r: call(f, [r])):
                    return opt_some(ot, x)
                if drop is not None:
                    drop(x)
            return opt_none(ot)
        return run(find)
    if term in ("max_by_key", "min_by_key"):
        assert isinstance(ot, OptionType)
        ref = with_ref(comp, item)
        kt = node.args[1].ty.results[0]  # type: ignore[attr-defined]
        kkey = _key(comp, kt)
        is_max = term == "max_by_key"

        def best_by(p: Pipe, ops: list[Any]) -> Any:
            f = ops[0]
            cur = p.next()
            if cur is END:
                return opt_none(ot)
            ck = kkey(ref(cur, lambda r: call(f, [r])))
            while (x := p.next()) is not END:
                xk = kkey(ref(x, lambda r: call(f, [r])))
                if (xk >= ck) if is_max else (xk < ck):
                    cur, x, ck = x, cur, xk
                if drop is not None:
                    drop(x)
            return opt_some(ot, cur)
        return run(best_by)
    if term in ("max", "min", "last"):
        assert isinstance(ot, OptionType)
        key = _key(comp, item)

        def best(p: Pipe, ops: list[Any]) -> Any:
            cur = p.next()
            if cur is END:
                return opt_none(ot)
            while (x := p.next()) is not END:
                if term == "last" or (key(x) >= key(cur) if term == "max" else key(x) < key(cur)):
                    cur, x = x, cur
                if drop is not None:
                    drop(x)
            return opt_some(ot, cur)
        return run(best)
    if term == "collect":
        return _collect(comp, node, spec, args)
    if term == "collect_string":
        return _collect_string(comp, node, spec, args)
    raise RunError(f"internal error: iterator consumer {term}", pos)


def _collect(comp: "Compiler", node: ir.Intrinsic, spec: ConsumeSpec, args: list["Exec"]) -> "Exec":
    m = comp.m
    vt = spec.result
    assert isinstance(vt, SliceType)
    elem = vt.elem
    nl = elem.nleaves
    store = comp.store_fn(elem)
    site = node.site
    label = site_label(site, "collect")
    zst = elem.size == 0
    pos = node.pos
    pipe_ev = args[0]
    min_cap = min_non_zero_cap(elem)

    def collect(fr: Any) -> SliceV:
        p: Pipe = pipe_ev(fr)
        try:
            if spec.in_place or (spec.maybe_in_place and _in_place_ok(p, elem)):
                return _in_place(comp, p, elem, store)
            if zst:
                n = 0
                while p.next() is not END:
                    n += 1
                return SliceV(None, 0, n, USIZE_MAX)
            if p.trusted:
                hi = p.hint()[1]
                assert hi is not None
                blk = m.rust_alloc(elem, hi, label, site, pos) if hi else None
                k = 0
                while (x := p.next()) is not END:
                    store(blk, k * nl, x)  # type: ignore[arg-type]
                    k += 1
                return SliceV(blk, 0, k, hi)
            x = p.next()
            if x is END:
                return SliceV(None, 0, 0, 0)
            cap = max(min_cap, p.hint()[0] + 1)
            blk = m.rust_alloc(elem, cap, label, site, pos)
            store(blk, 0, x)
            k = 1
            while (x := p.next()) is not END:
                if k == cap:
                    cap = grow_amortized(k, p.hint()[0] + 1, cap, elem, pos)
                    blk = m.rust_realloc(blk, cap, pos)
                store(blk, k * nl, x)
                k += 1
            return SliceV(blk, 0, k, cap)
        finally:
            p.finish()
    return collect


_IN_PLACE_STAGES = (MapP, FilterP, TakeP, SkipP, EnumerateP, TakeWhileP, SkipWhileP, FilterMapP)


def _in_place_ok(p: Pipe, elem: Type) -> bool:
    """An owning chain (vec::IntoIter through in-place-iterable adapters) into
    an element of the same alignment and no larger size."""
    while isinstance(p, _IN_PLACE_STAGES):
        p = p.inner
    if not isinstance(p, VecIntoSrc):
        return False
    se = p.et
    return se.size > 0 and elem.size > 0 and se.align == elem.align and se.size >= elem.size


def _in_place(comp: "Compiler", p: Pipe, elem: Type, store: Any) -> SliceV:
    """Collect into the source vec::IntoIter's own buffer."""
    m = comp.m
    src = p
    while not hasattr(src, "sv"):
        src = src.inner  # type: ignore[attr-defined]
    sv = src.sv  # type: ignore[attr-defined]
    src_t: Type = src.et  # type: ignore[attr-defined]
    blk, src_cap = sv.block, sv.cap
    if blk is None or src_cap == 0:
        while p.next() is not END:
            pass
        return SliceV(None, 0, 0, 0)
    size, src_size = elem.size, src_t.size
    dst_cap = src_cap * src_size // size
    same = src_t == elem
    dst = blk if same else _view(m, blk, elem, dst_cap)
    nl = elem.nleaves
    w = 0
    while (x := p.next()) is not END:
        store(dst, w * nl, x)
        w += 1
    # the rest of the source is dropped; its buffer now belongs to the result
    glue_for(comp).drop_elems(src_t, blk, sv.start, src.i, src.j)  # type: ignore[attr-defined]
    src.done = True  # type: ignore[attr-defined]
    if not same:
        _adopt(m, blk, dst)
    if src_size > size and src_cap * src_size != dst_cap * size:
        dst = m.rust_realloc(dst, dst_cap, None)
    return SliceV(dst, 0, w, dst_cap)


def _collect_string(comp: "Compiler", node: ir.Intrinsic, spec: ConsumeSpec, args: list["Exec"]) -> "Exec":
    """String's FromIterator (library/alloc/src/string.rs): chars: reserve(lower
    hint), then `push` each (one byte: Vec::push; more: extend_from_slice);
    &str: push_str each; String: the first one's buffer, push_str the rest
    (each dropped after)."""
    from .vec import _U8, _append_bytes, _ops, str_bytes
    ops = _ops(comp)
    m = comp.m
    site = node.site
    pos = node.pos
    item = spec.item
    is_char = isinstance(item, CharType) or (isinstance(item, PtrType) and isinstance(item.elem, CharType))
    deref = isinstance(item, PtrType) and is_char
    ld = comp.load_fn(item.elem) if deref else None  # type: ignore[union-attr]
    owned = isinstance(item, SliceType)
    drop = dropper(comp, item)
    pipe_ev = args[0]

    def push_bytes(sv: SliceV, data: bytes) -> SliceV:
        if not data:
            return sv
        if len(data) == 1:
            if sv.cap == sv.length:
                sv = ops.grow_to(sv, grow_amortized(sv.length, 1, sv.cap, _U8, pos), _U8, site, pos)
        else:
            sv = ops.reserve(sv, len(data), _U8, site, pos)
        return _append_bytes(m, sv, data)

    def collect(fr: Any) -> SliceV:
        p: Pipe = pipe_ev(fr)
        try:
            sv = SliceV(None, 0, 0, 0)
            if is_char:
                lo = p.hint()[0]
                if lo:
                    sv = ops.reserve(sv, lo, _U8, site, pos)
                while (c := p.next()) is not END:
                    if ld is not None:
                        c = ld(c.block, c.index)
                    sv = push_bytes(sv, c.encode("utf-8"))
                return sv
            if owned:
                first = p.next()
                if first is END:
                    return sv
                sv = first
            while (x := p.next()) is not END:
                data = str_bytes(x)
                if data:
                    sv = _append_bytes(m, ops.reserve(sv, len(data), _U8, site, pos), data)
                if owned and drop is not None:
                    drop(x)
            return sv
        finally:
            p.finish()
    return collect


@intrinsic("iter_next")
def iter_next(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """One `next()` of a `for` loop over a pipeline held in a hidden variable."""
    p_loc = comp.place(node.args[0])
    p_load = comp.load_fn(node.args[0].ty)
    item_loc = comp.place(node.args[1])
    item_store = comp.store_fn(node.args[1].ty)
    decl = declare_loop_var(comp, node.args[1])

    def next_item(fr: Any) -> bool:
        p: Pipe = p_load(*p_loc(fr))
        x = p.next()
        if x is END:
            return False
        if decl is not None:
            decl(fr)
        item_store(*item_loc(fr), x)
        return True
    return next_item


@intrinsic("iter_next_value")
def iter_next_value(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`it.next()`: one item of the pipeline held in a variable, as an Option."""
    loc = comp.place(node.args[0])
    load = comp.load_fn(node.args[0].ty)
    ot = node.ty
    assert isinstance(ot, OptionType)

    def next_value(fr: Any) -> Any:
        p: Pipe = load(*loc(fr))
        x = p.next()
        return opt_none(ot) if x is END else opt_some(ot, x)
    return next_value


@intrinsic("vec_extend")
def vec_extend(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`Vec::extend(iter)`: TrustedLen reserves the upper bound once
    (extend_trusted), anything else grows as extend_desugared does."""
    from .vec import VecOps
    ops = VecOps(comp)
    loc = comp.place(node.args[0])
    vt = node.args[0].ty
    assert isinstance(vt, SliceType)
    elem = vt.elem
    nl = elem.nleaves
    store = comp.store_fn(elem)
    m = comp.m
    pos = node.pos
    pipe_ev = args[1]
    copy_ref = node.extra == "deref"
    ld = comp.load_fn(elem)
    label = site_label(node.site, "extend")

    def reserve(sv: SliceV, n: int, additional: int) -> SliceV:
        if sv.cap - n >= additional or elem.size == 0:
            return sv
        cap = grow_amortized(n, additional, sv.cap, elem, pos)
        if sv.block is None or sv.cap == 0:
            blk = m.rust_alloc(elem, cap, label, node.site, pos)
        else:
            blk = m.rust_realloc(sv.block, cap, pos)
        return SliceV(blk, 0, n, cap)

    def extend(fr: Any) -> tuple:
        p: Pipe = pipe_ev(fr)
        try:
            b, i = loc(fr)
            sv = ops.read_header(b, i)
            n = sv.length
            if p.trusted:
                sv = reserve(sv, n, p.hint()[1] or 0)
            while (x := p.next()) is not END:
                if copy_ref:
                    x = ld(x.block, x.index)
                if n == sv.cap and elem.size:
                    sv = reserve(sv, n, p.hint()[0] + 1)
                if elem.size:
                    store(sv.block, (sv.start + n) * nl if False else n * nl, x)
                n += 1
                sv = SliceV(sv.block, 0, n, sv.cap if elem.size else USIZE_MAX)
            ops.write_header(b, i, SliceV(sv.block, 0, n, sv.cap))
        finally:
            p.finish()
        return ()
    return extend


__all__ = ["iter_consume", "iter_next", "vec_extend", "Ptr"]
