"""Checking the iterator adapters and consumers beyond map/filter/sum/count/
collect (typeck_method.py): enumerate, zip, chain, rev, take, skip,
step_by; fold, for_each, any, all, position, find, max, min, last; and
`Vec::extend`. Their items and results are std's:

  enumerate -> (usize, T); zip(U) -> (T, U::Item); chain(U) needs the same
  item; position -> Option<usize>; find/max/min/last -> Option<T>.
"""

from __future__ import annotations

from ..types import (
    ArrayType, BoolType, CharType, FloatType, IntType, OptionType, PtrType, SliceType, StringType, TupleType, Type,
)
from typing import Any

from ..types import FuncType, StructType
from . import ast as A
from .typeck_std import TEXT_SOURCES
from .rtypes import BOOL, UNIT, USIZE, IterT, RangeT, TVar, find, is_clone, is_copy, resolve

ADAPTERS = ("enumerate", "zip", "chain", "rev", "take", "skip", "step_by", "copied", "cloned",
            "filter_map", "take_while", "skip_while")
CONSUMERS = ("fold", "for_each", "any", "all", "position", "find", "max", "min", "last", "product",
             "max_by_key", "min_by_key")
# what `rev` can run backwards here (DoubleEndedIterator over these stages)
REVERSIBLE = ("range", "range_incl", "slice", "vec_into", "array_into", "chars", "map", "filter",
              "enumerate", "chain", "rev", "copied", "cloned", "filter_map")
# sources only the pipeline runtime has (a plain `for` over them goes through it too)
CHAIN_ONLY = ("str_chars", "string_chars") + TEXT_SOURCES


