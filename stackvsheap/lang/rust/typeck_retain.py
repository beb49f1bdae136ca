"""Type checking of `Vec::retain(|x| ...)` and `Vec::drain(range)` (mixed into the Checker)."""

from __future__ import annotations

from ..types import FuncType, PtrType, SliceType, Type
from . import ast as A
from .rtypes import BOOL, UNIT, USIZE, IterT


class RetainCheck:
    def retain_drain(self, e: A.MethodCall, t: SliceType, k: int, name: str) -> Type | None:
        T = t.elem
        if name == "retain":
            self.recv(e, k, "mut", t)  # type: ignore[attr-defined]
            if len(e.args) != 1:
                self.nargs(e, 1)  # type: ignore[attr-defined]
            self.check_fn_arg(e.args[0], FuncType((PtrType(T, "ref"),), (BOOL,)))  # type: ignore[attr-defined]
            e.method_info = ("builtin", "vec_retain")  # type: ignore[attr-defined]
            return UNIT
        if name == "drain":
            self.recv(e, k, "mut", t)  # type: ignore[attr-defined]
            if len(e.args) != 1:
                self.nargs(e, 1)  # type: ignore[attr-defined]
            r = e.args[0]
            if not isinstance(r, A.Range):
                self.unsupported("`drain` of something other than a range written in place",  # type: ignore[attr-defined]
                                 r.pos)
            for b in (r.lo, r.hi):
                if b is not None:
                    self.expect(b, USIZE)  # type: ignore[attr-defined]
            e.method_info = ("builtin", "vec_drain")  # type: ignore[attr-defined]
            e.iter_src = "vec_drain"  # type: ignore[attr-defined]
            e.iter_adapters = []  # type: ignore[attr-defined]
            return IterT(T)
        return None
