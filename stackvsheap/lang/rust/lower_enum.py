"""User enums in the lowering: variant values, and the tests and places of
variant patterns.

An enum value is a `CompositeLit` of its flat fields (see enums.py): the tag
(the variant's index), the active variant's fields, and zero values for the
other variants' fields, which is what keeps drops and clones of the inactive
fields no-ops. A variant pattern tests the tag field and matches its
sub-patterns on the variant's fields as on a tuple's.
"""

from __future__ import annotations

from .. import ir
from . import ast as A
from .enums import EnumType
from .rtypes import BOOL
from .lower_common import PlaceInfo, Pos, _ext


class EnumLower:
    def enum_value(self, et: EnumType, idx: int, vals: list[ir.Expr], pos: Pos) -> ir.Expr:
        v = et.variants[idx]
        tag_t = et.fields[0][1]
        cells: list[ir.Expr] = [ir.Const(tag_t, pos, idx)]
        for k, (_, ft) in enumerate(et.fields[1:], start=1):
            if v.first <= k < v.first + len(v.fields):
                cells.append(vals[k - v.first])
            else:
                cells.append(ir.Zero(ft, pos))
        return ir.CompositeLit(et, pos, cells)

    def variant_struct_lit(self, e: A.StructLit) -> ir.Expr:
        """`Message::Move { y: f(), x: g() }`: fields evaluated in source order."""
        et, idx = e.variant  # type: ignore[attr-defined]
        v = et.variants[idx]
        stmts: list[ir.Stmt] = []
        vals: dict[str, ir.Expr] = {}
        decl_order = [n for n, _ in v.fields]
        in_order = [n for n, _, _ in e.fields] == decl_order
        for name, x, _ in e.fields:
            val = self.coerced(x, self.value(x))
            if not in_order and not isinstance(val, (ir.Const, ir.VarRef)):
                tmp = self.hidden(e, "field " + name, val.ty, f"<field {name}>")
                stmts.append(ir.Decl(e.pos, tmp, val))
                val = ir.VarRef(val.ty, e.pos, tmp)
            vals[name] = val
        out = self.enum_value(et, idx, [vals[n] for n in decl_order], e.pos)
        return self.seq(stmts, out, e.pos) if stmts else out

    def variant_test(self, p: A.PVariant, pl: PlaceInfo) -> ir.Expr | None:
        et, idx = p.variant  # type: ignore[attr-defined]
        pos = p.pos
        tag_t = et.fields[0][1]
        test: ir.Expr | None = None
        if len(et.variants) > 1:
            test = ir.Binary(BOOL, pos, "==", ir.FieldRef(tag_t, pos, pl.ir, 0), ir.Const(tag_t, pos, idx))
        for k, sub in p.subs:  # type: ignore[attr-defined]
            c = self.pattern_test(sub, self.variant_field(et, k, pl, pos))
            if c is not None:
                test = c if test is None else ir.Binary(BOOL, pos, "&&", test, c)
        return test

    def variant_field(self, et: EnumType, k: int, pl: PlaceInfo, pos: Pos) -> PlaceInfo:
        name, ft = et.fields[k]
        return PlaceInfo(ir.FieldRef(ft, pos, pl.ir, k), _ext(pl.path, k), pl.mutable,
                         desc=f"{pl.desc}.{name.split('.', 1)[1]}")

    def bind_variant(self, p: A.PVariant, pl: PlaceInfo, scope: object) -> None:
        et, _ = p.variant  # type: ignore[attr-defined]
        for k, sub in p.subs:  # type: ignore[attr-defined]
            self.bind_pattern(sub, self.variant_field(et, k, pl, p.pos), scope)
