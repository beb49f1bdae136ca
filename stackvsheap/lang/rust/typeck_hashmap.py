"""Type checking of HashMap and HashSet (mixed into the Checker): the paths
`HashMap::new`/`with_capacity`, the methods, the entry API and iteration."""

from __future__ import annotations

from typing import Any

from ..types import (
    BoolType, FloatType, FuncType, IntType, OptionType, PtrType, SliceType, StringType, TupleType, Type,
)
from . import ast as A
from .hashmap import EntryT, HashMapType, hashable_key
from .rtypes import BOOL, UNIT, USIZE, IterT, TVar, find, resolve, unify, TypeMismatch

MAP_NAMES = ("HashMap", "HashSet")


def map_of(k: Type, v: Type | None) -> HashMapType:
    return HashMapType(TupleType((k, UNIT if v is None else v)), v is None)


def has_default(t: Type) -> bool:
    t = find(t)
    if isinstance(t, (IntType, FloatType, BoolType)):
        return True
    return isinstance(t, SliceType) and t.flavor in ("vec", "string")


class HashMapCheck:
    def map_type_expr(self, name: str, args: list[Any], allow_infer: bool, pos: Any) -> Type:
        if name not in self.imported:  # type: ignore[attr-defined]
            self.fail(f"cannot find type `{name}` in this scope (add `use std::collections::{name};`)",
                      pos)  # type: ignore[attr-defined]
        want = 1 if name == "HashSet" else 2
        if len(args) != want:
            self.fail(f"wrong number of generic arguments for `{name}`: expected {want}, found {len(args)}",
                      pos)  # type: ignore[attr-defined]
        k = self.type_of(args[0], allow_infer)  # type: ignore[attr-defined]
        v = self.type_of(args[1], allow_infer) if want == 2 else None  # type: ignore[attr-defined]
        return map_of(k, v)

    def map_path_call(self, e: A.Call, tname: str, fname: str, garg: list[Type],
                      expected: Type | None) -> Type | None:
        if tname not in MAP_NAMES:
            return None
        if tname not in self.imported:  # type: ignore[attr-defined]
            self.fail(f"failed to resolve: use of undeclared type `{tname}` (add `use std::collections::"
                      f"{tname};`)", e.func.pos)  # type: ignore[attr-defined]
        if fname not in ("new", "with_capacity"):
            self.unsupported(f"`{tname}::{fname}`", e.func.pos)  # type: ignore[attr-defined]
        if fname == "with_capacity":
            self.nargs(e, 1)  # type: ignore[attr-defined]
            self.expect(e.args[0], USIZE)  # type: ignore[attr-defined]
        else:
            self.nargs(e, 0)  # type: ignore[attr-defined]
        k: Type = garg[0] if garg else TVar()
        v: Type | None = None
        if tname == "HashMap":
            v = garg[1] if len(garg) > 1 else TVar()
        e.callee = ("builtin", f"HashMap::{fname}")  # type: ignore[attr-defined]
        return map_of(k, v)

    def key_arg(self, e: A.MethodCall, a: A.Expr, K: Type) -> None:
        """A lookup key `&Q` with `K: Borrow<Q>`: `&K`, or a `&str` when K is String or &str."""
        t = find(self.check(a, None))  # type: ignore[attr-defined]
        fk = find(K)
        if isinstance(t, StringType) and (isinstance(fk, StringType) or
                                          (isinstance(fk, SliceType) and fk.flavor == "string")):
            e.key_kind = "str"  # type: ignore[attr-defined]
            return
        if isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
            try:
                unify(K, t.elem)
            except TypeMismatch:
                pass
            else:
                e.key_kind = "ref"  # type: ignore[attr-defined]
                return
        self.fail(f"mismatched types: expected `&{resolve(K, False)}`, found `{resolve(t, False)}`",
                  a.pos)  # type: ignore[attr-defined]

    def map_index(self, e: A.Index, bt: Type) -> Type | None:
        """`map[&key]` (`Index<&Q>`: a shared borrow of the value, a panic when the key is missing)."""
        for k, t in enumerate(self.autoderef(bt)):  # type: ignore[attr-defined]
            if isinstance(t, HashMapType) and not t.is_set:
                e.derefs = k  # type: ignore[attr-defined]
                e.map_index = True  # type: ignore[attr-defined]
                self.key_arg(e, e.index, t.key)  # type: ignore[arg-type]
                return t.val
        return None

    def map_method(self, e: A.MethodCall, t: HashMapType, k: int, name: str) -> Type | None:
        K, V = t.key, t.val
        bm = self.builtin_method  # type: ignore[attr-defined]
        if name in ("len", "capacity"):
            return bm(e, t, k, "ref", "map_" + name, [], USIZE)
        if name == "is_empty":
            return bm(e, t, k, "ref", "map_is_empty", [], BOOL)
        if name == "clear":
            return bm(e, t, k, "mut", "map_clear", [], UNIT)
        if name == "insert":
            fk = find(K)
            if not isinstance(fk, TVar) and not hashable_key(fk):
                self.unsupported(f"HashMap keys of type `{resolve(K, False)}`", e.method_pos)  # type: ignore[attr-defined]
            if t.is_set:
                return bm(e, t, k, "mut", "map_insert", [K], BOOL)
            return bm(e, t, k, "mut", "map_insert", [K, V], OptionType(V))
        lookups = {"get": ("ref", OptionType(PtrType(V, "ref"))),
                   "get_mut": ("mut", OptionType(PtrType(V, "mut"))),
                   "contains_key": ("ref", BOOL), "remove": ("mut", OptionType(V))}
        if t.is_set:
            lookups = {"contains": ("ref", BOOL), "remove": ("mut", BOOL)}
        if name in lookups:
            mode, ret = lookups[name]
            if len(e.args) != 1:
                self.nargs(e, 1)  # type: ignore[attr-defined]
            key = "map_remove" if name == "remove" else "map_get"
            self.recv(e, k, mode, t)  # type: ignore[attr-defined]
            self.key_arg(e, e.args[0], K)
            e.method_info = ("builtin", key)  # type: ignore[attr-defined]
            e.map_want = "bool" if name in ("contains_key", "contains") else "value"  # type: ignore[attr-defined]
            return ret
        if name == "entry" and not t.is_set:
            return bm(e, t, k, "mut", "map_entry", [K], EntryT(t))
        iters = {"iter": ("ref", "pairs", TupleType((PtrType(K, "ref"), PtrType(V, "ref")))),
                 "iter_mut": ("mut", "pairs", TupleType((PtrType(K, "ref"), PtrType(V, "mut")))),
                 "keys": ("ref", "keys", PtrType(K, "ref")),
                 "values": ("ref", "values", PtrType(V, "ref")),
                 "values_mut": ("mut", "values", PtrType(V, "mut"))}
        if t.is_set:
            iters = {"iter": ("ref", "keys", PtrType(K, "ref"))}
        if name in iters:
            mode, what, item = iters[name]
            r = bm(e, t, k, mode, "map_iter", [], IterT(item))
            e.iter_src = "map_iter"  # type: ignore[attr-defined]
            e.iter_adapters = []  # type: ignore[attr-defined]
            e.map_iter = what  # type: ignore[attr-defined]
            return r
        return None

    def entry_method(self, e: A.MethodCall, t: EntryT, k: int, name: str) -> Type | None:
        V = t.map_t.val
        ret = PtrType(V, "mut")
        recv = e.receiver
        if isinstance(recv, A.MethodCall) and recv.method == "and_modify" and name != "and_modify":
            recv = recv.receiver  # `entry(k).and_modify(f).or_insert(v)`
        if not isinstance(recv, A.MethodCall) or recv.method != "entry":
            self.unsupported("an `Entry` kept in a variable (call `or_insert` on `map.entry(key)`)",
                             e.receiver.pos)  # type: ignore[attr-defined]
        if name == "or_insert":
            return self.builtin_method(e, t, k, "value", "entry_or_insert", [V], ret)  # type: ignore[attr-defined]
        if name == "or_insert_with":
            self.recv(e, k, "value", t)  # type: ignore[attr-defined]
            if len(e.args) != 1:
                self.nargs(e, 1)  # type: ignore[attr-defined]
            self.expect(e.args[0], FuncType((), (V,)))  # type: ignore[attr-defined]
            e.method_info = ("builtin", "entry_or_insert_with")  # type: ignore[attr-defined]
            return ret
        if name == "or_default":
            r = self.builtin_method(e, t, k, "value", "entry_or_default", [], ret)  # type: ignore[attr-defined]
            e.default_of = V  # type: ignore[attr-defined]
            return r
        if name == "and_modify":
            self.recv(e, k, "value", t)  # type: ignore[attr-defined]
            if len(e.args) != 1:
                self.nargs(e, 1)  # type: ignore[attr-defined]
            self.check_fn_arg(e.args[0], FuncType((PtrType(V, "mut"),), (UNIT,)))  # type: ignore[attr-defined]
            e.method_info = ("builtin", "entry_and_modify")  # type: ignore[attr-defined]
            return t
        if name in ("or_insert_with_key", "key"):
            self.unsupported(f"`Entry::{name}`", e.method_pos)  # type: ignore[attr-defined]
        return None
