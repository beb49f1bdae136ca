"""Traits in the type checker: trait declarations with required and default
methods, `impl Trait for Type`, and `impl Drop for Type`.

Dispatch is static, as rustc does it for a method called on a known type:
an impl's methods join the type's methods (`Checker.methods`), and a default
method the impl does not override is copied into the impl (a fresh syntax
tree per type, checked with `Self` = that type). `impl Drop` marks the type
(`drop_impl`), which gives it drop glue that calls the user's `drop` first.
"""

from __future__ import annotations

import copy

from . import ast as A
from .typeck_common import FnInfo
from .display import DISPLAY_NAMES
from .ops_impl import OP_TRAIT_NAMES

# std traits the subset implements for user types (the others are refused by name)
_STD_TRAITS = {"Drop": "Drop", "std::ops::Drop": "Drop", "ops::Drop": "Drop",
               "Iterator": "Iterator", "std::iter::Iterator": "Iterator",
               **{n: "Display" for n in DISPLAY_NAMES},
               "Deref": "Deref", "ops::Deref": "Deref", "std::ops::Deref": "Deref", **OP_TRAIT_NAMES}


class TraitCheck:
    def check_traits(self) -> None:
        traits: dict[str, A.TraitDecl] = {}
        for t in self.crate.traits:
            if t.name in traits or t.name in self.structs:
                self.fail(f"the name `{t.name}` is defined multiple times", t.pos)
            names: set[str] = set()
            for m in t.methods:
                if m.name in names:
                    self.fail(f"duplicate definitions with name `{m.name}`", m.name_pos)
                names.add(m.name)
            traits[t.name] = t
        self.traits = traits
        seen: set[tuple[str, str]] = set()
        for imp in self.crate.impls:
            key = (imp.trait, imp.type_name)
            if key in seen:
                self.fail(f"conflicting implementations of trait `{imp.trait}` for type `{imp.type_name}`",
                          imp.pos)
            seen.add(key)
            self.check_impl(imp)

    def check_impl(self, imp: A.ImplDecl) -> None:
        """One `impl Trait for T` (also an instance's, generic_structs.py)."""
        if imp.type_name not in self.structs:
            self.fail(f"cannot find type `{imp.type_name}` in this scope", imp.pos)
        std = _STD_TRAITS.get(imp.trait)
        if std == "Drop":
            self._drop_impl(imp)
        elif std == "Display":
            self.check_display_impl(imp)
        elif std == "Iterator":
            self.iterator_impl(imp)  # (typeck_iter.py)
        elif std == "Deref":
            self.check_deref_impl(imp)
        elif std in ("Add", "Sub", "Mul", "PartialEq"):
            self.check_op_impl(imp, std)
        elif std == "Clone":
            self.check_clone_impl(imp)
        elif imp.trait in self.traits:
            self._user_impl(imp, self.traits[imp.trait])
        else:
            self.unsupported(f"impl {imp.trait} for {imp.type_name}", imp.pos)

    def _drop_impl(self, imp: A.ImplDecl) -> None:
        st = self.structs[imp.type_name]
        for m in imp.methods:
            if m.name != "drop":
                self.fail(f"method `{m.name}` is not a member of trait `Drop`", m.name_pos)
        if not imp.methods:
            self.fail("not all trait items implemented, missing: `drop`", imp.pos)
        m = imp.methods[0]
        if m.self_kind != "&mut self" or m.params or m.ret is not None:
            self.fail("method `drop` has an incompatible type for trait: expected `fn(&mut Self)`", m.pos)
        if "Copy" in getattr(st, "derives", ()):
            self.fail("the trait `Copy` cannot be implemented for this type; the type has a destructor",
                      imp.pos)
        st.drop_impl = True  # type: ignore[attr-defined]

    def _user_impl(self, imp: A.ImplDecl, trait: A.TraitDecl) -> None:
        declared = {m.name: m for m in trait.methods}
        given = {m.name for m in imp.methods}
        for m in imp.methods:
            if m.name not in declared:
                self.fail(f"method `{m.name}` is not a member of trait `{trait.name}`", m.name_pos)
            want = declared[m.name]
            if (want.self_kind is None) != (m.self_kind is None) or len(want.params) != len(m.params):
                self.fail(f"method `{m.name}` has an incompatible type for trait", m.pos)
        missing = [m.name for m in trait.methods if m.body is None and m.name not in given]
        if missing:
            self.fail("not all trait items implemented, missing: " + ", ".join(f"`{n}`" for n in missing),
                      imp.pos)
        for m in trait.methods:
            if m.body is not None and m.name not in given:
                f = copy.deepcopy(m)
                f.impl_type = imp.type_name
                f.trait = trait.name
                self.crate.fns.append(f)
                imp.methods.append(f)

    def drop_info(self, type_name: str) -> FnInfo | None:
        """The user's `Drop::drop` of a type, once the fns are declared."""
        st = self.structs.get(type_name)
        if st is None or not getattr(st, "drop_impl", False):
            return None
        return self.methods.get((type_name, "drop"))
