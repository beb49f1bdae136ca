"""Lowering of `chars()` chains and `for c in s.chars()` (runtime: sim/rust/chars.py)."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import SliceType
from . import ast as A
from . import reasons
from .lower_common import _quiet_site
from .rtypes import RUST_STR, USIZE, find


class CharsLower:
    def chars_text(self, root: A.MethodCall) -> ir.Expr:
        """The `&str` a `chars()` call reads."""
        rt = root.recv_ty  # type: ignore[attr-defined]
        if isinstance(rt, SliceType) and rt.flavor == "string":
            return ir.Intrinsic(RUST_STR, root.pos, "string_as_str", [self.recv_place(root).ir])  # type: ignore[attr-defined]
        return self.receiver(root)  # type: ignore[attr-defined]

    def chars_chain(self, e: A.MethodCall) -> ir.Expr:
        name = e.method
        if name not in ("count", "collect"):
            self.fail("unsupported: a `chars()` iterator used as a value (end it with count or collect, "  # type: ignore[attr-defined]
                      "or loop over it with `for`)", e.pos)
        root = e.chars_root  # type: ignore[attr-defined]
        ops: list[tuple[str, A.MethodCall]] = e.chars_ops  # type: ignore[attr-defined]
        args = [self.chars_text(root)]
        kinds: list[str] = []
        items: list[Any] = []
        rev = False
        for kd, call in ops:
            if kd == "rev":
                rev = True
                continue
            kinds.append(kd)
            items.append(call.item_ty)  # type: ignore[attr-defined]
            args.append(self.value(call.args[0]))  # type: ignore[attr-defined]
        terminal = "count" if name == "count" else e.collect_kind  # type: ignore[attr-defined]
        out_item = find(e.ty).elem if terminal == "vec" else None  # type: ignore[union-attr]
        if terminal == "count":
            out_item = ops[-1][1].ty.item if kinds else None  # type: ignore[union-attr]
            from .rtypes import CHAR
            out_item = out_item or CHAR
        site = None
        if terminal != "count":
            why = ("a String from chars: room for the size hint's lower bound ((bytes + 3) / 4, 8 at least) "
                   "up front, then String::push growth" if terminal == "string" else
                   "chars() is not TrustedLen: room for max(MIN_NON_ZERO_CAP, hint + 1) at the first "
                   "item, then doubling")
            site = (_quiet_site(e, "collect") if out_item is not None and out_item.size == 0 else
                    self.cl.site(e, "collect", reasons.expr_reason("collect", extra=why)))  # type: ignore[attr-defined]
        spec = {"kinds": kinds, "items": items, "rev": rev, "terminal": terminal,
                "out_item": out_item if terminal != "string" else None}
        return ir.Intrinsic(e.ty, e.pos, "chars_chain", args, site=site, extra=spec)

    def chars_for_state(self, e: A.For) -> tuple[list[ir.Expr], str, Any]:
        """`for c in s.chars()` (or `.rev()`): the &str and a byte offset."""
        it = e.iter
        pos = e.pos
        root = it.chars_root  # type: ignore[attr-defined]
        rev = any(kd == "rev" for kd, _ in it.chars_ops)  # type: ignore[attr-defined]
        s = self.hidden(e, "str", RUST_STR, "<chars>")  # type: ignore[attr-defined]
        self.emit(ir.Decl(pos, s, self.chars_text(root)))  # type: ignore[attr-defined]
        off = self.hidden(e, "offset", USIZE, "<offset>")  # type: ignore[attr-defined]
        self.emit(ir.Decl(pos, off, ir.Const(USIZE, pos, 0)))  # type: ignore[attr-defined]
        from .rtypes import CHAR
        return [ir.VarRef(RUST_STR, pos, s), ir.VarRef(USIZE, pos, off)], \
            "for_chars_next_rev" if rev else "for_chars_next", CHAR
