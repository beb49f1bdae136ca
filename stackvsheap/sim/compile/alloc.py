"""Allocation sites, composite literals and runtime intrinsics."""

from __future__ import annotations

from typing import Any, Callable

from ...lang import ir
from ...lang.types import Type
from ..intrinsics import INTRINSICS
from ..machine import Frame
from ..memory import Block, Ptr
from ..shapes import zero_cells
from .base import Exec, VarSlot, View, ptr_to


class AllocMixin:
    # ---- allocation ----------------------------------------------------------

    def temp_slot(self, node: Any) -> VarSlot:
        return self.cur.temps[node if isinstance(node, tuple) else id(node)]

    @staticmethod
    def append_store_key(e: ir.Append) -> tuple[str, int]:
        """appends to the same variable share one stack store per call."""
        s = e.slice
        return ("append", id(s.var) if isinstance(s, ir.VarRef) else id(e))

    def new_object(self, node: Any, site: ir.AllocSite, elem: Type, count: int) -> Callable[[Frame], Block]:
        """Storage for a site: the heap when it escapes (or always, for Rust's
        allocating library calls), else its autotmp in the current frame."""
        m = self.m
        pos = site.pos
        label = site.text
        if site.placement == "stack":  # (Rust: a closure's captures, in the frame)
            s = self.temp_slot(node)
            zeros = zero_cells(elem) * count

            def on_stack(fr: Frame) -> Block:
                fb = fr.block
                m.put(fb, s.base, list(zeros))
                return View(fb, s.base, s.offset, elem, count)  # type: ignore[return-value]
            return on_stack
        if self.go:
            return lambda fr: m.go_alloc(elem, count, label, site, pos)
        return lambda fr: m.rust_alloc(elem, count, label, site, pos)

    def e_Alloc(self, e: ir.Alloc) -> Exec:
        elem = e.ty.elem  # type: ignore[union-attr]
        mk = self.new_object(e, e.site, elem, 1)
        init = self.expr(e.init) if e.init is not None else None
        store = self.store_fn(elem)
        if (init is not None and not self.go and self.m.rec is None and e.site.placement == "heap"
                and elem.nleaves == 1 and not elem.is_aggregate):
            return self._box_scalar(e, init)
        if init is None:
            def alloc0(fr: Frame) -> Ptr:
                b = mk(fr)
                return ptr_to(b, 0)
            return alloc0

        def alloc(fr: Frame) -> Ptr:
            v = init(fr)
            b = mk(fr)
            p = ptr_to(b, 0)
            store(p.block, p.index, v)
            return p
        return alloc

    def _box_scalar(self, e: ir.Alloc, init: Exec) -> Exec:
        """`Box::new(x)` of a scalar, unrecorded: rust_alloc then store1 into
        the new one-leaf block, without the new_object/ptr_to/store calls."""
        m = self.m
        rust_alloc = m.rust_alloc
        acc_w = m.access_w
        elem = e.ty.elem  # type: ignore[union-attr]
        site = e.site
        label, pos = site.text, site.pos

        def box_scalar(fr: Frame) -> Ptr:
            v = init(fr)
            b = rust_alloc(elem, 1, label, site, pos)
            acc_w(b.addr, b.elem_size)
            b.cells[0] = v
            return Ptr(b, 0)
        return box_scalar

    def e_CompositeLit(self, e: ir.CompositeLit) -> Exec:
        parts = [(self.expr(x), x.ty.nleaves == 1 and not x.ty.is_aggregate) for x in e.elems]

        def lit(fr: Frame) -> tuple:
            out: list[Any] = []
            for ev, scalar in parts:
                v = ev(fr)
                if scalar:
                    out.append(v)
                else:
                    out.extend(v)
            return tuple(out)
        return lit

    def e_Intrinsic(self, e: ir.Intrinsic) -> Exec:
        b = INTRINSICS.get(e.name)
        if b is None:
            raise ir.UnsupportedError(f"unsupported: {e.name}", e.pos, self.p.file)
        return b(self, e, [self.expr(a) for a in e.args])
