"""Function literals and expression-valued blocks, ifs and loops."""

from __future__ import annotations

from typing import Any

from ...lang import ir
from ..machine import Frame
from ..memory import FuncV, Ptr
from .base import BREAK, CONTINUE, Exec, Jump, EnvView, Propagate, ptr_to


class ClosureMixin:
    def e_FuncLit(self, e: ir.FuncLit) -> Exec:
        code = self.codes[id(e.func)]
        m = self.m
        if not e.captures:
            fv = FuncV(code, None)  # a static closure: no allocation
            return lambda fr: fv
        ct = self._closure_type(e)
        mk = self.new_object(e, e.site, ct, 1)
        caps = []
        for c in e.captures:
            if c.by_ref:
                caps.append((True, self.place(ir.VarRef(c.var.ty, e.pos, c.var)), c.var.ty))
            else:
                caps.append((False, self.expr(ir.VarRef(c.var.ty, e.pos, c.var)), c.var.ty))
        def closure(fr: Frame) -> FuncV:
            b = mk(fr)
            p = ptr_to(b, 0)
            blk, base = p.block, p.index
            m.access_w(blk.cell_addr(base), 8)
            k = base + 1
            vals = []
            for by_ref, ev, t in caps:
                if by_ref:
                    vals.append(Ptr(*ev(fr)))
                else:
                    v = ev(fr)
                    vals.extend(v if t.is_aggregate else (v,))
            for v in vals:
                m.access_w(blk.cell_addr(k), blk.cell_size(k))
                m.put(blk, k, [v])
                k += 1
            if base == 0:
                return FuncV(code, blk)
            env = EnvView(blk, base)
            return FuncV(code, env)  # type: ignore[arg-type]
        return closure

    def e_IfExpr(self, e: ir.IfExpr) -> Exec:
        cond = self.expr(e.cond)
        then = self.block_value(e.then)
        els = self.block_value(e.else_) if e.else_ is not None else (lambda fr: ())
        return lambda fr: then(fr) if cond(fr) else els(fr)

    def e_BlockExpr(self, e: ir.BlockExpr) -> Exec:
        return self.block_value(e.block)

    def e_LoopExpr(self, e: ir.LoopExpr) -> Exec:
        body = self.block(e.body)
        label = e.label

        def loop(fr: Frame) -> Any:
            while True:
                r = body(fr)
                if r is None or r == CONTINUE:
                    continue
                if r == BREAK:
                    return ()  # `break` without a value: the loop's value is ()
                if isinstance(r, Jump):
                    if r.label == label or r.label is None:
                        if r.kind == BREAK:
                            return r.value
                        continue
                    raise Propagate(r)
                raise Propagate(r)
        return loop
