"""Declarations and assignments."""

from __future__ import annotations

from typing import Any, Callable

from ...lang import ir
from ...lang.types import TupleType, Type
from ..intrinsics import REWRITES
from ..machine import Frame
from ..memory import Block, Ptr
from ..ops import op_assign, printer
from .base import Exec


class AssignMixin:
    def _store_var(self, v: ir.Var) -> Callable[[Frame, Any], None]:
        """Initialise a variable at its declaration (moving it to the heap
        first if escape analysis says so: one new object per execution)."""
        s = self.slot(v)
        m = self.m
        store = self.store_fn(v.ty)
        t = v.ty
        rec = m.rec
        declared = rec.decl_site(v) if rec is not None else None
        if s.is_global:
            g = m.globals
            return lambda fr, val: store(g, s.base, val)
        if v.placement == "heap":
            off = s.offset
            pack = self._packs.get(id(v))
            if pack is not None:
                plan, first = pack
                voff = plan.offsets[id(v)]

                def new_obj(fr: Frame) -> Block:
                    packs = fr.packs
                    if packs is None:
                        packs = fr.packs = {}
                    if first or id(plan) not in packs:
                        packs[id(plan)] = m.go_alloc_packed(plan.size, v.pos)
                    addr, obj = packs[id(plan)]
                    return m.go_attach(t, addr + voff, obj, v.name, v)
            elif not v.per_iteration:
                # a loop variable loopvar leaves shared: one object per call
                def new_obj(fr: Frame) -> Block:
                    p = fr.block.cells[s.base]
                    if p is not None:
                        return p.block
                    return m.go_alloc(t, 1, v.name, v, v.pos)
            else:
                def new_obj(fr: Frame) -> Block:
                    return m.go_alloc(t, 1, v.name, v, v.pos)

            if rec is None and t.nleaves == 1 and not t.is_aggregate:
                acc_w = m.access_w
                base, size = s.base, t.size

                def decl_heap_scalar(fr: Frame, val: Any) -> None:
                    hb = new_obj(fr)
                    fb = fr.block
                    acc_w(fb.addr + off, 8)
                    fb.cells[base] = Ptr(hb, 0)
                    acc_w(hb.addr, size)
                    hb.cells[0] = val

                if pack is None and v.per_iteration:
                    go_alloc = m.go_alloc
                    name, pos = v.name, v.pos

                    def fuse(init: Exec) -> Exec:
                        # `x := e` for a scalar x moved to the heap, in one closure
                        def decl_heap_fused(fr: Frame) -> None:
                            val = init(fr)
                            hb = go_alloc(t, 1, name, v, pos)
                            fb = fr.block
                            acc_w(fb.addr + off, 8)
                            fb.cells[base] = Ptr(hb, 0)
                            acc_w(hb.addr, size)
                            hb.cells[0] = val
                        return decl_heap_fused
                    decl_heap_scalar.fuse = fuse  # type: ignore[attr-defined]
                return decl_heap_scalar

            def decl_heap(fr: Frame, val: Any) -> None:
                hb = new_obj(fr)
                fb = fr.block
                m.access_w(fb.addr + off, 8)
                p = Ptr(hb, 0)
                if rec is not None:
                    rec.write(fb, s.base, fb.cells[s.base], p)
                    declared(fr)
                fb.cells[s.base] = p
                store(hb, 0, val)
            return decl_heap
        if s.indirect:
            loc = self.var_place(v)
            return lambda fr, val: store(*loc(fr), val)
        base = s.base
        if rec is None and t.nleaves == 1 and not t.is_aggregate:
            off, size = s.offset, t.size
            acc = m.access_w

            def decl_fast(fr: Frame, val: Any) -> None:
                fb = fr.block
                acc(fb.addr + off, size)
                fb.cells[base] = val
            return decl_fast

        def decl(fr: Frame, val: Any) -> None:
            if rec is not None:
                declared(fr)
            store(fr.block, base, val)
        return decl

    def s_Decl(self, s: ir.Decl) -> Exec:
        put = self._store_var(s.var)
        if s.init is None:
            z = self.const_value(s.var.ty, None)
            return lambda fr: put(fr, z)
        init = self.expr(s.init)
        fused = getattr(put, "fuse", None)
        if fused is not None:
            return fused(init)

        def decl(fr: Frame) -> None:
            put(fr, init(fr))
        return decl

    def _split(self, t: Type) -> list[tuple[int, int, bool]]:
        """(start, count, scalar) of each element of a tuple-typed value."""
        out = []
        start = 0
        elems = t.elems if isinstance(t, TupleType) else (t,)  # type: ignore[attr-defined]
        for et in elems:
            n = et.nleaves
            out.append((start, n, n == 1 and not et.is_aggregate))
            start += n
        return out

    def s_DeclTuple(self, s: ir.DeclTuple) -> Exec:
        init = self.expr(s.init)
        parts = self._split(s.init.ty)
        puts = [self._store_var(v) if v is not None else None for v in s.vars]

        def decl_tuple(fr: Frame) -> None:
            vals = init(fr)
            for put, (st, n, scalar) in zip(puts, parts):
                if put is not None:
                    put(fr, vals[st] if scalar else tuple(vals[st:st + n]))
        return decl_tuple

    def _assigner(self, target: ir.Expr | None) -> Callable[[Frame], Callable[[Any], None]] | None:
        if target is None:
            return None
        t = target.ty
        # fast path: scalar local
        if isinstance(target, ir.VarRef):
            s = self.slot(target.var)
            if not s.indirect and not s.is_global and t.nleaves == 1 and not t.is_aggregate and self.m.rec is None:
                base, off, size = s.base, s.offset, t.size
                acc = self.m.access_w

                def fast(fr: Frame) -> Callable[[Any], None]:
                    fb = fr.block

                    def put(v: Any) -> None:
                        acc(fb.addr + off, size)
                        fb.cells[base] = v
                    return put
                return fast
        loc = self.place(target)
        store = self.store_fn(t)

        def resolve(fr: Frame) -> Callable[[Any], None]:
            b, i = loc(fr)
            return lambda v: store(b, i, v)
        return resolve

    def s_Assign(self, s: ir.Assign) -> Exec:
        if len(s.targets) == 1 and s.targets[0] is not None:
            t = s.targets[0]
            v0 = s.values[0]
            if (self.go and isinstance(v0, ir.Append) and isinstance(v0.slice, ir.VarRef)
                    and isinstance(t, ir.VarRef) and v0.slice.var is t.var):
                fused = REWRITES["append_in_place"](self, v0)
                if fused is not None:
                    return fused
            val = self.expr(v0)
            if isinstance(t, ir.VarRef):
                sl = self.slot(t.var)
                if (not sl.indirect and not sl.is_global and t.ty.nleaves == 1
                        and not t.ty.is_aggregate and self.m.rec is None):
                    base, off, size = sl.base, sl.offset, t.ty.size
                    acc = self.m.access_w

                    def assign_local(fr: Frame) -> None:
                        v = val(fr)
                        fb = fr.block
                        acc(fb.addr + off, size)
                        fb.cells[base] = v
                    return assign_local
            loc = self.place(t)
            store = self.store_fn(t.ty)

            def assign1(fr: Frame) -> None:
                v = val(fr)
                b, i = loc(fr)
                store(b, i, v)
            return assign1
        targets = [self._assigner(t) for t in s.targets]
        vals = [self.expr(v) for v in s.values]

        def assign(fr: Frame) -> None:
            # Go: index expressions and pointer indirections on the left are
            # evaluated first, then the right-hand sides, then the stores.
            puts = [t(fr) if t is not None else None for t in targets]
            vs = [v(fr) for v in vals]
            for put, v in zip(puts, vs):
                if put is not None:
                    put(v)
        return assign

    def s_AssignTuple(self, s: ir.AssignTuple) -> Exec:
        targets = [self._assigner(t) for t in s.targets]
        val = self.expr(s.value)
        parts = self._split(s.value.ty)

        def assign_tuple(fr: Frame) -> None:
            puts = [t(fr) if t is not None else None for t in targets]
            vals = val(fr)
            for put, (st, n, scalar) in zip(puts, parts):
                if put is not None:
                    put(vals[st] if scalar else tuple(vals[st:st + n]))
        return assign_tuple

    def s_OpAssign(self, s: ir.OpAssign) -> Exec:

        return op_assign(self, s)

    def s_ExprStmt(self, s: ir.ExprStmt) -> Exec:
        ev = self.expr(s.expr)

        def expr_stmt(fr: Frame) -> None:
            ev(fr)
        return expr_stmt

    def s_Print(self, s: ir.Print) -> Exec:

        return printer(self, s)
