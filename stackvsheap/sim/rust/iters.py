"""Iterator chains: a source, `map`/`filter` adapters, and `sum`/`count`/`collect`.

Adapters are lazy in Rust: nothing is allocated until a consumer pulls the
items one by one. `collect` into a Vec allocates as `Vec`'s `FromIterator`
specialisations do (library/alloc/src/vec/spec_from_iter*.rs, in_place_collect.rs):

  * `vec::IntoIter` + map/filter into an element of the same alignment and
    no larger size: the source buffer is reused in place (no allocation;
    filtered-out items are dropped as they are rejected);
  * a TrustedLen chain (ranges, slice and Vec iterators, map): one exact
    allocation before the first item is produced;
  * otherwise (filter): nothing until the first item is kept, then
    max(MIN_NON_ZERO_CAP, lower size hint + 1) = MIN_NON_ZERO_CAP, then
    `grow_amortized` by realloc whenever the Vec is full.

A consumed `vec::IntoIter` frees its buffer when the consumer finishes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ...lang import ir
from ...lang.types import ArrayType, IntType, PtrType, SliceType, Type
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import HEAP, STACK, Block, Ptr, SliceV
from .glue import USIZE_MAX, glue_for, needs_drop, scalar
from .vec import grow_amortized, min_non_zero_cap, site_label

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


@intrinsic("iter_chain")
def iter_chain(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    spec = node.extra
    m = comp.m
    glue = glue_for(comp)
    source = spec.source
    nsrc = 2 if source in ("range", "range_incl") else 1
    src_args = args[:nsrc]
    fn_args = args[nsrc:]
    kinds = spec.adapters
    items_t = spec.items
    pos = node.pos
    site = node.site
    call = comp.call_funcv
    src_elem: Type = spec.src_elem
    src_load = comp.load_fn(src_elem) if source in ("into_iter",) else None
    # a stack slot for `&item` passed to filter's predicate
    scratch_types = [items_t[k] for k, kd in enumerate(kinds) if kd == "filter"]
    place_fn = comp.place(node.args[0]) if source == "borrow" else None
    src_nl = src_elem.nleaves

    def items(fr: Any, state: dict[str, Any]) -> Iterator[Any]:
        """The source's items, in order."""
        if source == "range" or source == "range_incl":
            lo = src_args[0](fr)
            hi = src_args[1](fr)
            if source == "range_incl":
                hi += 1
            return iter(range(lo, hi))
        if source == "borrow":
            b, i = place_fn(fr)  # type: ignore[misc]
            if spec.borrow_kind == "array":
                n = spec.array_len
                blk, start = b, i
            else:
                m.access(b.cell_addr(i), 16)
                sv = b.cells[i]
                blk, start, n = sv.block, sv.start, sv.length
            nl = src_nl
            return (Ptr(blk, start + k * nl) for k in range(n))
        if source == "into_iter":
            sv = src_args[0](fr)
            state["vec"] = sv
            blk = sv.block
            ld = src_load
            nl = src_nl
            if blk is None:
                return iter([() for _ in range(sv.length)] if src_elem.size == 0 else [])

            def gen() -> Iterator[Any]:
                for k in range(sv.length):
                    state["taken"] = k + 1
                    yield ld(blk, k * nl)  # type: ignore[misc]
            return gen()
        if source == "array_into_iter":
            v = src_args[0](fr)
            n = spec.array_len
            et = src_elem
            if scalar(et):
                return iter(v)
            nl = et.nleaves
            return (tuple(v[k * nl:(k + 1) * nl]) for k in range(n))
        raise RunError(f"internal error: iterator source {source}", pos)

    def exact_len(fr: Any, state: dict[str, Any], it_args: tuple) -> int:
        return 0

    def run_adapters(fr: Any, closures: list[Any], scratch: list[Block]) -> Any:
        """A function mapping an item through the adapters; returns _SKIP
        for items a filter rejected (after dropping them)."""
        steps = list(zip(kinds, closures, items_t))
        if not steps:
            return None
        if len(steps) == 1 and steps[0][0] == "map":
            f = steps[0][1]
            code = f.func
            inv = getattr(code, "_invoke", None)
            if inv is None:
                inv = comp.invoker(code)
                code._invoke = inv
            env = f.env
            return lambda x: inv([x], env)
        stores = {}
        for k, (kd, f, t) in enumerate(steps):
            if kd == "filter":
                stores[k] = comp.store_fn(t)

        def apply(x: Any) -> Any:
            si = 0
            for k, (kd, f, t) in enumerate(steps):
                if kd == "map":
                    x = call(f, [x])
                else:
                    blk = scratch[si]
                    si += 1
                    stores[k](blk, 0, x)
                    if not call(f, [Ptr(blk, 0)]):
                        if needs_drop(t):
                            glue.drop(t, x)
                        return _SKIP
            return x
        return apply

    def with_scratch(fr: Any) -> list[Block]:
        out = []
        for t in scratch_types:
            size = (t.size + 15) & ~15
            m.sp -= size
            out.append(m.new_block(t, 1, STACK, "iterator item", m.sp))
        return out

    def release(scratch: list[Block]) -> None:
        for b in scratch:
            m.sp += (b.size + 15) & ~15
            b.alive = False

    def finish_source(state: dict[str, Any], reused: bool) -> None:
        """Drop what a vec::IntoIter did not yield, then free its buffer."""
        sv = state.get("vec")
        if sv is None:
            return
        taken = state.get("taken", sv.length)
        if sv.block is not None:
            glue.drop_elems(src_elem, sv.block, sv.start, taken, sv.length)
            if not reused and sv.cap and src_elem.size:
                m.rust_free(sv.block)

    terminal = spec.terminal
    result_t = spec.result
    last_item = items_t[-1]

    if terminal == "count":
        def count(fr: Any) -> int:
            state: dict[str, Any] = {}
            src = items(fr, state)
            closures = [f(fr) for f in fn_args]
            scratch = with_scratch(fr)
            try:
                ap = run_adapters(fr, closures, scratch)
                n = 0
                if ap is None:
                    for x in src:
                        if needs_drop(last_item):
                            glue.drop(last_item, x)
                        n += 1
                else:
                    for x in src:
                        y = ap(x)
                        if y is _SKIP:
                            continue
                        if needs_drop(last_item):
                            glue.drop(last_item, y)
                        n += 1
            finally:
                release(scratch)
            finish_source(state, False)
            return n
        return count

    if terminal == "sum":
        rt = result_t
        deref = isinstance(last_item, PtrType)
        inner = last_item.elem if deref else last_item  # type: ignore[union-attr]
        ld = comp.load_fn(inner)
        is_int = isinstance(rt, IntType)

        def total(fr: Any) -> Any:
            state: dict[str, Any] = {}
            src = items(fr, state)
            closures = [f(fr) for f in fn_args]
            scratch = with_scratch(fr)
            acc: Any = 0 if is_int else 0.0
            try:
                ap = run_adapters(fr, closures, scratch)
                for x in src:
                    if ap is not None:
                        x = ap(x)
                        if x is _SKIP:
                            continue
                    if deref:
                        x = ld(x.block, x.index)
                    acc = acc + x
                    if is_int and not rt.in_range(acc):  # type: ignore[union-attr]
                        raise RunError("thread 'main' panicked: attempt to add with overflow", pos)
            finally:
                release(scratch)
            finish_source(state, False)
            return acc
        return total

    # ---- collect ----
    assert terminal == "collect"
    vt = result_t
    assert isinstance(vt, SliceType)
    elem = vt.elem
    nl = elem.nleaves
    size = elem.size
    store = comp.store_fn(elem)
    label = site_label(site, "collect")
    zst = size == 0
    min_cap = min_non_zero_cap(elem)

    if spec.in_place:
        src_size = src_elem.size
        same = src_elem == elem

        def collect_in_place(fr: Any) -> SliceV:
            state: dict[str, Any] = {}
            src = items(fr, state)
            closures = [f(fr) for f in fn_args]
            sv = state["vec"]
            blk = sv.block
            src_cap = sv.cap
            if blk is None or src_cap == 0:
                for x in src:  # (empty)
                    pass
                return SliceV(None, 0, 0, 0)
            dst_cap = src_cap * src_size // size
            # the destination elements are written over the source ones, in
            # the same memory: a second view of the block with their layout
            dst = blk if same else _view(m, blk, elem, dst_cap)
            scratch = with_scratch(fr)
            w = 0
            try:
                ap = run_adapters(fr, closures, scratch)
                for x in src:
                    if ap is not None:
                        x = ap(x)
                        if x is _SKIP:
                            continue
                    store(dst, w * nl, x)
                    w += 1
            finally:
                release(scratch)
            finish_source(state, True)
            if not same:
                _adopt(m, blk, dst)
            if src_size > size and src_cap * src_size != dst_cap * size:
                dst = m.rust_realloc(dst, dst_cap, pos)
            return SliceV(dst, 0, w, dst_cap)
        return collect_in_place

    if spec.trusted_len:
        direct = m.rec is None and nl == 1 and not elem.is_aggregate

        def collect_exact(fr: Any) -> SliceV:
            state: dict[str, Any] = {}
            if source in ("range", "range_incl"):
                lo = src_args[0](fr)
                hi = src_args[1](fr)
                n = max(0, hi - lo + (1 if source == "range_incl" else 0))
                src: Iterator[Any] = iter(range(lo, lo + n))
            else:
                src = items(fr, state)
                if source == "borrow":
                    src = list(src)  # type: ignore[assignment]
                    n = len(src)  # type: ignore[arg-type]
                    src = iter(src)  # type: ignore[arg-type]
                elif source == "into_iter":
                    n = state["vec"].length
                else:
                    n = spec.array_len
            closures = [f(fr) for f in fn_args]
            if zst:
                blk = None
            elif n:
                blk = m.rust_alloc(elem, n, label, site, pos)
            else:
                blk = None
            scratch = with_scratch(fr)
            k = 0
            try:
                ap = run_adapters(fr, closures, scratch)
                if zst:
                    for x in src:
                        if ap is not None:
                            ap(x)
                        k += 1
                elif ap is None:
                    for x in src:
                        store(blk, k, x)
                        k += nl
                    k //= nl
                elif direct and blk is not None:
                    # scalar items into the one-leaf buffer: store1, inlined
                    acc_w = m.access_w
                    cells = blk.cells
                    addr = blk.addr
                    for x in src:
                        v = ap(x)
                        acc_w(addr + k * size, size)
                        cells[k] = v
                        k += 1
                else:
                    for x in src:
                        store(blk, k, ap(x))
                        k += nl
                    k //= nl
            finally:
                release(scratch)
            finish_source(state, False)
            return SliceV(blk, 0, k, USIZE_MAX if zst else n)
        return collect_exact

    def collect_grow(fr: Any) -> SliceV:
        state: dict[str, Any] = {}
        src = items(fr, state)
        closures = [f(fr) for f in fn_args]
        scratch = with_scratch(fr)
        blk: Block | None = None
        cap = 0
        k = 0
        try:
            ap = run_adapters(fr, closures, scratch)
            for x in src:
                if ap is not None:
                    x = ap(x)
                    if x is _SKIP:
                        continue
                if zst:
                    k += 1
                    continue
                if blk is None:
                    cap = max(min_cap, 1)
                    blk = m.rust_alloc(elem, cap, label, site, pos)
                elif k == cap:
                    cap = grow_amortized(k, 1, cap, elem, pos)
                    blk = m.rust_realloc(blk, cap, pos)
                store(blk, k * nl, x)
                k += 1
        finally:
            release(scratch)
        finish_source(state, False)
        return SliceV(blk, 0, k, USIZE_MAX if zst else cap)
    return collect_grow


