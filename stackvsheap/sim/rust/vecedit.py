"""Vec editing as library/alloc/src/vec/mod.rs does it: `remove` and `insert`
shift the tail with one `ptr::copy`, `swap_remove` moves the last element
into the hole, `extend_from_slice` reserves for the whole slice then clones
each element (spec_extend), and `<[T]>::swap` exchanges two elements.
Rust 1.95's panic messages; none of them allocates except through growth."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import ArrayType, SliceType, StringType, Type
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import Block, Ptr, SliceV
from .glue import glue_for, needs_drop
from .slices import _key
from .vec import _ops, elements_at, grow_amortized

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


def _elem(t: Type) -> Type:
    assert isinstance(t, (SliceType, ArrayType)), t
    return t.elem


def _move(comp: "Compiler", elem: Type, b: Block, src: int, dst: int, count: int, base: int = 0) -> None:
    """`ptr::copy` of `count` elements from index src to index dst (memmove) of
    the elements that start at cell `base`."""
    if count <= 0:
        return
    nl = elem.nleaves
    load, store = comp.load_fn(elem), comp.store_fn(elem)
    vals = [load(b, base + (src + k) * nl) for k in range(count)]
    for k, v in enumerate(vals):
        store(b, base + (dst + k) * nl, v)


def _remove(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"], swap: bool) -> "Exec":
    """`remove` shifts the tail down over the hole; `swap_remove` moves the last element in."""
    elem = _elem(node.args[0].ty)
    loc, idx, pos = comp.place(node.args[0]), args[1], node.pos
    ops, load, nl = _ops(comp), comp.load_fn(elem), elem.nleaves
    what = "swap_remove index" if swap else "removal index"

    def remove(fr: Any) -> Any:
        b, i = loc(fr)
        k = idx(fr)
        sv = ops.read_header(b, i)
        n = sv.length
        if k >= n:
            raise RunError(f"thread 'main' panicked: {what} (is {k}) should be < len (is {n})", pos)
        x = load(sv.block, k * nl) if sv.block is not None else ()
        if sv.block is not None:
            if swap and k != n - 1:
                _move(comp, elem, sv.block, n - 1, k, 1)
            elif not swap:
                _move(comp, elem, sv.block, k + 1, k, n - k - 1)
        ops.write_header(b, i, SliceV(sv.block, 0, n - 1, sv.cap))
        return x
    return remove


intrinsic("std_vec_remove")(lambda comp, node, args: _remove(comp, node, args, False))
intrinsic("std_vec_swap_remove")(lambda comp, node, args: _remove(comp, node, args, True))


@intrinsic("std_vec_insert")
def vec_insert(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    elem = _elem(node.args[0].ty)
    loc, idx, val, pos, site = comp.place(node.args[0]), args[1], args[2], node.pos, node.site
    ops, store, nl = _ops(comp), comp.store_fn(elem), elem.nleaves

    def insert(fr: Any) -> None:
        b, i = loc(fr)
        k = idx(fr)
        v = val(fr)
        sv = ops.read_header(b, i)
        n = sv.length
        if k > n:
            raise RunError(f"thread 'main' panicked: insertion index (is {k}) should be <= len (is {n})",
                           pos)
        if elem.size == 0:
            ops.write_header(b, i, SliceV(None, 0, n + 1, sv.cap))
            return
        if n == sv.cap:
            sv = ops.grow_to(sv, grow_amortized(n, 1, sv.cap, elem, pos), elem, site, pos)
        _move(comp, elem, sv.block, k, k + 1, n - k)
        store(sv.block, k * nl, v)
        ops.write_header(b, i, SliceV(sv.block, 0, n + 1, sv.cap))
    return insert


@intrinsic("std_vec_extend_from_slice")
def vec_extend_from_slice(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    elem = _elem(node.args[0].ty)
    loc, src, pos, site = comp.place(node.args[0]), args[1], node.pos, node.site
    ops, load, store, nl = _ops(comp), comp.load_fn(elem), comp.store_fn(elem), elem.nleaves
    glue = glue_for(comp)

    def extend(fr: Any) -> None:
        b, i = loc(fr)
        other = src(fr)
        sv = ops.read_header(b, i)
        add = other.length
        if elem.size == 0:
            ops.write_header(b, i, SliceV(None, 0, sv.length + add, sv.cap))
            return
        sv = ops.reserve(sv, add, elem, site, pos)
        n = sv.length
        for k in range(add):
            x = load(other.block, other.start + k * nl)
            store(sv.block, (n + k) * nl, glue.clone(elem, x, site, pos))
        ops.write_header(b, i, SliceV(sv.block, 0, n + add, sv.cap))
    return extend


MAX_INSERTION_SORT = 20  # library/core/src/slice/sort/stable/mod.rs MAX_LEN_ALWAYS_INSERTION_SORT


@intrinsic("std_slice_sort_by_key")
def slice_sort_by_key(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`sort_by_key`: std's stable sort, which sorts up to 20 elements with
    `insertion_sort_shift_left`; each comparison `is_less(a, b)` is
    `f(a) < f(b)`, so the key closure runs exactly as often, in the same order,
    as in Rust (more elements allocate driftsort's scratch: refused)."""
    t = node.args[0].ty
    elem = _elem(t)
    loc, f_ev, pos = comp.place(node.args[0]), args[1], node.pos
    load, store, nl = comp.load_fn(elem), comp.store_fn(elem), elem.nleaves
    elements = elements_at(comp, t)
    call, glue = comp.call_funcv, glue_for(comp)
    key_ty = node.extra
    drop_key = needs_drop(key_ty)

    def sort(fr: Any) -> None:
        f = f_ev(fr)
        b, i = loc(fr)
        blk, start, n = elements(b, i)
        if n > MAX_INSERTION_SORT:
            raise RunError(f"unsupported: sort_by_key of {n} elements (above {MAX_INSERTION_SORT}, std's "
                           f"driftsort calls the key closure in an order not modelled)", pos)

        def is_less(a: int, c: int) -> bool:
            ka = call(f, [Ptr(blk, start + a * nl)])
            kc = call(f, [Ptr(blk, start + c * nl)])
            less = _key(ka) < _key(kc)
            if drop_key:  # `f(a).lt(&f(b))`: temporaries, dropped in reverse order
                glue.drop(key_ty, kc)
                glue.drop(key_ty, ka)
            return less

        for j in range(1, n):
            # insert_tail: until the shift, every compared element is still at its index
            if not is_less(j, j - 1):
                continue
            dst = j - 1
            while dst > 0 and is_less(j, dst - 1):
                dst -= 1
            tmp = load(blk, start + j * nl)
            _move(comp, elem, blk, dst, dst + 1, j - dst, start)
            store(blk, start + dst * nl, tmp)
    return sort


