"""Iterator pipelines pulled one item at a time, as core::iter's adapters do.

A pipeline is a stack of stages (library/core/src/iter/adapters/*.rs), each
with `next`, `back` (DoubleEndedIterator, for `rev`) and `hint` (size_hint,
which decides what `collect` and `extend` allocate):

  * map, enumerate, rev: the inner hint; filter: (0, upper);
  * take(n): both bounds capped at n; skip(n): both reduced by n (saturating);
  * step_by(s): 1 + (n - 1) / s before the first item, n / s after;
  * chain: the sums (upper None if either is); once the first half is
    exhausted it is dropped (`Chain::a = None`), freeing what it owns;
  * zip: the minimums; `a` is pulled first, and its item dropped when `b`
    is exhausted.

A chain is TrustedLen (collect allocates the upper bound once) unless a
filter, a chars(), a user iterator, or a skip or step_by over an iterator that is not
TrustedRandomAccess (take, rev, chain, step_by, a vec::IntoIter, a
RangeInclusive) is in it. `Skip::next` and `StepBy` skip with `nth`, dropping the
skipped items. A `vec::IntoIter` source drops its remaining items and frees
its buffer when the pipeline is dropped (`finish`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ...lang.rust.iterobj import PipeSpec, Stage
from ...lang.rust.rtypes import IterT
from ...lang.types import ArrayType, OptionType, Type
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import STACK, Block, Ptr, StrV
from ..shapes import ZERO_HOOKS
from .glue import glue_for, needs_drop, opt_is_some, opt_payload, scalar
from .text import WHITESPACE

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

END: Any = object()  # an exhausted iterator's None

ZERO_HOOKS[IterT] = lambda t: (None,)  # a pipeline cell before it is written


class Pipe:
    """A stage at run time."""

    trusted = True
    tra = False  # TrustedRandomAccess (what makes Skip TrustedLen)
    drop_item: Callable[[Any], None] | None = None  # drops an item nth skips

    def next(self) -> Any:
        raise NotImplementedError

    def back(self) -> Any:
        raise RunError("internal error: next_back on this iterator")

    def hint(self) -> tuple[int, int | None]:
        raise NotImplementedError

    def nth(self, n: int) -> Any:
        """Iterator::nth: skip n items (dropped), return the next."""
        drop = self.drop_item
        for _ in range(n):
            x = self.next()
            if x is END:
                return END
            if drop is not None:
                drop(x)
        return self.next()

    def nth_back(self, n: int) -> Any:
        """DoubleEndedIterator::nth_back: skip n items from the back (dropped)."""
        drop = self.drop_item
        for _ in range(n):
            x = self.back()
            if x is END:
                return END
            if drop is not None:
                drop(x)
        return self.back()

    def finish(self) -> None:
        """Drop the iterator: what a vec::IntoIter still owns."""


# ---- sources ------------------------------------------------------------------------------------


class RangeSrc(Pipe):
    def __init__(self, lo: int, hi: int, tra: bool = True) -> None:
        self.lo, self.hi = lo, hi
        self.tra = tra  # Range<int> is, RangeInclusive is not

    def next(self) -> Any:
        if self.lo >= self.hi:
            return END
        v = self.lo
        self.lo += 1
        return v

    def back(self) -> Any:
        if self.lo >= self.hi:
            return END
        self.hi -= 1
        return self.hi

    def hint(self) -> tuple[int, int | None]:
        n = max(0, self.hi - self.lo)
        return n, n


class SliceSrc(Pipe):
    """slice::Iter / IterMut: pointers to the elements."""

    tra = True

    def __init__(self, blk: Block | None, start: int, n: int, nl: int) -> None:
        self.blk, self.start, self.i, self.j, self.nl = blk, start, 0, n, nl

    def next(self) -> Any:
        if self.i >= self.j:
            return END
        k = self.i
        self.i += 1
        return Ptr(self.blk, self.start + k * self.nl)

    def back(self) -> Any:
        if self.i >= self.j:
            return END
        self.j -= 1
        return Ptr(self.blk, self.start + self.j * self.nl)

    def hint(self) -> tuple[int, int | None]:
        n = self.j - self.i
        return n, n


class VecIntoSrc(Pipe):
    """vec::IntoIter: moves the elements out; dropping it drops the rest and
    frees the buffer."""

    def __init__(self, comp: "Compiler", et: Type, sv: Any) -> None:
        self.comp, self.et, self.sv = comp, et, sv
        self.ld = comp.load_fn(et)
        self.nl = et.nleaves
        self.i, self.j = 0, sv.length
        self.done = False

    def _at(self, k: int) -> Any:
        sv = self.sv
        if sv.block is None:
            return ()
        return self.ld(sv.block, sv.start + k * self.nl)

    def next(self) -> Any:
        if self.i >= self.j:
            return END
        k = self.i
        self.i += 1
        return self._at(k)

    def back(self) -> Any:
        if self.i >= self.j:
            return END
        self.j -= 1
        return self._at(self.j)

    def hint(self) -> tuple[int, int | None]:
        n = self.j - self.i
        return n, n

    def finish(self) -> None:
        if self.done:
            return
        self.done = True
        sv = self.sv
        if sv.block is not None:
            glue_for(self.comp).drop_elems(self.et, sv.block, sv.start, self.i, self.j)
            if sv.cap and self.et.size:
                self.comp.m.rust_free(sv.block)


class CharsSrc(Pipe):
    """str::Chars: hint ((bytes + 3) / 4, bytes) of what is left."""

    def __init__(self, text: str) -> None:
        self.text, self.i, self.j = text, 0, len(text)
        self.bytes = len(text.encode("utf-8"))

    def next(self) -> Any:
        if self.i >= self.j:
            return END
        c = self.text[self.i]
        self.i += 1
        self.bytes -= len(c.encode("utf-8"))
        return c

    def back(self) -> Any:
        if self.i >= self.j:
            return END
        self.j -= 1
        c = self.text[self.j]
        self.bytes -= len(c.encode("utf-8"))
        return c

    def hint(self) -> tuple[int, int | None]:
        return (self.bytes + 3) // 4, self.bytes


def _text_items(s: StrV, what: str, pat: Any) -> list[Any]:
    data = s.text.encode()
    if what == "bytes":
        return list(data)
    if what == "split_whitespace":
        spans, start = [], None
        for k, c in enumerate(s.text):
            if c in WHITESPACE:
                if start is not None:
                    spans.append((start, k))
                start = None
            elif start is None:
                start = k
        if start is not None:
            spans.append((start, len(s.text)))
        spans = [(len(s.text[:a].encode()), len(s.text[:b].encode())) for a, b in spans]
    elif what == "lines":
        spans, k = [], 0
        while k < len(data):
            e = data.find(b"\n", k)
            end = len(data) if e < 0 else e
            stop = end - 1 if end > k and data[end - 1:end] == b"\r" else end
            spans.append((k, stop))
            k = end + 1
    else:  # split(pat): every piece, empty ones too
        sep = (pat.encode() if what.endswith(":char") else pat.text.encode())
        spans, k = [], 0
        if not sep:
            cuts = [0] + [len(s.text[:i].encode()) for i in range(1, len(s.text))] + [len(data)]
            spans = [(0, 0)] + [(a, b) for a, b in zip(cuts, cuts[1:])] + [(len(data), len(data))]
        else:
            while True:
                e = data.find(sep, k)
                if e < 0:
                    spans.append((k, len(data)))
                    break
                spans.append((k, e))
                k = e + len(sep)
    return [StrV(data[a:b].decode(), s.block, s.addr + a) for a, b in spans]


class UserSrc(Pipe):
    """A user `impl Iterator`: its `next(&mut self)`, size_hint (0, None)."""

    trusted = False

    def __init__(self, call_next: Callable[[], Any], drop: Callable[[], None] | None) -> None:
        self.call_next, self.drop = call_next, drop

    def next(self) -> Any:
        return self.call_next()

    def hint(self) -> tuple[int, int | None]:
        return 0, None

    def finish(self) -> None:
        if self.drop is not None:
            self.drop()
            self.drop = None


class ListSrc(Pipe):
    """array::IntoIter: the elements moved out of the array value."""

    def __init__(self, comp: "Compiler", et: Type, values: list[Any]) -> None:
        self.comp, self.et, self.vals, self.i, self.j = comp, et, values, 0, len(values)

    def next(self) -> Any:
        if self.i >= self.j:
            return END
        self.i += 1
        return self.vals[self.i - 1]

    def back(self) -> Any:
        if self.i >= self.j:
            return END
        self.j -= 1
        return self.vals[self.j]

    def hint(self) -> tuple[int, int | None]:
        n = self.j - self.i
        return n, n

    def finish(self) -> None:
        if needs_drop(self.et):
            g = glue_for(self.comp)
            for k in range(self.i, self.j):
                g.drop(self.et, self.vals[k])
        self.i = self.j


# ---- adapters -----------------------------------------------------------------------------------


class TextSrc(ListSrc):
    """str::Bytes (TrustedLen: hint (n, n)) and the borrowed pieces of
    `split_whitespace`, `lines` and `split(pat)` (hint (0, None), as std's
    Split and Filter give), each a `&str` into the same bytes."""

    def __init__(self, comp: "Compiler", item: Type, s: StrV, what: str, pat: Any) -> None:
        super().__init__(comp, item, _text_items(s, what, pat))
        self.trusted = what == "bytes"

    def hint(self) -> tuple[int, int | None]:
        n = self.j - self.i
        return (n, n) if self.trusted else (0, None)


class Adapter(Pipe):
    def __init__(self, inner: Pipe) -> None:
        self.inner = inner
        self.trusted = inner.trusted

    def hint(self) -> tuple[int, int | None]:
        return self.inner.hint()

    def finish(self) -> None:
        self.inner.finish()


class MapP(Adapter):
    def __init__(self, inner: Pipe, f: Callable[[Any], Any]) -> None:
        super().__init__(inner)
        self.f = f
        self.tra = inner.tra

    def next(self) -> Any:
        x = self.inner.next()
        return END if x is END else self.f(x)

    def back(self) -> Any:
        x = self.inner.back()
        return END if x is END else self.f(x)


class _Skipping(Adapter):
    """An adapter that may pass over items (filter, filter_map): next and back
    pull from their end until `_pull` has one, so the lower bound is 0."""

    def _pull(self, get: Callable[[], Any]) -> Any:
        raise NotImplementedError

    def next(self) -> Any:
        return self._pull(self.inner.next)

    def back(self) -> Any:
        return self._pull(self.inner.back)

    def hint(self) -> tuple[int, int | None]:
        return 0, self.inner.hint()[1]


class FilterP(_Skipping):
    def __init__(self, inner: Pipe, pred: Callable[[Any], bool], drop: Callable[[Any], None] | None
                 ) -> None:
        super().__init__(inner)
        self.pred, self.drop = pred, drop
        self.trusted = False

    def _pull(self, get: Callable[[], Any]) -> Any:
        while True:
            x = get()
            if x is END or self.pred(x):
                return x
            if self.drop is not None:
                self.drop(x)


class EnumerateP(Adapter):
    def __init__(self, inner: Pipe, pack: Callable[[int, Any], Any]) -> None:
        super().__init__(inner)
        self.count, self.pack = 0, pack
        self.tra = inner.tra

    def next(self) -> Any:
        x = self.inner.next()
        if x is END:
            return END
        i = self.count
        self.count += 1
        return self.pack(i, x)

    def back(self) -> Any:
        n = self.inner.hint()[0]
        x = self.inner.back()
        if x is END:
            return END
        return self.pack(self.count + n - 1, x)


class TakeP(Adapter):
    def __init__(self, inner: Pipe, n: int) -> None:
        super().__init__(inner)
        self.n = n

    def next(self) -> Any:
        if self.n == 0:
            return END
        self.n -= 1
        return self.inner.next()

    def back(self) -> Any:
        """Take::next_back (exact-size inner): skip what is past the first n."""
        if self.n == 0:
            return END
        n = self.n
        self.n -= 1
        return self.inner.nth_back(max(0, self.inner.hint()[0] - n))

    def hint(self) -> tuple[int, int | None]:
        if self.n == 0:
            return 0, 0
        lo, hi = self.inner.hint()
        return min(lo, self.n), (self.n if hi is None else min(hi, self.n))


class SkipP(Adapter):
    """TrustedLen only over a TrustedRandomAccess iterator (slices, Range<int>,
    map/enumerate/zip/skip of those): `Skip<Take<..>>` is not."""

    def __init__(self, inner: Pipe, n: int) -> None:
        super().__init__(inner)
        self.n = n
        self.tra = inner.tra
        self.trusted = inner.trusted and inner.tra

    def next(self) -> Any:
        if self.n > 0:
            n, self.n = self.n, 0
            return self.inner.nth(n)
        return self.inner.next()

    def back(self) -> Any:
        """Skip::next_back (exact-size inner): only while items are left past the n."""
        if self.inner.hint()[0] - self.n > 0:
            return self.inner.back()
        return END

    def hint(self) -> tuple[int, int | None]:
        lo, hi = self.inner.hint()
        return max(0, lo - self.n), (None if hi is None else max(0, hi - self.n))


class StepByP(Adapter):
    def __init__(self, inner: Pipe, step: int, pos: Any) -> None:
        super().__init__(inner)
        if step == 0:
            raise RunError("thread 'main' panicked: assertion failed: step != 0", pos)
        self.step, self.first = step, True
        self.trusted = inner.trusted and inner.tra  # as Skip

    def next(self) -> Any:
        if self.first:
            self.first = False
            return self.inner.next()
        return self.inner.nth(self.step - 1)

    def hint(self) -> tuple[int, int | None]:
        lo, hi = self.inner.hint()
        s = self.step
        if self.first:
            f: Callable[[int], int] = lambda n: 0 if n == 0 else 1 + (n - 1) // s  # noqa: E731
        else:
            f = lambda n: n // s  # noqa: E731
        return f(lo), (None if hi is None else f(hi))


class ChainP(Pipe):
    def __init__(self, a: Pipe, b: Pipe) -> None:
        self.a: Pipe | None = a
        self.b: Pipe | None = b
        self.trusted = a.trusted and b.trusted

    def next(self) -> Any:
        if self.a is not None:
            x = self.a.next()
            if x is not END:
                return x
            self.a.finish()
            self.a = None
        return END if self.b is None else self.b.next()

    def back(self) -> Any:
        if self.b is not None:
            x = self.b.back()
            if x is not END:
                return x
            self.b.finish()
            self.b = None
        return END if self.a is None else self.a.back()

    def hint(self) -> tuple[int, int | None]:
        lo, hi = 0, 0
        for p in (self.a, self.b):
            if p is None:
                continue
            plo, phi = p.hint()
            lo += plo
            hi = None if hi is None or phi is None else hi + phi
        return lo, hi

    def finish(self) -> None:
        for p in (self.a, self.b):
            if p is not None:
                p.finish()
        self.a = self.b = None


class ZipP(Pipe):
    def __init__(self, a: Pipe, b: Pipe, pack: Callable[[Any, Any], Any],
                 drop_a: Callable[[Any], None] | None) -> None:
        self.a, self.b, self.pack, self.drop_a = a, b, pack, drop_a
        self.trusted = a.trusted and b.trusted
        self.tra = a.tra and b.tra

    def next(self) -> Any:
        x = self.a.next()
        if x is END:
            return END
        y = self.b.next()
        if y is END:
            if self.drop_a is not None:
                self.drop_a(x)
            return END
        return self.pack(x, y)

    def hint(self) -> tuple[int, int | None]:
        alo, ahi = self.a.hint()
        blo, bhi = self.b.hint()
        his = [h for h in (ahi, bhi) if h is not None]
        return min(alo, blo), (min(his) if his else None)

    def finish(self) -> None:
        self.a.finish()
        self.b.finish()


class FilterMapP(_Skipping):
    def __init__(self, inner: Pipe, f: Callable[[Any], Any]) -> None:
        super().__init__(inner)
        self.f = f
        self.trusted = False

    def _pull(self, get: Callable[[], Any]) -> Any:
        while True:
            x = get()
            if x is END:
                return END
            y = self.f(x)
            if y is not END:
                return y


class TakeWhileP(Adapter):
    """Stops (for good) at the first item the predicate rejects, dropping it."""

    def __init__(self, inner: Pipe, pred: Callable[[Any], bool], drop: Callable[[Any], None] | None) -> None:
        super().__init__(inner)
        self.pred, self.drop, self.flag = pred, drop, False
        self.trusted = False

    def next(self) -> Any:
        if self.flag:
            return END
        x = self.inner.next()
        if x is END:
            return END
        if self.pred(x):
            return x
        self.flag = True
        if self.drop is not None:
            self.drop(x)
        return END

    def hint(self) -> tuple[int, int | None]:
        return (0, 0) if self.flag else (0, self.inner.hint()[1])


class SkipWhileP(Adapter):
    def __init__(self, inner: Pipe, pred: Callable[[Any], bool], drop: Callable[[Any], None] | None) -> None:
        super().__init__(inner)
        self.pred, self.drop, self.flag = pred, drop, False
        self.trusted = False

    def next(self) -> Any:
        if self.flag:
            return self.inner.next()
        while True:
            x = self.inner.next()
            if x is END or not self.pred(x):
                self.flag = True
                return x
            if self.drop is not None:
                self.drop(x)

    def hint(self) -> tuple[int, int | None]:
        lo, hi = self.inner.hint()
        return (lo if self.flag else 0), hi


class RevP(Adapter):
    def next(self) -> Any:
        return self.inner.back()

    def back(self) -> Any:
        return self.inner.next()


# ---- building ------------------------------------------------------------------------------------


def leaves(t: Type, v: Any) -> tuple:
    """A value as its tuple of leaves."""
    return (v,) if scalar(t) else tuple(v)


def with_ref(comp: "Compiler", t: Type) -> Callable[[Any, Callable[[Ptr], Any]], Any]:
    """Call fn(&x) with x stored in a fresh stack slot (a closure taking
    `&Item`, as filter's and find's predicates do)."""
    m = comp.m
    store = comp.store_fn(t)
    size = (t.size + 15) & ~15

    def run(x: Any, fn: Callable[[Ptr], Any]) -> Any:
        m.sp -= size
        blk = m.new_block(t, 1, STACK, "iterator item", m.sp)
        try:
            store(blk, 0, x)
            return fn(Ptr(blk, 0))
        finally:
            m.sp += size
            blk.alive = False
    return run


def dropper(comp: "Compiler", t: Type) -> Callable[[Any], None] | None:
    if not needs_drop(t):
        return None
    g = glue_for(comp)
    return lambda x: g.drop(t, x)


BuildFn = Callable[[Any], Pipe]


def build_pipe(comp: "Compiler", spec: PipeSpec, args: list["Exec"], pos: Any) -> BuildFn:
    """frame -> a fresh Pipe, from the stages and their operand closures."""
    call = comp.call_funcv
    steps: list[Callable[[Any, Pipe | None, list[Any]], Pipe]] = []
    prev_item: Type | None = None
    for st in spec.stages:
        steps.append(_stage(comp, st, prev_item, call, pos))
        prev_item = st.item
    counts = [st.nargs for st in spec.stages]
    drops = [dropper(comp, st.item) for st in spec.stages]

    def build(fr: Any) -> Pipe:
        p: Pipe | None = None
        i = 0
        for make, n, drop in zip(steps, counts, drops):
            ops = [a(fr) for a in args[i:i + n]]
            i += n
            p = make(fr, p, ops)
            if drop is not None:
                p.drop_item = drop
        assert p is not None
        return p
    return build


def _stage(comp: "Compiler", st: Stage, prev: Type | None, call: Any, pos: Any
           ) -> Callable[[Any, Pipe | None, list[Any]], Pipe]:
    kind = st.kind
    if kind in ("range", "range_incl"):
        incl = kind == "range_incl"
        return lambda fr, p, ops: RangeSrc(ops[0], ops[1] + (1 if incl else 0), not incl)
    if kind == "slice":
        et = st.elem
        assert et is not None
        nl = et.nleaves
        def sl(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            sv = ops[0]
            return SliceSrc(sv.block, sv.start, sv.length, nl)
        return sl
    if kind == "vec_into":
        et = st.elem
        return lambda fr, p, ops: VecIntoSrc(comp, et, ops[0])  # type: ignore[arg-type]
    if kind == "array_into":
        et = st.elem
        assert et is not None
        n = st.length
        nl = et.nleaves

        def arr_into(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            v = ops[0]
            vals = list(v) if scalar(et) else [tuple(v[j * nl:(j + 1) * nl]) for j in range(n)]
            return ListSrc(comp, et, vals)
        return arr_into
    if kind == "hmap_into":  # a HashMap by value (sim/rust/hashmap.py)
        from .hashmap import MapIntoSrc

        return lambda fr, p, ops: MapIntoSrc(comp, st.elem, ops[0], END)  # type: ignore[arg-type]
    if kind == "hmap":  # a HashMap's iter/keys/values/iter_mut/values_mut
        from .hashmap import map_items

        what = st.what  # type: ignore[attr-defined]

        def hmap(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            src = ListSrc(comp, st.item, map_items(comp, ops[0], st.elem, what))  # type: ignore[arg-type]
            src.trusted = False  # not TrustedLen (its size hint is exact)
            return src
        return hmap
    if kind == "text":
        what = st.what
        return lambda fr, p, ops: TextSrc(comp, st.item, ops[0], what, ops[1] if len(ops) > 1 else None)
    if kind == "chars":
        def chars(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            c = CharsSrc(ops[0].text)
            c.trusted = False
            return c
        return chars
    if kind == "user":
        func = st.func  # type: ignore[attr-defined]
        ot = func.results[0]
        ut = st.elem
        assert ut is not None
        ld = comp.load_fn(ut)

        def user(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            code = comp.codes[id(func)]
            inv = getattr(code, "_invoke", None)
            if inv is None:
                inv = comp.invoker(code)
                code._invoke = inv
            ptr = ops[0]

            def call_next() -> Any:
                r = inv([ptr], None)
                return opt_payload(ot, r) if opt_is_some(ot, r) else END

            def drop() -> None:
                glue_for(comp).drop(ut, ld(ptr.block, ptr.index), ptr.block, ptr.index)
            return UserSrc(call_next, drop if needs_drop(ut) else None)
        return user
    if kind == "object":
        return lambda fr, p, ops: ops[0]
    assert prev is not None
    if kind == "map":
        return lambda fr, p, ops: MapP(p, lambda x, f=ops[0]: call(f, [x]))  # type: ignore[arg-type,misc]
    if kind == "filter":
        ref = with_ref(comp, prev)
        drop = dropper(comp, prev)

        def filt(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            f = ops[0]
            return FilterP(p, lambda x: ref(x, lambda r: call(f, [r])), drop)  # type: ignore[arg-type]
        return filt
    if kind in ("copied", "cloned"):
        et = st.item
        ld = comp.load_fn(et)
        if kind == "copied":
            def copied(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
                m = MapP(p, lambda r: ld(r.block, r.index))  # type: ignore[arg-type]
                return m
            return copied
        site = st.site  # type: ignore[attr-defined]
        g = glue_for(comp)
        return lambda fr, p, ops: MapP(p, lambda r: g.clone(et, ld(r.block, r.index), site, pos))  # type: ignore[arg-type]
    if kind == "filter_map":
        ot = st.item
        opt = OptionType(ot)

        def fmap(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            f = ops[0]

            def g(x: Any) -> Any:
                r = call(f, [x])
                return opt_payload(opt, r) if opt_is_some(opt, r) else END
            return FilterMapP(p, g)  # type: ignore[arg-type]
        return fmap
    if kind in ("take_while", "skip_while"):
        ref = with_ref(comp, prev)
        drop = dropper(comp, prev)
        cls = TakeWhileP if kind == "take_while" else SkipWhileP

        def tw(fr: Any, p: Pipe | None, ops: list[Any]) -> Pipe:
            f = ops[0]
            return cls(p, lambda x: ref(x, lambda r: call(f, [r])), drop)  # type: ignore[arg-type]
        return tw
    if kind == "enumerate":
        pk = _packer((st.item.elems[0], prev))  # type: ignore[attr-defined]
        return lambda fr, p, ops: EnumerateP(p, pk)  # type: ignore[arg-type]
    if kind == "take":
        return lambda fr, p, ops: TakeP(p, ops[0])  # type: ignore[arg-type]
    if kind == "skip":
        return lambda fr, p, ops: SkipP(p, ops[0])  # type: ignore[arg-type]
    if kind == "step_by":
        return lambda fr, p, ops: StepByP(p, ops[0], pos)  # type: ignore[arg-type]
    if kind == "rev":
        return lambda fr, p, ops: RevP(p)  # type: ignore[arg-type]
    if kind == "chain":
        return lambda fr, p, ops: ChainP(p, ops[0])  # type: ignore[arg-type]
    if kind == "zip":
        a_t, b_t = st.item.elems  # type: ignore[attr-defined]
        pk = _packer((a_t, b_t))
        drop = dropper(comp, a_t)
        return lambda fr, p, ops: ZipP(p, ops[0], pk, drop)  # type: ignore[arg-type]
    raise RunError(f"internal error: iterator stage {kind}", pos)


def _packer(ts: tuple[Type, Type]) -> Callable[[Any, Any], tuple]:
    a, b = ts
    sa, sb = scalar(a), scalar(b)
    if sa and sb:
        return lambda x, y: (x, y)
    return lambda x, y: (((x,) if sa else tuple(x)) + ((y,) if sb else tuple(y)))


@intrinsic("iter_open")
def iter_open(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """A pipeline value (for a variable, a `for` loop, or zip/chain)."""
    return build_pipe(comp, node.extra, args, node.pos)


def array_len(t: Type) -> int:
    return t.length if isinstance(t, ArrayType) else 0
