"""Struct update syntax, `S { a: x, ..base }`: the given fields are evaluated
first, in source order, then every other field is moved (or copied) out of
`base` as a place, so a non-Copy field leaves `base` partly moved, as in
rustc (a temporary `base` drops what is left at the end of the statement)."""

from __future__ import annotations

from .. import ir
from ..types import StructType
from . import ast as A
from .lower_common import PlaceInfo, _ext, _is_place_expr


class UpdateLower:
    def struct_update(self, e: A.StructLit, st: StructType, vals: dict[str, ir.Expr],
                      order: list[str]) -> ir.Expr:
        stmts: list[ir.Stmt] = []
        for name in order:
            v = vals[name]
            if not isinstance(v, (ir.Const, ir.VarRef)):
                tmp = self.hidden(e, "field " + name, v.ty, f"<field {name}>")
                stmts.append(ir.Decl(e.pos, tmp, v))
                vals[name] = ir.VarRef(v.ty, e.pos, tmp)
        saved, self.cur = self.cur, stmts
        try:
            if _is_place_expr(e.base):
                base = self.place(e.base)
            else:
                # a temporary, evaluated once; what is left of it drops with the statement's temps
                tmp = self.hidden(e.base, "update base", st, "<temporary>")
                self.emit(ir.Decl(e.base.pos, tmp, self.value(e.base)))
                self.declare(tmp, e.base.pos, True, self.temp_scope())
                base = PlaceInfo(ir.VarRef(st, e.base.pos, tmp), (tmp, ()), True, desc="temporary value")
            for i, (name, ft) in enumerate(st.fields):
                if name in vals:
                    continue
                fpl = PlaceInfo(ir.FieldRef(ft, e.base.pos, base.ir, i), _ext(base.path, i), base.mutable,
                                desc=f"{base.desc}.{name}")
                vals[name] = self.use_place(fpl, ft, e.base.pos)
        finally:
            self.cur = saved
        out = ir.CompositeLit(st, e.pos, [vals[n] for n, _ in st.fields])
        return self.seq(stmts, out, e.pos) if stmts else out