class _Skip:
    __repr__ = lambda self: "<skip>"  # noqa: E731


_SKIP = _Skip()


def _view(m: Any, b: Block, elem: Type, count: int) -> Block:
    """The heap memory of `b` seen as `count` elements of `elem` (in-place
    collect into another element type of the same alignment)."""
    nb = m.new_block(elem, count, HEAP, b.label, b.addr)
    nb.info = b.info
    nb.size = b.size  # the allocation is still the source's until a realloc
    return nb


def _adopt(m: Any, old: Block, new: Block) -> None:
    """`new` (a view of old's memory) now owns the allocation."""
    old.alive = False


# ---- `for` loops: one `next()` per iteration ------------------------------------------------
# Each writes the item into the loop's variable and advances the iterator's
# state (a hidden index); false when the iterator is exhausted.


def _slot(comp: "Compiler", e: ir.Expr) -> tuple[Any, Any, Any]:
    """(place, load, store) of a variable operand."""
    return comp.place(e), comp.load_fn(e.ty), comp.store_fn(e.ty)


def declare_loop_var(comp: "Compiler", e: ir.Expr) -> Any:
    """The recorder's declaration event for the loop variable (not for hidden ones)."""
    rec = comp.m.rec
    v = getattr(e, "var", None)
    if rec is None or v is None or getattr(v, "hidden", False):
        return None
    return rec.decl_site(v)


