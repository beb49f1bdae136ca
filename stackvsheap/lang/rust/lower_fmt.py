"""Lowering of `format!` and of the arguments of prints and formats.

An argument is borrowed by `format_args!` (a place is not moved; a
temporary lives to the end of the statement). A hole with a spec or a
radix (`{:>8}`, `{:x}`) needs the trait its letter names; `format!` needs
the exact write sequence of the value (sim/rust/fmt.py), refused by name
for the types it does not follow.
"""

from __future__ import annotations

from .. import ir
from ..types import FloatType, IntType, Type
from . import ast as A
from .fmtspec import Hole, modelled
from .rtypes import STRING, find, is_copy, is_debug, is_display, strip_refs
from .lower_common import _is_place_expr, _quiet_site

FORMAT_REASON = ("format! builds a new String: capacity estimated from the literal text "
                 "(doubled when there are arguments), grown as the pieces are written")


TO_STRING_REASON = ("to_string allocates a new String: exactly the text for unsigned integers, chars and "
                    "bools, the longest value of the type for signed integers, grown as written for floats")


class FmtLower:
    def fmt_args(self, pieces: list[str], args: list[A.Expr], building: bool) -> list[ir.Expr]:
        out = []
        for piece, a in zip([p for p in pieces if isinstance(p, Hole)], args):
            user = self.user_display_arg(piece, a)  # type: ignore[attr-defined]
            if user is not None:
                out.append(user)
                continue
            self.check_hole(piece, a, building)
            if _is_place_expr(a):
                pl = self.place(a)  # type: ignore[attr-defined]
                self.check_usable(pl.path, a.pos, "borrow", pl.desc)  # type: ignore[attr-defined]
                out.append(pl.ir)
            else:
                out.append(self.value(a) if is_copy(a.ty) else self.temp_place(a).ir)  # type: ignore[attr-defined]
        return out

    def check_hole(self, piece: str, a: A.Expr, building: bool) -> None:
        t = a.ty
        kind = getattr(piece, "kind", "?" if piece == "{:?}" else "")
        if kind == "" and not is_display(t):
            self.fail(f"`{t}` doesn't implement `std::fmt::Display`", a.pos)  # type: ignore[attr-defined]
        if kind == "?" and not is_debug(t):
            self.fail(f"`{t}` doesn't implement `Debug`", a.pos)  # type: ignore[attr-defined]
        base, _ = strip_refs(t)
        base = find(base)
        if kind in ("x", "X", "o", "b") and not isinstance(base, IntType):
            self.fail(f"the trait `{piece.trait}` is not implemented for `{t}`", a.pos)  # type: ignore
        if kind in ("e", "E") and not isinstance(base, FloatType):
            if isinstance(base, IntType):
                self.fail(f"unsupported: `{{:{kind}}}` of an integer", a.pos)  # type: ignore
            self.fail(f"the trait `{piece.trait}` is not implemented for `{t}`", a.pos)  # type: ignore
        plain = getattr(piece, "plain", True) or piece == "{:#?}"  # (pretty Debug: ops.pretty_debug)
        if building and piece == "{:#?}":
            self.fail("unsupported: format! with `{:#?}`", a.pos)  # type: ignore
        if kind == "?" and not plain and not isinstance(base, (IntType, FloatType)):
            self.fail(f"unsupported: format options on `{{:?}}` of `{t}`", a.pos)  # type: ignore
        if (building or not plain) and not modelled(t, kind == "?"):
            self.fail(f"unsupported: {'format!' if building else 'a format spec'} of a `{t}` "
                      f"with `{{{':' if kind else ''}{kind}}}`", a.pos)  # type: ignore

    def v_FormatMacro(self, e: A.FormatMacro) -> ir.Expr:
        args = self.fmt_args(e.pieces, e.args, True)
        lits = sum(len(p) for p in e.pieces if not isinstance(p, Hole))
        quiet = not e.args and lits == 0
        site = _quiet_site(e, "string") if quiet else self.cl.site(e, "string", FORMAT_REASON)  # type: ignore
        return ir.Intrinsic(STRING, e.pos, "format", args, extra=list(e.pieces), site=site)

    def prim_to_string(self, e: A.MethodCall) -> ir.Expr:
        """`n.to_string()` on a number, char or bool (alloc's SpecToString)."""
        recv = self.receiver(e)  # type: ignore[attr-defined]
        site = self.cl.site(e, "string", TO_STRING_REASON)  # type: ignore[attr-defined]
        return ir.Intrinsic(STRING, e.pos, "prim_to_string", [recv], site=site)
