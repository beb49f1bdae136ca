"""Lowering of `Vec::retain` and `Vec::drain` (runtime: sim/rust/retain.py)."""

from __future__ import annotations

from .. import ir
from . import ast as A
from . import reasons
from .lower_common import _quiet_site
from .rtypes import UNIT


class RetainLower:
    def retain_method(self, e: A.MethodCall, key: str) -> ir.Expr | None:
        if key == "vec_retain":
            pl = self.recv_place(e).ir  # type: ignore[attr-defined]
            return ir.Intrinsic(UNIT, e.pos, "vec_retain", [pl, self.value(e.args[0])])  # type: ignore[attr-defined]
        if key == "vec_drain":  # the Drain itself dropped: the drained elements go
            return self.drain(e, None)
        return None

    def drain(self, d: A.MethodCall, collect: A.MethodCall | None) -> ir.Expr:
        """`v.drain(r)` dropped, or `v.drain(r).collect()` (the `collect` call)."""
        pl = self.recv_place(d).ir  # type: ignore[attr-defined]
        r = d.args[0]
        assert isinstance(r, A.Range)
        bounds = [self.value(b) for b in (r.lo, r.hi) if b is not None]  # type: ignore[attr-defined]
        extra = {"lo": r.lo is not None, "hi": r.hi is not None, "inclusive": r.inclusive,
                 "collect": collect is not None}
        if collect is None:
            return ir.Intrinsic(UNIT, d.pos, "vec_drain", [pl] + bounds, extra=extra)
        et = collect.ty.elem  # type: ignore[attr-defined]
        if et.size == 0:
            site = _quiet_site(collect, "collect")
        else:
            site = self.cl.site(collect, "collect", reasons.expr_reason(  # type: ignore[attr-defined]
                "collect", extra="Drain knows its length (TrustedLen): one exact allocation for the "
                "drained elements; the drain itself allocates nothing"))
        return ir.Intrinsic(collect.ty, collect.pos, "vec_drain", [pl] + bounds, site=site, extra=extra)

    def drain_chain(self, e: A.MethodCall) -> ir.Expr | None:
        """An iterator chain whose source is `drain` (only `.collect()` right after
        it) or a HashMap iterator (`count`, `sum`, `collect` right after it)."""
        src = e.receiver
        mc = self.map_chain(e)  # type: ignore[attr-defined]
        if mc is not None:
            return mc
        if getattr(src, "iter_src", None) != "vec_drain":
            inner = src
            while isinstance(inner, A.MethodCall) and getattr(inner, "method_info", (None,))[0] == "iter":
                inner = inner.receiver
            if getattr(inner, "iter_src", None) == "vec_drain":
                self.fail("unsupported: iterator adapters on `drain` (collect it into a Vec first)",  # type: ignore[attr-defined]
                          e.method_pos)
            return None
        if e.method != "collect":
            self.fail(f"unsupported: `{e.method}` on `drain` (collect it into a Vec first)", e.method_pos)  # type: ignore[attr-defined]
        return self.drain(src, e)  # type: ignore[arg-type]
