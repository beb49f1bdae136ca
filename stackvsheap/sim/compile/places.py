"""Places: an lvalue compiles to `loc(fr) -> (block, cell)`."""

from __future__ import annotations

from ...lang import ir
from ...lang.types import ArrayType, PtrType, SliceType
from ..machine import Frame, RunError
from ..memory import STACK, Block
from .base import Loc, deref_fault


class PlaceMixin:
    # ---- places --------------------------------------------------------------

    def place(self, e: ir.Expr) -> Loc:
        if isinstance(e, ir.VarRef):
            return self.var_place(e.var)
        if isinstance(e, ir.FieldRef):
            return self.field_place(e)
        if isinstance(e, ir.IndexRef):
            return self.index_place(e)
        if isinstance(e, ir.Deref):
            return self.deref_place(e)
        # A value used where a place is needed (a method call on a temporary,
        # a field of a returned struct): materialise it in a fresh temp block.
        ev = self.expr(e)
        t = e.ty
        m = self.m

        def temp_place(fr: Frame) -> tuple[Block, int]:
            v = ev(fr)
            b = m.new_block(t, 1, STACK, "temporary", fr.block.addr)
            if t.nleaves == 1 and not t.is_aggregate:
                b.cells[0] = v
            else:
                b.cells[:] = v
            return b, 0
        return temp_place

    def var_place(self, v: ir.Var) -> Loc:
        s = self.slot(v)
        base = s.base
        m = self.m
        if s.is_global:
            g = m.globals
            if s.indirect or v.placement == "heap":
                def gplace_ind(fr: Frame) -> tuple[Block, int]:
                    m.access(g.addr + s.offset, 8)
                    p = g.cells[base]
                    return p.block, p.index
                return gplace_ind
            return lambda fr: (g, base)
        if s.indirect:
            off = s.offset

            def place_ind(fr: Frame) -> tuple[Block, int]:
                fb = fr.block
                m.access(fb.addr + off, 8)
                p = fb.cells[base]
                return p.block, p.index
            return place_ind
        return lambda fr: (fr.block, base)

    def field_place(self, e: ir.FieldRef) -> Loc:
        bt = e.base.ty
        start, _ = bt.field_leaf_range(e.index)  # type: ignore[union-attr]
        inner = self.place(e.base)
        if start == 0:
            return inner

        def fplace(fr: Frame) -> tuple[Block, int]:
            b, i = inner(fr)
            return b, i + start
        return fplace

    def _bounds(self, idx: int, n: int, pos: ir.Pos) -> RunError:
        if self.go:
            return RunError(f"panic: runtime error: index out of range [{idx}] with length {n}", pos)
        return RunError(
            f"thread 'main' panicked: index out of bounds: the len is {n} but the index is {idx}", pos
        )

    def index_place(self, e: ir.IndexRef) -> Loc:
        bt = e.base.ty
        ix = self.expr(e.index)
        pos = e.pos
        bounds = self._bounds
        if isinstance(bt, ArrayType):
            inner = self.place(e.base)
            nl = bt.elem.nleaves
            length = bt.length

            def aplace(fr: Frame) -> tuple[Block, int]:
                b, i = inner(fr)
                k = ix(fr)
                if k < 0 or k >= length:
                    raise bounds(k, length, pos)
                return b, i + k * nl
            return aplace
        if isinstance(bt, PtrType) and isinstance(bt.elem, ArrayType):
            # Go: indexing through a pointer to an array
            return self.index_place(ir.IndexRef(e.ty, e.pos, ir.Deref(bt.elem, e.pos, e.base), e.index))
        if isinstance(bt, SliceType):
            sv_ev = self.expr(e.base)
            nl = bt.elem.nleaves

            def splace(fr: Frame) -> tuple[Block, int]:
                sv = sv_ev(fr)
                k = ix(fr)
                if k < 0 or k >= sv.length:
                    raise bounds(k, sv.length, pos)
                return sv.block, sv.start + k * nl
            return splace
        raise ir.UnsupportedError(f"unsupported: indexing {bt}", e.pos, self.p.file)

    def deref_place(self, e: ir.Deref) -> Loc:
        pv = self.expr(e.ptr)
        pos = e.pos
        go = self.go

        def dplace(fr: Frame) -> tuple[Block, int]:
            p = pv(fr)
            if p is None or not p.block.alive:
                raise deref_fault(p, go, pos)
            b = p.block
            return b, p.index
        return dplace