def _frame_local(comp: "Compiler", e: ir.Expr) -> tuple[int, int, int] | None:
    """(cell, offset, size) of a scalar variable held in the frame itself."""
    if not isinstance(e, ir.VarRef) or e.ty.nleaves != 1 or e.ty.is_aggregate:
        return None
    sl = comp.slot(e.var)
    if sl.indirect or sl.is_global:
        return None
    return sl.base, sl.offset, e.ty.size


def _range_next_locals(comp: "Compiler", node: ir.Intrinsic, decl: Any) -> Any:
    """`next_exclusive` when the counter, the end and the item are frame
    locals (`for i in 0..n`): the same accesses, writes and write log in one
    closure."""
    slots = [_frame_local(comp, a) for a in node.args]
    if None in slots:
        return None
    (ib, ioff, isz), (eb, eoff, esz), (tb, toff, tsz) = slots
    m = comp.m
    acc, acc_w = m.access, m.access_w
    rec = m.rec
    write = rec.writer() if rec is not None else None

    def next_locals(fr: Any) -> bool:
        fb = fr.block
        a = fb.addr
        cells = fb.cells
        acc(a + ioff, isz)
        i = cells[ib]
        acc(a + eoff, esz)
        if i >= cells[eb]:
            return False
        if decl is not None:
            decl(fr)
        acc_w(a + toff, tsz)
        if write is not None:
            write((fb, tb, cells[tb], i))
        cells[tb] = i
        acc_w(a + ioff, isz)
        if write is not None:
            write((fb, ib, i, i + 1))
        cells[ib] = i + 1
        return True
    return next_locals


