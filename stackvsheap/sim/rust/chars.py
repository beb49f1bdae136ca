"""`chars()` chains on the simulated machine (lang/rust/typeck_chars.py).

`Chars` decodes the UTF-8 bytes one char at a time and allocates nothing;
its size hint is ((bytes left + 3) / 4, bytes left), `rev()` keeps it,
`filter` makes the lower bound 0, `map` keeps it. The consumers allocate as
std 1.95 does (library/alloc/src/string.rs, vec/spec_from_iter_nested.rs):

  * `collect::<String>()`: `String::new()`, `reserve(lower bound)` (8 bytes
    at least, when the hint is not 0), then `push` per char (growing as
    `String::push` grows: max(2 * cap, len + char bytes, 8));
  * `collect::<Vec<T>>()` (not TrustedLen): nothing for an empty result, else
    max(MIN_NON_ZERO_CAP, lower bound after the first item + 1) at the first
    item, then `reserve(lower bound + 1)` whenever the Vec is full;
  * `count()`: nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ...lang import ir
from ...lang.types import IntType
from ..intrinsics import intrinsic
from ..memory import STACK, Block, Ptr, SliceV
from .glue import glue_for, needs_drop
from .vec import _append_bytes, _ops, grow_amortized, min_non_zero_cap

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_U8 = IntType("u8", 1, False)
_SKIP = object()


class _Chars:
    """A `Chars` (or `Rev<Chars>`) over `text`, with its size hint."""

    def __init__(self, text: str, rev: bool) -> None:
        self.chars = list(reversed(text)) if rev else list(text)
        self.left = len(text.encode("utf-8"))
        self.k = 0

    def __iter__(self) -> Iterator[str]:
        while self.k < len(self.chars):
            c = self.chars[self.k]
            self.k += 1
            self.left -= len(c.encode("utf-8"))
            yield c

    def lower(self) -> int:
        return (self.left + 3) // 4


@intrinsic("chars_chain")
def chars_chain(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    spec = node.extra
    m = comp.m
    glue = glue_for(comp)
    call = comp.call_funcv
    src_ev = args[0]
    fn_evs = args[1:]
    kinds: list[str] = spec["kinds"]
    item_tys = spec["items"]  # the item type entering each adapter
    stores = [comp.store_fn(t) for t in item_tys]
    has_filter = "filter" in kinds
    terminal = spec["terminal"]
    out_t = spec["out_item"]
    site, pos = node.site, node.pos
    ops = _ops(comp)

    def items(fr: Any) -> tuple[_Chars, Iterator[Any]]:
        ch = _Chars(src_ev(fr).text, spec["rev"])
        closures = [f(fr) for f in fn_evs]
        scratch: list[Block | None] = []
        for kd, t in zip(kinds, item_tys):
            if kd == "filter":
                size = (t.size + 15) & ~15
                m.sp -= size
                scratch.append(m.new_block(t, 1, STACK, "iterator item", m.sp))
            else:
                scratch.append(None)

        def gen() -> Iterator[Any]:
            try:
                for c in ch:
                    x: Any = c
                    for k, kd in enumerate(kinds):
                        if kd == "map":
                            x = call(closures[k], [x])
                        else:
                            blk = scratch[k]
                            stores[k](blk, 0, x)
                            if not call(closures[k], [Ptr(blk, 0)]):
                                if needs_drop(item_tys[k]):
                                    glue.drop(item_tys[k], x)
                                x = _SKIP
                                break
                    if x is not _SKIP:
                        yield x
            finally:
                for blk in scratch:
                    if blk is not None:
                        m.sp += (blk.size + 15) & ~15
                        blk.alive = False
        return ch, gen()

    def lower(ch: _Chars) -> int:
        return 0 if has_filter else ch.lower()

    if terminal == "count":
        def count(fr: Any) -> int:
            _, it = items(fr)
            n = 0
            for x in it:
                if needs_drop(out_t):
                    glue.drop(out_t, x)
                n += 1
            return n
        return count

    if terminal == "string":
        def collect_string(fr: Any) -> SliceV:
            ch, it = items(fr)
            sv = SliceV(None, 0, 0, 0)
            hint = lower(ch)
            if hint:
                sv = ops.grow_to(sv, grow_amortized(0, hint, 0, _U8, pos), _U8, site, pos)
            for c in it:
                data = c.encode("utf-8")
                if sv.cap - sv.length < len(data):
                    sv = ops.grow_to(sv, grow_amortized(sv.length, len(data), sv.cap, _U8, pos), _U8, site, pos)
                sv = _append_bytes(m, sv, data)
            return sv
        return collect_string

    store_out = comp.store_fn(out_t)
    nl = out_t.nleaves

    def collect_vec(fr: Any) -> SliceV:
        ch, it = items(fr)
        sv = SliceV(None, 0, 0, (1 << 64) - 1 if out_t.size == 0 else 0)
        first = True
        for x in it:
            if first:
                cap = max(min_non_zero_cap(out_t), lower(ch) + 1)
                sv = ops.grow_to(sv, cap, out_t, site, pos)
                first = False
            elif sv.length == sv.cap:
                sv = ops.grow_to(sv, grow_amortized(sv.length, lower(ch) + 1, sv.cap, out_t, pos), out_t,
                                 site, pos)
            if sv.block is not None:
                store_out(sv.block, sv.length * nl, x)
            sv = SliceV(sv.block, 0, sv.length + 1, sv.cap)
        return sv
    return collect_vec


@intrinsic("for_chars_next")
@intrinsic("for_chars_next_rev")
def for_chars_next(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """Chars::next (`rev`: next_back) in a `for` loop: the state is the &str
    and the byte offset of the next char (from the end, reversed)."""
    s_loc, s_load = comp.place(node.args[0]), comp.load_fn(node.args[0].ty)
    i_loc, i_load, i_store = comp.place(node.args[1]), comp.load_fn(node.args[1].ty), comp.store_fn(node.args[1].ty)
    item_loc, item_store = comp.place(node.args[2]), comp.store_fn(node.args[2].ty)
    rev = node.name.endswith("_rev")
    rec = comp.m.rec
    v = getattr(node.args[2], "var", None)
    decl = None
    if rec is not None and v is not None and not getattr(v, "hidden", False):
        decl = lambda fr: rec.decl(fr, v)  # noqa: E731

    def next_char(fr: Any) -> bool:
        data = s_load(*s_loc(fr)).text.encode("utf-8")
        b, k = i_loc(fr)
        off = i_load(b, k)
        if off >= len(data):
            return False
        if rev:
            end = len(data) - off
            start = end - 1
            while start > 0 and (data[start] & 0xC0) == 0x80:
                start -= 1
        else:
            start = off
            end = start + 1
            while end < len(data) and (data[end] & 0xC0) == 0x80:
                end += 1
        if decl is not None:
            decl(fr)
        item_store(*item_loc(fr), data[start:end].decode("utf-8"))
        i_store(b, k, off + (end - start))
        return True
    return next_char
