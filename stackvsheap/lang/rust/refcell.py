"""`RefCell<T>`, `Cell<T>` and the `Ref`/`RefMut` guards: the types, and their
checking (`RefCell::new`, `borrow`, `borrow_mut`, `Cell::new`, `get`, `set`).

Layouts (library/core/src/cell.rs, x86_64): `RefCell<T>` is the borrow flag
(`Cell<isize>`: 0 free, n > 0 shared borrows, -1 borrowed mutably) then the
value, `Cell<T>` is just the value; neither has a niche (`UnsafeCell` hides
the value's). A guard (`Ref<'_, T>`, `RefMut<'_, T>`) is a pointer to the
value plus one to the flag: 16 bytes; it is a reference to the value for
deref, method calls and field access, and dropping it gives the borrow back.
In the simulator the flag is the RefCell's first cell and the value follows,
so a guard's pointer to the value finds the flag one cell before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..types import IntType, Leaf, PtrType, Type, _align_up, _Composite

ISIZE = IntType("isize", 8, True)


@dataclass(frozen=True, eq=True)
class RefCellType(_Composite):
    inner: Type

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"RefCell<{self.inner}>"

    @cached_property
    def _layout(self) -> tuple[int, int]:
        a = max(8, self.inner.align)
        return (_align_up(8 + self.inner.size, a), a)

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        off = _align_up(8, max(self.inner.align, 1))
        return (Leaf(0, 8, False),) + tuple(
            Leaf(off + leaf.offset, leaf.size, leaf.pointerful) for leaf in self.inner.leaves())


@dataclass(frozen=True, eq=True)
class CellType(_Composite):
    inner: Type

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"Cell<{self.inner}>"

    @cached_property
    def _layout(self) -> tuple[int, int]:
        return (self.inner.size, self.inner.align)

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        return self.inner.leaves()


@dataclass(frozen=True, eq=True)
class GuardType(PtrType):
    """`Ref<'_, T>` (flavor "ref") or `RefMut<'_, T>` (flavor "mut")."""

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"Ref<'_, {self.elem}>" if self.flavor == "ref" else f"RefMut<'_, {self.elem}>"

    @property
    def size(self) -> int:
        return 16

    def leaves(self) -> tuple[Leaf, ...]:
        return (Leaf(0, 16, True),)


class RefCellCheck:
    """Type checking of RefCell and Cell (mixed into the Checker)."""

    def cell_path_call(self, e: object, tname: str, fname: str, expected: Type | None) -> Type | None:
        from .rtypes import find

        if (tname, fname) not in (("RefCell", "new"), ("Cell", "new")):
            return None
        if tname not in self.imported:
            self.fail(f"failed to resolve: use of undeclared type `{tname}` (add `use std::cell::{tname};`)",
                      e.func.pos)  # type: ignore[attr-defined]
        self.nargs(e, 1)
        inner_exp = None
        if expected is not None:
            et = find(expected)
            if isinstance(et, (RefCellType, CellType)):
                inner_exp = et.inner
        arg = e.args[0]  # type: ignore[attr-defined]
        t = self.expect(arg, inner_exp) if inner_exp is not None else self.check(arg, None)
        self.no_iter(t, arg)
        e.callee = ("builtin", f"{tname}::new")  # type: ignore[attr-defined]
        return RefCellType(t) if tname == "RefCell" else CellType(t)

    def cell_method(self, e: object, t: Type, k: int, name: str) -> Type | None:
        from .rtypes import UNIT, is_copy

        if isinstance(t, RefCellType):
            if name == "borrow":
                return self.builtin_method(e, t, k, "ref", "refcell_borrow", [], GuardType(t.inner, "ref"))
            if name == "borrow_mut":
                return self.builtin_method(e, t, k, "ref", "refcell_borrow_mut", [], GuardType(t.inner, "mut"))
            return None
        if isinstance(t, CellType):
            if name == "get":
                if not is_copy(t.inner):
                    self.fail(f"the method `get` exists for `{t}`, but its trait bounds were not satisfied",
                              e.method_pos)  # type: ignore[attr-defined]
                return self.builtin_method(e, t, k, "ref", "cell_get", [], t.inner)
            if name == "set":
                return self.builtin_method(e, t, k, "ref", "cell_set", [t.inner], UNIT)
        return None