class IterCheck:
    def iter_into_item(self, arg: A.Expr) -> Type:
        """The item of an IntoIterator argument (zip, chain, extend)."""
        t = self.check(arg, None)
        ft = find(t)
        if isinstance(ft, IterT):
            return ft.item
        if isinstance(ft, RangeT):
            if not isinstance(arg, A.Range):
                self.unsupported("a range that is not written in place", arg.pos)
            return ft.elem
        if isinstance(ft, PtrType) and ft.flavor in ("ref", "mut"):
            inner = find(ft.elem)
            if isinstance(inner, (SliceType, ArrayType)) and getattr(inner, "flavor", "vec") in ("vec", "ref"):
                arg.into_kind = "borrow"  # type: ignore[attr-defined]
                return PtrType(inner.elem, ft.flavor)
        if isinstance(ft, SliceType) and ft.flavor == "ref":
            arg.into_kind = "borrow"  # type: ignore[attr-defined]
            return PtrType(ft.elem, "ref")
        if isinstance(ft, SliceType) and ft.flavor == "vec":
            arg.into_kind = "vec"  # type: ignore[attr-defined]
            return ft.elem
        self.unsupported(f"an iterator over `{resolve(t, False)}`", arg.pos)

    def iter_more(self, e: A.MethodCall, item: Type, name: str, expected: Type | None,
                  src: str, adapters: list[A.MethodCall]) -> Type:
        if name in ADAPTERS:
            e.iter_src = src  # type: ignore[attr-defined]
            e.iter_adapters = adapters + [e]  # type: ignore[attr-defined]
            if name in ("copied", "cloned"):
                self.nargs(e, 0)
                fi = find(item)
                if not (isinstance(fi, PtrType) and fi.flavor in ("ref", "mut")):
                    self.fail(f"expected an iterator that yields `&T`, found `{resolve(item, False)}` "
                              f"(`{name}`)", e.method_pos)
                inner = fi.elem
                if name == "copied" and not is_copy(inner) and not isinstance(find(inner), TVar):
                    self.fail(f"the trait bound `{resolve(inner, False)}: Copy` is not satisfied", e.method_pos)
                if name == "cloned" and not is_clone(inner) and not isinstance(find(inner), TVar):
                    self.fail(f"the trait bound `{resolve(inner, False)}: Clone` is not satisfied", e.method_pos)
                return IterT(inner)
            if name in ("filter_map", "take_while", "skip_while"):
                if len(e.args) != 1:
                    self.nargs(e, 1)
                if name == "filter_map":
                    ret = TVar()
                    self.check_fn_arg(e.args[0], _fn((item,), OptionType(ret)))
                    return IterT(ret)
                self.check_fn_arg(e.args[0], _fn((PtrType(item, "ref"),), BOOL))
                return IterT(item)
            if name in ("enumerate", "rev"):
                self.nargs(e, 0)
                if name == "rev":
                    for a in adapters:
                        if a.method not in REVERSIBLE:
                            self.unsupported(f"`rev` after `{a.method}`", e.method_pos)
                return IterT(TupleType((USIZE, item))) if name == "enumerate" else IterT(item)
            if len(e.args) != 1:
                self.nargs(e, 1)
            if name in ("take", "skip", "step_by"):
                self.expect(e.args[0], USIZE)
                return IterT(item)
            other = self.iter_into_item(e.args[0])
            if name == "zip":
                return IterT(TupleType((item, other)))
            self.unify(item, other, e.args[0].pos)
            return IterT(item)
        e.iter_terminal = True  # type: ignore[attr-defined]
        if name == "product":
            self.nargs(e, 0)
            base = find(item)
            while isinstance(base, PtrType) and base.flavor in ("ref", "mut"):
                base = find(base.elem)
            r = self.type_of(e.turbofish[0]) if e.turbofish else (expected if expected is not None else base)
            self.unify(r, base, e.method_pos)
            e.sum_ty = r  # type: ignore[attr-defined]
            return r
        if name in ("max", "min", "last"):
            self.nargs(e, 0)
            if name != "last" and _is_float(item):
                self.fail("the trait bound `f64: Ord` is not satisfied (floats are only PartialOrd)",
                          e.method_pos)
            if name != "last" and not _ord(item):
                self.unsupported(f"`{name}` of `{resolve(item, False)}` items", e.method_pos)
            return OptionType(item)
        if name == "fold":
            if len(e.args) != 2:
                self.nargs(e, 2)
            acc = self.check(e.args[0], expected)
            self.check_fn_arg(e.args[1], _fn((acc, item), acc))
            return acc
        if len(e.args) != 1:
            self.nargs(e, 1)
        f = e.args[0]
        if name in ("max_by_key", "min_by_key"):
            key = TVar()
            self.check_fn_arg(f, _fn((PtrType(item, "ref"),), key))
            if not _ord(key):
                self.unsupported(f"`{name}` with a `{resolve(key, False)}` key", f.pos)
            e.key_ty = key  # type: ignore[attr-defined]
            return OptionType(item)
        if name == "for_each":
            self.check_fn_arg(f, _fn((item,), UNIT))
            return UNIT
        if name == "find":
            self.check_fn_arg(f, _fn((PtrType(item, "ref"),), BOOL))
            return OptionType(item)
        self.check_fn_arg(f, _fn((item,), BOOL))
        return OptionType(USIZE) if name == "position" else BOOL

    def iter_next_method(self, e: A.MethodCall, t: IterT, k: int) -> Type:
        """`it.next()` on an iterator kept in a `let mut` variable."""
        self.nargs(e, 0)
        if not isinstance(e.receiver, A.Path):
            self.unsupported("`next` on an iterator that is not in a variable", e.method_pos)
        self.recv(e, k, "mut", t)
        e.method_info = ("builtin", "iter_next_value")  # type: ignore[attr-defined]
        return OptionType(t.item)

    # ---- a user `impl Iterator for T` -----------------------------------------------------------

    def iterator_impl(self, imp: A.ImplDecl) -> None:
        if getattr(imp, "item_type", None) is None:
            self.fail("not all trait items implemented, missing: `Item`", imp.pos)
        for m in imp.methods:
            if m.name != "next":
                self.unsupported(f"`{m.name}` in `impl Iterator` (only `next`)", m.name_pos)
        if not imp.methods:
            self.fail("not all trait items implemented, missing: `next`", imp.pos)
        m = imp.methods[0]
        if m.self_kind != "&mut self" or m.params:
            self.fail("method `next` has an incompatible type for trait: expected `fn(&mut Self) -> "
                      "Option<Self::Item>`", m.pos)
        st = self.structs[imp.type_name]
        if isinstance(st, StructType):
            st.iter_impl = imp  # type: ignore[attr-defined]

    def iter_item_expr(self) -> Any:
        st = self.self_type
        imp = getattr(st, "iter_impl", None) if st is not None else None
        if imp is None and st is not None:
            imp = next((i for i in self.crate.impls if i.trait in ("Iterator", "std::iter::Iterator")
                        and i.type_name == st.name), None)
        return getattr(imp, "item_type", None)

    def user_iter_item(self, t: Type) -> Type | None:
        t = find(t)
        imp = getattr(t, "iter_impl", None)
        if imp is None:
            return None
        saved = self.self_type
        self.self_type = t
        try:
            return self.type_of(imp.item_type)
        finally:
            self.self_type = saved

    def user_iter_method(self, e: A.MethodCall, t: Type, k: int, name: str, expected: Type | None
                         ) -> Type | None:
        """An adapter or consumer on a struct that implements Iterator."""
        item = self.user_iter_item(t)
        if item is None:
            return None
        if k:
            self.unsupported(f"`{name}` on a borrowed iterator (`by_ref`)", e.method_pos)
        e.receiver.iter_src = "user"  # type: ignore[attr-defined]
        e.receiver.iter_adapters = []  # type: ignore[attr-defined]
        r = self.iter_method(e, IterT(item), k, name, expected)
        e.recv_ty = t  # type: ignore[attr-defined]
        return r

    # ---- `impl Fn(A) -> R` parameters ---------------------------------------------------------

    def impl_fn_type(self, t: Any, args: list[Any], allow_infer: bool) -> Type:
        """A closure parameter: the function value the caller passes (a closure
        reads its captures from the caller's frame, which outlives the call)."""
        if getattr(self, "in_return_type", False):
            self.unsupported("returning a closure (`impl Fn` in return position)", t.pos)
        params, ret = args
        ps = tuple(self.type_of(x, allow_infer) for x in params.elems)
        return FuncType(ps, (self.type_of(ret, allow_infer),))

    def collect_string(self, e: A.MethodCall, item: Type, expected: Type | None) -> bool:
        """`collect::<String>()` (or into a `String` binding) of chars, &str or Strings."""
        target = self.type_of(e.turbofish[0]) if e.turbofish else expected
        ft = find(target) if target is not None else None
        if not (isinstance(ft, SliceType) and ft.flavor == "string"):
            return False
        it = find(item)
        if isinstance(it, PtrType) and it.flavor == "ref" and isinstance(find(it.elem), CharType):
            it = find(it.elem)
        if not (isinstance(it, (CharType, StringType)) or (isinstance(it, SliceType) and it.flavor == "string")):
            self.unsupported(f"collect of `{resolve(item, False)}` items into a `String`", e.method_pos)
        e.iter_terminal = True  # type: ignore[attr-defined]
        e.collect_string = True  # type: ignore[attr-defined]
        return True

    def check_extend(self, e: A.MethodCall, t: SliceType, k: int) -> Type:
        """`Vec<T>::extend(iter)`: items `T`, or `&T` when T is Copy."""
        self.recv(e, k, "mut", t)
        if len(e.args) != 1:
            self.nargs(e, 1)
        it = self.iter_into_item(e.args[0])
        fi = find(it)
        e.extend_deref = False  # type: ignore[attr-defined]
        if isinstance(fi, PtrType) and fi.flavor == "ref" and not isinstance(find(t.elem), PtrType):
            self.unify(t.elem, fi.elem, e.args[0].pos)
            if not is_copy(t.elem) and not isinstance(find(t.elem), TVar):
                self.fail(f"the trait `Extend<&{resolve(t.elem, False)}>` is not implemented for "
                          f"`{resolve(t, False)}`", e.method_pos)
            e.extend_deref = True  # type: ignore[attr-defined]
        else:
            self.unify(t.elem, it, e.args[0].pos)
        e.method_info = ("builtin", "vec_extend")  # type: ignore[attr-defined]
        return UNIT


def _fn(params: tuple[Type, ...], ret: Type) -> Type:
    from ..types import FuncType
    return FuncType(params, (ret,))


def _is_float(t: Type) -> bool:
    t = find(t)
    while isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
        t = find(t.elem)
    return isinstance(t, FloatType) or (isinstance(t, TVar) and t.kind == "float")


def _ord(t: Type) -> bool:
    t = find(t)
    while isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
        t = find(t.elem)
    if isinstance(t, TVar):
        return t.kind != "float"  # f32/f64 are not Ord
    return isinstance(t, (IntType, CharType, BoolType))