@intrinsic("for_range_next")
def for_range_next(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """Range::next / RangeInclusive::next (library/core/src/iter/range.rs)."""
    i_loc, i_load, i_store = _slot(comp, node.args[0])
    e_loc, e_load, _ = _slot(comp, node.args[1])
    item_loc, _, item_store = _slot(comp, node.args[-1])
    decl = declare_loop_var(comp, node.args[-1])
    if len(node.args) == 3:
        fused = _range_next_locals(comp, node, decl)
        if fused is not None:
            return fused

        def next_exclusive(fr: Any) -> bool:
            b, k = i_loc(fr)
            i = i_load(b, k)
            if i >= e_load(*e_loc(fr)):
                return False
            if decl is not None:
                decl(fr)
            item_store(*item_loc(fr), i)
            i_store(b, k, i + 1)
            return True
        return next_exclusive
    d_loc, d_load, d_store = _slot(comp, node.args[2])

    def next_inclusive(fr: Any) -> bool:
        db, dk = d_loc(fr)
        if d_load(db, dk):
            return False
        b, k = i_loc(fr)
        i = i_load(b, k)
        end = e_load(*e_loc(fr))
        if i > end:
            return False
        if decl is not None:
            decl(fr)
        item_store(*item_loc(fr), i)
        if i < end:
            i_store(b, k, i + 1)
        else:
            d_store(db, dk, True)
        return True
    return next_inclusive


@intrinsic("for_slice_next")
def for_slice_next(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """slice::Iter::next: a pointer to the next element."""
    s_loc, s_load, _ = _slot(comp, node.args[0])
    i_loc, i_load, i_store = _slot(comp, node.args[1])
    item_loc, _, item_store = _slot(comp, node.args[2])
    nl = node.args[0].ty.elem.nleaves  # type: ignore[union-attr]
    decl = declare_loop_var(comp, node.args[2])
    locs = [comp.local_scalar(a) for a in node.args]
    if all(loc is not None for loc in locs):
        return _slice_next_local(comp, locs, nl)

    def next_ref(fr: Any) -> bool:
        sv = s_load(*s_loc(fr))
        b, k = i_loc(fr)
        i = i_load(b, k)
        if i >= sv.length:
            return False
        if decl is not None:
            decl(fr)
        item_store(*item_loc(fr), Ptr(sv.block, sv.start + i * nl))
        i_store(b, k, i + 1)
        return True
    return next_ref


def _slice_next_local(comp: "Compiler", locs: list[Any], nl: int) -> "Exec":
    """slice::Iter::next with the slice, index and item all scalar frame
    locals (unrecorded: `local_scalar`): the same accesses as `next_ref`,
    straight on the frame's cells instead of seven place/load/store calls."""
    (sb, so, ss), (ib, io, isz), (tb, to, tsz) = locs
    acc, acc_w = comp.m.access, comp.m.access_w

    def next_ref_local(fr: Any) -> bool:
        fb = fr.block
        a = fb.addr
        cells = fb.cells
        acc(a + so, ss)
        sv = cells[sb]
        acc(a + io, isz)
        i = cells[ib]
        if i >= sv.length:
            return False
        acc_w(a + to, tsz)
        cells[tb] = Ptr(sv.block, sv.start + i * nl)
        acc_w(a + io, isz)
        cells[ib] = i + 1
        return True
    return next_ref_local


@intrinsic("for_into_iter_next")
def for_into_iter_next(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """vec::IntoIter::next / array::IntoIter::next: the next element, moved out."""
    ct = node.args[0].ty
    h_loc = comp.place(node.args[0])
    i_loc, i_load, i_store = _slot(comp, node.args[1])
    item_loc, _, item_store = _slot(comp, node.args[2])
    decl = declare_loop_var(comp, node.args[2])
    m = comp.m
    if isinstance(ct, ArrayType):
        et = ct.elem
        n = ct.length
        nl = et.nleaves
        ld = comp.load_fn(et)

        def next_array(fr: Any) -> bool:
            b, k = i_loc(fr)
            i = i_load(b, k)
            if i >= n:
                return False
            hb, hi = h_loc(fr)
            x = ld(hb, hi + i * nl)
            if decl is not None:
                decl(fr)
            item_store(*item_loc(fr), x)
            i_store(b, k, i + 1)
            return True
        return next_array
    et = ct.elem  # type: ignore[union-attr]
    nl = et.nleaves
    ld = comp.load_fn(et)

    def next_vec(fr: Any) -> bool:
        hb, hi = h_loc(fr)
        m.access(hb.cell_addr(hi), 24)
        sv = hb.cells[hi]
        b, k = i_loc(fr)
        i = i_load(b, k)
        if i >= sv.length:
            return False
        x = ld(sv.block, sv.start + i * nl) if sv.block is not None else ()
        if decl is not None:
            decl(fr)
        item_store(*item_loc(fr), x)
        i_store(b, k, i + 1)
        return True
    return next_vec
