"""Lowering iterator pipelines: chains with the adapters beyond map/filter,
the consumers beyond sum/count/collect, iterators kept in variables, `for`
over an adapter chain, and `Vec::extend`.

A chain `src.a(..).b(..)` becomes `iter_open` (sim/rust/pipeline.py: one
stage per step, operands in order: the source's, then each adapter's
closure, count or sub-pipeline) and a consumer `iter_consume`
(sim/rust/consume.py). Chains of only map/filter into sum/count/collect keep
the fused `iter_chain` (lower_method.py, sim/rust/iters.py).
"""

from __future__ import annotations

from .. import ir
from ..types import ArrayType, PtrType, SliceType, TupleType, Type
from . import ast as A
from . import reasons
from .iterobj import ConsumeSpec, PipeSpec, Stage
from .lower_common import _is_place_expr, _quiet_site, min_non_zero_cap
from .rtypes import CHAR, RUST_STR, IterT, RangeT
from .typeck_std import TEXT_SOURCES

_FUSED = ("map", "filter")
_IN_PLACE = ("map", "filter", "take", "skip", "enumerate", "take_while", "skip_while", "filter_map")
_SRC_KEYS = ("vec_iter", "vec_iter_mut", "vec_into_iter", "slice_iter", "slice_iter_mut", "slice_into_iter")
_CHARS = ("str_chars", "string_chars")


def _chain_parts(e: A.Expr) -> tuple[A.Expr, list[A.MethodCall]]:
    adapters: list[A.MethodCall] = []
    cur = e
    while isinstance(cur, A.MethodCall) and getattr(cur, "method_info", (None,))[0] == "iter":
        adapters.append(cur)
        cur = cur.receiver
    adapters.reverse()
    return cur, adapters


