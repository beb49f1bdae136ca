"""Patterns: the bindings a pattern introduces and the types it requires."""

from __future__ import annotations

from ..types import CharType, OptionType, PtrType, StringType, TupleType, Type
from . import ast as A
from .rtypes import TVar, find, is_int, resolve
from .typeck_common import Binding


class PatternCheck:
    def bind_pattern(self, p: A.Pattern, t: Type, kind: str, irrefutable: bool,
                     mode: str = "move") -> list[Binding]:
        """Check `p` against a value of type `t` and bind its names (with
        match ergonomics: a non-reference pattern on a reference switches
        the default binding mode to `ref`)."""
        out: list[Binding] = []
        self._pattern(p, t, kind, irrefutable, mode, out)
        names = [b.name for b in out]
        if len(set(names)) != len(names):
            dup = next(n for n in names if names.count(n) > 1)
            self.fail(f"identifier `{dup}` is bound more than once in the same pattern", p.pos)
        return out

    def _pattern(self, p: A.Pattern, t: Type, kind: str, irrefutable: bool, mode: str,
                 out: list[Binding]) -> None:
        p.derefs = 0  # type: ignore[attr-defined]
        if not isinstance(p, (A.PIdent, A.PWild, A.PRef)):
            # default binding modes: peel references off the scrutinee
            while True:
                ft = find(t)
                if isinstance(ft, PtrType) and ft.flavor in ("ref", "mut"):
                    p.derefs += 1  # type: ignore[attr-defined]
                    mode = "ref" if (ft.flavor == "ref" or mode == "ref") else "mut"
                    t = ft.elem
                    continue
                if isinstance(ft, StringType) and isinstance(p, A.PLit) and p.value.kind == "str":
                    break
                break
        p.mode = mode  # type: ignore[attr-defined]
        self.typed(p, t)
        if isinstance(p, A.PIdent):
            if p.by_ref:
                self.unsupported("ref binding", p.pos)
            bt = t if mode == "move" else PtrType(t, "ref" if mode == "ref" else "mut")
            if p.mutable and mode != "move":
                self.fail("binding cannot be both mutable and by-reference", p.pos)
            out.append(self.new_binding(p, bt, kind, p.mutable))
            return
        if isinstance(p, A.PWild):
            return
        if isinstance(p, A.PTuple):
            ft = find(t)
            if isinstance(ft, TVar) and ft.kind == "any":
                ft = TupleType(tuple(TVar() for _ in p.elems))
                self.unify(t, ft, p.pos)
            if not isinstance(ft, TupleType) or len(ft.elems) != len(p.elems):
                self.fail(f"mismatched types: expected `{resolve(t, False)}`, found a tuple with "
                          f"{len(p.elems)} elements", p.pos)
            for sub, et in zip(p.elems, ft.elems):
                self._pattern(sub, et, kind, irrefutable, mode, out)
            return
        if isinstance(p, A.PSome):
            inner = TVar()
            self.unify(t, OptionType(inner), p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding: `None` not covered", p.pos)
            self._pattern(p.inner, inner, kind, irrefutable, mode, out)
            return
        if isinstance(p, A.PNone):
            self.unify(t, OptionType(TVar()), p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding: `Some(_)` not covered", p.pos)
            return
        if isinstance(p, A.PLit):
            lt = self.check(p.value, t)
            self.unify(t, lt, p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding", p.pos)
            return
        if isinstance(p, A.PRange):
            self.unify(t, self.check(p.lo, t), p.pos)
            self.unify(t, self.check(p.hi, t), p.pos)
            if not (is_int(t) or isinstance(find(t), CharType)):
                self.fail("only `char` and numeric types are allowed in range patterns", p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding", p.pos)
            return
        if isinstance(p, A.POr):
            before = len(out)
            for alt in p.alts:
                self._pattern(alt, t, kind, irrefutable, mode, out)
            if len(out) != before:
                self.unsupported("bindings inside | patterns", p.pos)
            return
        if isinstance(p, A.PVariant):
            self.variant_pattern(p, t, kind, irrefutable, mode, out)
            return
        if isinstance(p, A.PRef):
            ft = find(t)
            if not (isinstance(ft, PtrType) and ft.flavor in ("ref", "mut")):
                if isinstance(ft, TVar) and ft.kind == "any":
                    inner = TVar()
                    self.unify(t, PtrType(inner, "ref"), p.pos)
                    ft = find(t)
                else:
                    self.mismatch(resolve(t, False), PtrType(TVar(), "ref"), p.pos)
            if mode != "move":
                self.fail("reference patterns are not allowed under a reference binding mode", p.pos)
            self._pattern(p.inner, ft.elem, kind, irrefutable, "move", out)  # type: ignore[union-attr]
            return
        self.unsupported("pattern", p.pos)
