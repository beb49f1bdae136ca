"""`std::rc::Weak<T>`: `Rc::downgrade`, `Weak::upgrade`, `Rc::weak_count`, `Weak::new`.

A Weak points at the same RcBox as its Rc (strong count, weak count, value)
and holds one weak count; it does not keep the value alive (the value drops
when the strong count reaches 0) but keeps the block (freed when the weak
count, which the strong references together hold one of, reaches 0).
`upgrade` gives `Some(Rc)` (strong + 1) while the value is alive. A Weak is
never dereferenced directly, so it is a pointer type that does not auto-deref.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..types import OptionType, PtrType, Type


@dataclass(frozen=True, eq=True)
class WeakType(PtrType):
    @property
    def name(self) -> str:  # type: ignore[override]
        return f"Weak<{self.elem}>"


def weak_of(t: Type) -> WeakType:
    return WeakType(t, "weak")


class WeakCheck:
    def weak_path_call(self, e: object, tname: str, fname: str, expected: Type | None) -> Type | None:
        from .rtypes import USIZE, TVar, find

        key = f"{tname}::{fname}"
        if key in ("Rc::downgrade", "Rc::weak_count"):
            self.nargs(e, 1)
            inner = TVar()
            self.expect(e.args[0], PtrType(PtrType(inner, "rc"), "ref"))  # type: ignore[attr-defined]
            e.callee = ("builtin", key)  # type: ignore[attr-defined]
            return weak_of(inner) if fname == "downgrade" else USIZE
        if key == "Weak::new":
            if "Weak" not in self.imported:
                self.fail("failed to resolve: use of undeclared type `Weak` (add `use std::rc::Weak;`)",
                          e.func.pos)  # type: ignore[attr-defined]
            self.nargs(e, 0)
            e.callee = ("builtin", key)  # type: ignore[attr-defined]
            et = find(expected) if expected is not None else None
            return et if isinstance(et, WeakType) else weak_of(TVar())
        return None

    def weak_method(self, e: object, t: Type, k: int, name: str) -> Type | None:
        if name == "upgrade":
            return self.builtin_method(e, t, k, "ref", "weak_upgrade", [], OptionType(PtrType(t.elem, "rc")))
        if name == "clone":
            return self.builtin_method(e, t, k, "ref", "clone", [], t)
        return None