class IterLower:
    def fused_chain(self, e: A.MethodCall) -> bool:
        """The chain fits the fused iter_chain runtime."""
        if e.method not in ("sum", "count", "collect") or getattr(e, "collect_string", False):
            return False
        base, adapters = _chain_parts(e.receiver)
        if any(a.method not in _FUSED for a in adapters):
            return False
        return isinstance(base, A.Range) or bool(getattr(base, "iter_src", None) in _SRC_KEYS)

    # ---- pipelines ------------------------------------------------------------------------

    def open_pipe(self, e: A.Expr) -> ir.Expr:
        """An iterator (chain, variable, or IntoIterator argument) as a pipeline value."""
        spec = PipeSpec()
        args: list[ir.Expr] = []
        self._pipe_into(e, spec, args)
        item = spec.stages[-1].item
        size = sum(_stage_bytes(s) for s in spec.stages)
        return ir.Intrinsic(IterT(item, size), e.pos, "iter_open", args, extra=spec)

    def _pipe_into(self, e: A.Expr, spec: PipeSpec, args: list[ir.Expr]) -> None:
        kind = getattr(e, "into_kind", None)
        if kind is not None:
            self._into_source(e, kind, spec, args)
            return
        base, adapters = _chain_parts(e)
        self._source(base, spec, args)
        for a in adapters:
            m = a.method
            item = a.ty.item  # type: ignore[union-attr]
            if m in ("enumerate", "rev", "copied"):
                spec.stages.append(Stage(m, item, 0))
                continue
            if m == "cloned":
                st = Stage(m, item, 0)
                st.site = self.clone_site(a, item)  # type: ignore[attr-defined]
                spec.stages.append(st)
                continue
            if m in ("zip", "chain"):
                args.append(self.open_pipe(a.args[0]))
            else:
                args.append(self.value(a.args[0]))
            spec.stages.append(Stage(m, item, 1))

    def _source(self, cur: A.Expr, spec: PipeSpec, args: list[ir.Expr]) -> None:
        if isinstance(cur, A.Range):
            rt = cur.ty
            assert isinstance(rt, RangeT)
            args += [self.value(cur.lo), self.value(cur.hi)]
            spec.stages.append(Stage("range_incl" if cur.inclusive else "range", rt.elem, 2, rt.elem))
            return
        if isinstance(cur.ty, RangeT):
            self.fail("unsupported: a range that is not written in place", cur.pos)
        key = getattr(cur, "iter_src", None)
        if isinstance(cur, A.MethodCall) and key in _CHARS:
            if key == "str_chars":
                s = self.receiver(cur)
            else:
                s = ir.Intrinsic(RUST_STR, cur.pos, "string_as_str", [self.recv_place(cur).ir])
            args.append(s)
            spec.stages.append(Stage("chars", CHAR, 1))
            return
        if isinstance(cur, A.MethodCall) and key in TEXT_SOURCES:
            if isinstance(cur.recv_ty, SliceType):  # a String: the &str it derefs to  # type: ignore[attr-defined]
                args.append(ir.Intrinsic(RUST_STR, cur.pos, "string_as_str", [self.recv_place(cur).ir]))
            else:
                args.append(self.receiver(cur))
            args += self.args(cur.args)
            name = key[len("text_"):]
            kinds = getattr(cur, "pattern_kinds", [])
            spec.stages.append(Stage("text", cur.ty.item, 1 + len(cur.args),  # type: ignore[union-attr]
                                     what=name + (":" + kinds[0] if kinds else "")))
            return
        if isinstance(cur, A.MethodCall) and key in _SRC_KEYS:
            rty = cur.recv_ty  # type: ignore[attr-defined]
            item = cur.ty.item  # type: ignore[union-attr]
            et = rty.elem
            if key == "vec_into_iter":
                args.append(self.receiver(cur))
                spec.stages.append(Stage("vec_into", item, 1, et))
            elif key == "slice_into_iter" and isinstance(rty, ArrayType):
                args.append(self.receiver(cur))
                spec.stages.append(Stage("array_into", item, 1, et, rty.length))
            else:
                args.append(self._as_slice(self.recv_place(cur).ir, rty, cur.pos))
                spec.stages.append(Stage("slice", item, 1, et))
            return
        if key == "user":
            self._user_source(cur, spec, args)
            return
        it = cur.ty
        if not isinstance(it, IterT):
            self.fail("unsupported: iterator source", cur.pos)
        args.append(self.value(cur))
        spec.stages.append(Stage("object", it.item, 1))

    def _user_source(self, cur: A.Expr, spec: PipeSpec, args: list[ir.Expr]) -> None:
        """A struct with `impl Iterator`: moved into a hidden local (a frame slot);
        the pipeline calls its `next(&mut self)` and, owning it as `Map<T, F>`
        owns its T, drops it when the pipeline is dropped."""
        st = cur.ty
        info = self.cl.ck.methods[(st.name, "next")]  # type: ignore[attr-defined]
        func = self.cl.info_func[id(info)]
        tmp = self.hidden(cur, "user iterator", st, f"<{st.name} iterator>")
        self.emit(ir.Decl(cur.pos, tmp, self.value(cur)))
        args.append(ir.AddrOf(PtrType(st, "mut"), cur.pos, ir.VarRef(st, cur.pos, tmp)))
        item = info.ret.inner  # Option<Item>
        stage = Stage("user", item, 1, st)
        stage.func = func  # type: ignore[attr-defined]
        spec.stages.append(stage)

    def _into_source(self, e: A.Expr, kind: str, spec: PipeSpec, args: list[ir.Expr]) -> None:
        """`&v`, `&[T]` or a Vec where an IntoIterator is expected."""
        t = e.ty
        if kind == "vec":
            args.append(self.value(e))
            spec.stages.append(Stage("vec_into", t.elem, 1, t.elem))  # type: ignore[union-attr]
            return
        if isinstance(t, SliceType):  # &[T]
            args.append(self.value(e))
            spec.stages.append(Stage("slice", PtrType(t.elem, "ref"), 1, t.elem))
            return
        assert isinstance(t, PtrType)
        if isinstance(e, A.Ref) and _is_place_expr(e.x):
            pl = self.place(e.x)
            self.check_usable(pl.path, e.pos, "borrow", pl.desc)
            coll = pl.ir
        else:
            coll = ir.Deref(t.elem, e.pos, self.value(e))
        args.append(self._as_slice(coll, t.elem, e.pos))
        spec.stages.append(Stage("slice", PtrType(t.elem.elem, t.flavor), 1, t.elem.elem))  # type: ignore[attr-defined]

    def _as_slice(self, coll: ir.Expr, ct: Type, pos: tuple) -> ir.Expr:
        sl_t = SliceType(ct.elem, "ref")  # type: ignore[attr-defined]
        if isinstance(ct, ArrayType):
            return ir.Intrinsic(sl_t, pos, "array_as_slice", [coll])
        if isinstance(ct, SliceType) and ct.flavor == "vec":
            return ir.Intrinsic(sl_t, pos, "vec_as_slice", [coll])
        return coll

    # ---- consumers ------------------------------------------------------------------------

    def consume_chain(self, e: A.MethodCall) -> ir.Expr:
        term = e.method
        pipe = self.open_pipe(e.receiver)
        spec_p: PipeSpec = pipe.extra  # type: ignore[attr-defined]
        item = spec_p.stages[-1].item
        result = e.ty
        if term in ("sum", "product"):
            result = getattr(e, "sum_ty", None) or result
        args = [pipe] + [self.value(a) for a in e.args]
        spec = ConsumeSpec(term, item, result)
        site = None
        if getattr(e, "collect_string", False):
            spec.terminal = "collect_string"
            site = self.cl.site(e, "collect", reasons.expr_reason(
                "collect", extra="a String from an iterator: reserve(lower size hint), then push by push"))
        elif term == "collect":
            dst = result.elem  # type: ignore[union-attr]
            st = spec_p.stages
            src = st[0]
            if src.kind == "vec_into" and all(s.kind in _IN_PLACE for s in st[1:]):
                se = src.elem
                assert se is not None
                spec.in_place = se.size > 0 and dst.size > 0 and se.align == dst.align and se.size >= dst.size
            elif src.kind == "object" and all(s.kind in _IN_PLACE for s in st[1:]):
                spec.maybe_in_place = True  # decided at run time (consume.py)
            trusted = not any(s.kind == "filter" for s in st)
            if spec.in_place:
                why = "the source Vec's buffer is reused in place (no new allocation)"
            elif trusted:
                why = "the length is known up front (TrustedLen), so it allocates once, exactly"
            else:
                why = (f"the length is unknown (a filter): room for max({min_non_zero_cap(dst)}, lower "
                       f"size hint + 1) at the first element, then growth by realloc")
            site = (_quiet_site(e, "collect") if dst.size == 0 else
                    self.cl.site(e, "collect", reasons.expr_reason("collect", extra=why)))
        return ir.Intrinsic(result, e.pos, "iter_consume", args, site=site, extra=spec)

    def lower_extend(self, e: A.MethodCall) -> ir.Expr:
        pl = self.recv_place(e)
        self.require_mutable(pl, e.pos, "borrow")
        pipe = self.open_pipe(e.args[0])
        site = self.cl.site(e, "extend", reasons.expr_reason(
            "collect", extra="extend reserves the size hint: the upper bound once when it is exact, "
                             "else lower + 1 whenever the Vec is full"))
        return ir.Intrinsic(e.ty, e.pos, "vec_extend", [pl.ir, pipe], site=site,
                            extra="deref" if getattr(e, "extend_deref", False) else "")


def _stage_bytes(s: Stage) -> int:
    """About what rustc lays the adapter struct out as."""
    k = s.kind
    if k in ("range", "range_incl"):
        return 2 * s.item.size + (1 if k == "range_incl" else 0)
    if k == "slice":
        return 16
    if k == "vec_into":
        return 32
    if k == "array_into":
        return s.length * (s.elem.size if s.elem else 0) + 16
    if k == "object":
        return s.item.size and 16
    if k in ("enumerate", "take", "skip"):
        return 8
    if k == "step_by":
        return 16
    if k in ("map", "filter"):
        return 8
    return 0


__all__ = ["IterLower", "TupleType"]
