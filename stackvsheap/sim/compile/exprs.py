"""Expressions: constants, variables, fields, indexing, operators."""

from __future__ import annotations

from typing import Any

from ...lang import ir
from ...lang.types import ArrayType, FloatType, IntType, StringType, Type
from ..intrinsics import NODE_FORMS
from ..machine import Frame, RunError
from ..memory import FuncV, Ptr
from ..ops import binary_op, convert
from ..shapes import zero_cells
from .base import Exec, deref_fault


class ExprMixin:
    # ---- expressions ---------------------------------------------------------

    def expr(self, e: ir.Expr) -> Exec:
        meth = getattr(self, "e_" + e.__class__.__name__, None)
        if meth is not None:
            return meth(e)
        form = NODE_FORMS.get(e.__class__)
        if form is None:
            raise ir.UnsupportedError(f"unsupported: {e.__class__.__name__}", e.pos, self.p.file)
        return form(self, e)

    def const_value(self, t: Type, v: Any) -> Any:
        if v is None:
            z = zero_cells(t)
            return z[0] if (len(z) == 1 and not t.is_aggregate) else z
        if isinstance(t, StringType):
            return self.m.literal(v)
        if isinstance(t, FloatType):
            return float(v)
        return v

    def e_Const(self, e: ir.Const) -> Exec:
        v = self.const_value(e.ty, e.value)
        return lambda fr: v

    def e_Zero(self, e: ir.Zero) -> Exec:
        v = self.const_value(e.ty, None)
        return lambda fr: v

    def e_FuncRef(self, e: ir.FuncRef) -> Exec:
        fv = FuncV(self.codes[id(e.func)], None)
        return lambda fr: fv

    def e_VarRef(self, e: ir.VarRef) -> Exec:
        t = e.ty
        s = self.slot(e.var)
        m = self.m
        scalar = t.nleaves == 1 and not t.is_aggregate
        if not s.indirect and not s.is_global and scalar:
            base, off, size = s.base, s.offset, t.size
            acc = m.access

            def local(fr: Frame) -> Any:
                fb = fr.block
                acc(fb.addr + off, size)
                return fb.cells[base]
            return local
        loc = self.var_place(e.var)
        load = self.load_fn(t)
        return lambda fr: load(*loc(fr))

    def _value_of_place(self, e: ir.Expr) -> Exec:
        loc = self.place(e)
        load = self.load_fn(e.ty)
        return lambda fr: load(*loc(fr))

    def e_FieldRef(self, e: ir.FieldRef) -> Exec:
        if self._is_place(e.base):
            return self._value_of_place(e)
        inner = self.expr(e.base)
        start, n = e.base.ty.field_leaf_range(e.index)  # type: ignore[union-attr]
        if n == 1 and not e.ty.is_aggregate:
            return lambda fr: inner(fr)[start]
        return lambda fr: tuple(inner(fr)[start:start + n])

    def _is_place(self, e: ir.Expr) -> bool:
        if isinstance(e, (ir.VarRef, ir.Deref)):
            return True
        if isinstance(e, ir.FieldRef):
            return self._is_place(e.base)
        if isinstance(e, ir.IndexRef):
            return not isinstance(e.base.ty, ArrayType) or self._is_place(e.base)
        return False

    def e_IndexRef(self, e: ir.IndexRef) -> Exec:
        bt = e.base.ty
        if isinstance(bt, StringType):
            sv = self.expr(e.base)
            ix = self.expr(e.index)
            m = self.m
            pos = e.pos
            bounds = self._bounds

            def sindex(fr: Frame) -> int:
                s = sv(fr)
                k = ix(fr)
                data = s.text.encode("utf-8", "surrogateescape")  # (Go: invalid bytes are lone surrogates)
                if k < 0 or k >= len(data):
                    raise bounds(k, len(data), pos)
                m.access(s.addr + k, 1)
                return data[k]
            return sindex
        if isinstance(bt, ArrayType) and not self._is_place(e.base):
            inner = self.expr(e.base)
            ix = self.expr(e.index)
            nl = bt.elem.nleaves
            length = bt.length
            pos = e.pos
            bounds = self._bounds
            scalar = nl == 1 and not bt.elem.is_aggregate

            def avalue(fr: Frame) -> Any:
                vals = inner(fr)
                k = ix(fr)
                if k < 0 or k >= length:
                    raise bounds(k, length, pos)
                return vals[k] if scalar else tuple(vals[k * nl:(k + 1) * nl])
            return avalue
        return self._value_of_place(e)

    def e_Deref(self, e: ir.Deref) -> Exec:
        t = e.ty
        if self.m.rec is None and t.nleaves == 1 and not t.is_aggregate:
            return self._deref_scalar(e)
        return self._value_of_place(e)

    def _deref_scalar(self, e: ir.Deref) -> Exec:
        """`*p` of a one-leaf value, unrecorded: deref_place and load1 in one
        closure (`**b` in a loop was six calls)."""
        pv = self.expr(e.ptr)
        acc = self.m.access
        pos = e.pos
        go = self.go

        def deref_load(fr: Frame) -> Any:
            p = pv(fr)
            if p is None or not p.block.alive:
                raise deref_fault(p, go, pos)
            b = p.block
            i = p.index
            if b.nleaves == 1:
                acc(b.addr + i * b.elem_size, b.elem_size)
            else:
                n = b.nleaves
                r = i % n
                acc(b.addr + i // n * b.elem_size + b.offsets[r], b.lsizes[r])
            return b.cells[i]
        return deref_load

    def e_AddrOf(self, e: ir.AddrOf) -> Exec:
        pl = e.place
        if isinstance(pl, ir.VarRef) and not pl.var.is_global:
            sl = self.slot(pl.var)
            if sl.indirect:
                # &x of a variable moved to the heap: the pointer its frame
                # slot already holds (the compiler's &x heap address)
                base, off = sl.base, sl.offset
                acc = self.m.access

                def addr_heap_var(fr: Frame) -> Ptr:
                    fb = fr.block
                    acc(fb.addr + off, 8)
                    return fb.cells[base]
                return addr_heap_var
        loc = self.place(pl)

        def addr_of(fr: Frame) -> Ptr:
            b, i = loc(fr)
            return Ptr(b, i)
        return addr_of

    def e_Unary(self, e: ir.Unary) -> Exec:
        x = self.expr(e.x)
        t = e.ty
        if e.op == "!":
            return lambda fr: not x(fr)
        if e.op == "+":
            return x
        if e.op == "-":
            if isinstance(t, IntType):
                if not self.go and e.__dict__.get("checked", False):
                    pass
                wrap = t.wrap
                if self.go:
                    return lambda fr: wrap(-x(fr))
                pos = e.pos

                def neg(fr: Frame) -> int:
                    v = -x(fr)
                    if not t.in_range(v):
                        raise RunError("thread 'main' panicked: attempt to negate with overflow", pos)
                    return v
                return neg
            return lambda fr: -x(fr)
        if e.op == "^" or e.op == "~":
            wrap = t.wrap  # type: ignore[union-attr]
            return lambda fr: wrap(~x(fr))
        raise ir.UnsupportedError(f"unsupported: unary {e.op}", e.pos, self.p.file)

    def e_Binary(self, e: ir.Binary) -> Exec:

        return binary_op(self, e)

    def e_Convert(self, e: ir.Convert) -> Exec:

        return convert(self, e)