@intrinsic("std_seq_eq")
def seq_eq(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`PartialEq for Vec<T>`/`[T]`: equal lengths, then element by element until one differs."""
    eq = _seq_eq_fn(comp, node.args[0].ty)
    a_ev, b_ev = args
    return lambda fr: eq(a_ev(fr), b_ev(fr))


def _seq_eq_fn(comp: "Compiler", t: Type) -> Any:
    el = _elem(t)
    load, nl = comp.load_fn(el), el.nleaves
    if isinstance(el, SliceType) and el.flavor in ("vec", "ref"):
        inner = _seq_eq_fn(comp, el)
    elif isinstance(el, SliceType) or isinstance(el, StringType):  # String, &str: their bytes
        inner = lambda x, y: _key(x) == _key(y)  # noqa: E731
    else:
        inner = lambda x, y: x == y  # noqa: E731  (plain leaves, cell by cell)

    def eq(a: SliceV, b: SliceV) -> bool:
        if a.length != b.length:
            return False
        return all(inner(load(a.block, a.start + k * nl), load(b.block, b.start + k * nl))
                   for k in range(a.length))
    return eq


@intrinsic("std_slice_swap")
def slice_swap(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = node.args[0].ty
    elem = _elem(t)
    loc, ia, ib, pos = comp.place(node.args[0]), args[1], args[2], node.pos
    load, store, nl = comp.load_fn(elem), comp.store_fn(elem), elem.nleaves
    elements = elements_at(comp, t)

    def swap(fr: Any) -> None:
        b, i = loc(fr)
        a, c = ia(fr), ib(fr)
        blk, start, n = elements(b, i)
        for k in (a, c):
            if k >= n:
                raise RunError(f"thread 'main' panicked: index out of bounds: the len is {n} but the index "
                               f"is {k}", pos)
        if a == c or blk is None:
            return
        x, y = load(blk, start + a * nl), load(blk, start + c * nl)
        store(blk, start + a * nl, y)
        store(blk, start + c * nl, x)
    return swap
