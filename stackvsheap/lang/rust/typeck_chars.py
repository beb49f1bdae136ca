"""Type checking of `chars()` chains (mixed into the Checker): `s.chars()`
on a `&str` or `String`, then optionally `rev()`, `filter(|c| ..)` and
`map(|c| ..)`, ended by `count()` or `collect()` into a `String` (of chars)
or a `Vec`; `for c in s.chars()` / `s.chars().rev()`.

The chain is one node list (`chars_ops`) on the last call; lowering makes it
one `chars_chain` intrinsic (sim/rust/chars.py)."""

from __future__ import annotations

from ..types import FuncType, PtrType, SliceType, Type
from . import ast as A
from .rtypes import BOOL, CHAR, STRING, USIZE, IterT, TVar, find, resolve

_OTHER = ("enumerate", "zip", "take", "skip", "chain", "fold", "any", "all", "find", "position", "max",
          "min", "last", "nth", "step_by", "flat_map", "filter_map", "take_while", "skip_while", "sum",
          "product", "peekable", "next", "for_each", "cloned", "copied")


class CharsCheck:
    def chars_source(self, e: A.MethodCall, t: Type, k: int) -> Type:
        mode = "value" if not isinstance(t, SliceType) else "ref"
        r = self.builtin_method(e, t, k, mode, "str_chars", [], IterT(CHAR))  # type: ignore[attr-defined]
        e.iter_src = "str_chars"  # type: ignore[attr-defined]
        e.iter_adapters = []  # type: ignore[attr-defined]
        e.chars_root = e  # type: ignore[attr-defined]
        e.chars_ops = []  # type: ignore[attr-defined]
        return r

    def chars_method(self, e: A.MethodCall, t: IterT, k: int, name: str, expected: Type | None) -> Type:
        recv = e.receiver
        root = recv.chars_root  # type: ignore[attr-defined]
        ops: list[tuple[str, A.MethodCall]] = list(recv.chars_ops)  # type: ignore[attr-defined]
        item = t.item
        self.recv(e, k, "value", t)  # type: ignore[attr-defined]
        e.method_info = ("chars", name)  # type: ignore[attr-defined]
        e.chars_root = root  # type: ignore[attr-defined]
        if name == "rev":
            self.nargs(e, 0)  # type: ignore[attr-defined]
            if ops:
                self.unsupported("`rev` after `filter`/`map` on `chars()` (write `rev` first)",  # type: ignore[attr-defined]
                                 e.method_pos)
            e.chars_ops = ops + [("rev", e)]  # type: ignore[attr-defined]
            e.iter_src = "str_chars"  # type: ignore[attr-defined]
            e.iter_adapters = []  # type: ignore[attr-defined]
            return IterT(item)
        if name in ("filter", "map"):
            if len(e.args) != 1:
                self.nargs(e, 1)  # type: ignore[attr-defined]
            if name == "filter":
                self.check_fn_arg(e.args[0], FuncType((PtrType(item, "ref"),), (BOOL,)))  # type: ignore[attr-defined]
                new_item = item
            else:
                new_item = TVar()
                self.check_fn_arg(e.args[0], FuncType((item,), (new_item,)))  # type: ignore[attr-defined]
            e.chars_ops = ops + [(name, e)]  # type: ignore[attr-defined]
            e.item_ty = item  # type: ignore[attr-defined]
            return IterT(new_item)
        e.chars_ops = ops  # type: ignore[attr-defined]
        if name == "count":
            self.nargs(e, 0)  # type: ignore[attr-defined]
            return USIZE
        if name == "collect":
            self.nargs(e, 0)  # type: ignore[attr-defined]
            target = None
            if e.turbofish:
                target = self.type_of(e.turbofish[0])  # type: ignore[attr-defined]
            elif expected is not None and not isinstance(find(expected), TVar):
                target = expected
            if target is None:
                self.fail("type annotations needed (collect into a `String` or a `Vec`)", e.method_pos)  # type: ignore[attr-defined]
            ft = find(target)
            if isinstance(ft, SliceType) and ft.flavor == "string":
                self.unify(CHAR, item, e.method_pos)  # type: ignore[attr-defined]
                e.collect_kind = "string"  # type: ignore[attr-defined]
                return STRING
            if isinstance(ft, SliceType) and ft.flavor == "vec":
                self.unify(ft.elem, item, e.method_pos)  # type: ignore[attr-defined]
                e.collect_kind = "vec"  # type: ignore[attr-defined]
                return target
            self.unsupported(f"collect into `{resolve(target, False)}`", e.method_pos)  # type: ignore[attr-defined]
        if name in _OTHER:
            self.unsupported(f"iterator method `{name}` on `chars()`", e.method_pos)  # type: ignore[attr-defined]
        self.fail(f"no method named `{name}` found for `Chars`", e.method_pos)  # type: ignore[attr-defined]
