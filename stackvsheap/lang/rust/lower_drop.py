"""`impl Drop` in the lowering: which ir.Func a type's drop glue calls, and
rustc's rule that nothing moves out of a value whose type has a destructor
(E0509: its `drop` will still see the whole value)."""

from __future__ import annotations

from ..types import PtrType, StructType, TupleType, Type
from .lower_common import Pos


def field_type(t: Type, proj: object) -> Type | None:
    if proj == "*":
        return t.elem if isinstance(t, PtrType) else None
    if isinstance(t, StructType) and isinstance(proj, int):
        return t.fields[proj][1]
    if isinstance(t, TupleType) and isinstance(proj, int):
        return t.elems[proj]
    return None


class DropLower:
    def check_drop_move(self, path: tuple | None, pos: Pos) -> None:
        """Moving out of a field of a value of a `Drop` type is E0509."""
        if path is None:
            return
        var, proj = path
        t: Type | None = var.ty
        for p in proj:
            if t is None:
                return
            if isinstance(t, StructType) and getattr(t, "drop_impl", False):
                self.fail(f"cannot move out of type `{t.name}`, which implements the `Drop` trait", pos)
            t = field_type(t, p)
