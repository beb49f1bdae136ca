"""Method resolution: auto-ref/auto-deref receivers, inherent, slice, numeric and iterator methods."""

from __future__ import annotations

from ..types import (
    ArrayType, BoolType, CharType, FloatType, FuncType, IntType, OptionType, PtrType, SliceType,
    StringType, StructType, TupleType, Type,
)
from . import ast as A
from .typeck_iter import ADAPTERS, CONSUMERS
from .result import result_of
from .rtypes import (
    BOOL, CHAR, I32, RUST_INTS, RUST_STR, STRING, U8, UNIT, USIZE, IterT, RangeT, TVar, find,
    is_clone, is_float, is_numeric, contains_tvar, resolve, strip_refs,
)
from .hashmap import EntryT, HashMapType
from .refcell import CellType, RefCellType
from .typeck_common import _plain_eq, _NUM_METHODS


def _sortable(t: Type) -> bool:
    """Elements `sort`/`dedup` compare: plain integers, char, bool, &str, and
    references to those or to a String (`map.keys().collect()` then `sort()`)."""
    if isinstance(t, (IntType, CharType, BoolType, StringType)):
        return True
    if isinstance(t, PtrType) and t.flavor == "ref":
        inner = find(t.elem)
        return isinstance(inner, (IntType, CharType, BoolType, StringType)) or (
            isinstance(inner, SliceType) and inner.flavor == "string")
    return False


class MethodCheck:
    # ---- method calls ------------------------------------------------------------------------

    def c_MethodCall(self, e: A.MethodCall, expected: Type | None) -> Type:
        rt = self.check(e.receiver, self.parse_target_through(e, expected))
        name = e.method
        chain = self.autoderef(rt)
        # clone on a reference clones what it points to (Clone for T, found by autoref)
        for k, t in enumerate(chain):
            if isinstance(t, TVar):
                if t.kind in ("int", "float") and name == "to_string":
                    return self.builtin_method(e, t, k, "value", "prim_to_string", [], STRING)
                if t.kind in ("int", "float") and name in _NUM_METHODS:
                    return self.num_method(e, t, k, expected)
                if t.kind in ("int", "float") and name == "clone":
                    return self.builtin_method(e, t, k, "ref", "clone", [], t)
                self.fail("type annotations needed", e.receiver.pos)
            if isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
                if name == "clone":
                    inner = find(t.elem)
                    if not is_clone(inner) and not isinstance(inner, PtrType):
                        return self.method_on(e, t, k, name, expected)
                continue
            r = self.method_on(e, t, k, name, expected)
            if r is not None:
                return r
        last = chain[-1] if chain else rt
        if not isinstance(last, StructType) or isinstance(last, (RefCellType, CellType, HashMapType)):
            # a library type: the method may well exist in std, the simulator does not have it
            self.unsupported(f"method `{name}` of `{resolve(rt, False)}`", e.method_pos)
        self.fail(f"no method named `{name}` found for `{resolve(rt, False)}` in the current scope",
                  e.method_pos)

    def recv(self, e: A.MethodCall, k: int, mode: str, t: Type) -> None:
        e.recv_derefs = k  # type: ignore[attr-defined]
        e.recv_mode = mode  # type: ignore[attr-defined]
        e.recv_ty = t  # type: ignore[attr-defined]

    def method_on(self, e: A.MethodCall, t: Type, k: int, name: str, expected: Type | None) -> Type | None:
        """The method `name` with receiver type `t` (after k auto-derefs), or None."""
        r = self.display_method(e, t, k, name) or self.dyn_method(e, t, k, name)
        if r is not None:
            return r
        if isinstance(t, (RefCellType, CellType)):
            return self.cell_method(e, t, k, name)
        if isinstance(t, PtrType) and t.flavor == "weak":
            return self.weak_method(e, t, k, name)
        if isinstance(t, HashMapType):
            return self.map_method(e, t, k, name)
        if isinstance(t, EntryT):
            return self.entry_method(e, t, k, name)
        r = self.std_method(e, t, k, name)
        if r is not None:
            return r
        if result_of(t) is not None:
            if k:
                self.unsupported(f"method `{name}` of a `Result` behind a reference", e.method_pos)
            return self.result_method(e, t, name, expected)  # (result.py)
        if isinstance(t, StructType):
            info = self.methods.get((t.name, name))
            if info is not None:
                if name == "drop" and getattr(t, "drop_impl", False):
                    self.fail("explicit use of destructor method (E0040): use `drop(x)` instead",
                              e.method_pos)
                if info.self_kind is None:
                    self.fail(f"no method named `{name}` found for struct `{t.name}`: `{t.name}::{name}` "
                              f"is an associated function, not a method", e.method_pos)
                mode = {"self": "value", "&self": "ref", "&mut self": "mut"}[info.self_kind]
                self.recv(e, k, mode, t)
                if len(e.args) != len(info.params) - 1:
                    self.nargs(e, len(info.params) - 1)
                for a, pt in zip(e.args, info.params[1:]):
                    self.expect(a, pt)
                e.method_info = ("fn", info)  # type: ignore[attr-defined]
                return info.ret
            if name == "clone" and "Clone" in getattr(t, "derives", set()):
                return self.builtin_method(e, t, k, "ref", "clone", [], t)
            return self.user_iter_method(e, t, k, name, expected)  # (typeck_iter.py)
        if isinstance(t, (IterT, RangeT)):
            return self.iter_method(e, t, k, name, expected)
        if isinstance(t, SliceType) and t.flavor == "vec":
            T = t.elem
            table: dict[str, tuple[str, list[Type], Type]] = {
                "len": ("ref", [], USIZE), "capacity": ("ref", [], USIZE), "is_empty": ("ref", [], BOOL),
                "push": ("mut", [T], UNIT), "pop": ("mut", [], OptionType(T)),
                "clone": ("ref", [], t), "clear": ("mut", [], UNIT),
                "iter": ("ref", [], IterT(PtrType(T, "ref"))),
                "iter_mut": ("mut", [], IterT(PtrType(T, "mut"))),
                "into_iter": ("value", [], IterT(T)),
                "as_slice": ("ref", [], SliceType(T, "ref")),
                "last": ("ref", [], OptionType(PtrType(T, "ref"))),
                "first": ("ref", [], OptionType(PtrType(T, "ref"))),
                "truncate": ("mut", [USIZE], UNIT),
                "reserve": ("mut", [USIZE], UNIT),
                "shrink_to_fit": ("mut", [], UNIT),
            }
            if name == "clone" and not is_clone(T):
                if contains_tvar(T):
                    self.deferred_clone.append((T, e.method_pos))  # decided once T is known
                else:
                    self.fail(f"the method `clone` exists for `Vec<{T}>`, but its trait bounds were not "
                              f"satisfied", e.method_pos)
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "vec_" + name, ps, r)
            if name in ("retain", "drain"):
                return self.retain_drain(e, t, k, name)
            if name == "extend":
                return self.check_extend(e, t, k)
            if name in ("sort", "sort_unstable", "dedup", "reverse"):
                if not (_sortable(find(T)) or
                        (isinstance(find(T), TVar) and find(T).kind == "int")):
                    self.unsupported(f"method `{name}` of `{resolve(t, False)}` (only plain integer, char, "
                                     f"bool and &str elements)", e.method_pos)
                return self.builtin_method(e, t, k, "mut", "vec_" + name, [], UNIT)
            return self.slice_method(e, t, k, name, T, True)
        if isinstance(t, SliceType) and t.flavor == "ref":
            return self.slice_method(e, t, k, name, t.elem, False)
        if isinstance(t, ArrayType):
            return self.slice_method(e, t, k, name, t.elem, False)
        if isinstance(t, SliceType) and t.flavor == "string":
            table = {
                "len": ("ref", [], USIZE), "capacity": ("ref", [], USIZE), "is_empty": ("ref", [], BOOL),
                "push_str": ("mut", [RUST_STR], UNIT), "push": ("mut", [CHAR], UNIT),
                "clone": ("ref", [], t), "as_str": ("ref", [], RUST_STR), "clear": ("mut", [], UNIT),
                "to_string": ("ref", [], t), "to_owned": ("ref", [], t),
                "reserve": ("mut", [USIZE], UNIT), "as_bytes": ("ref", [], SliceType(U8, "ref")),
                "chars": ("ref", [], IterT(CHAR)),
            }
            if name == "parse":
                return self.str_parse(e, t, k, expected)  # (numparse.py)
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "string_" + name, ps, r)
            return None
        if isinstance(t, StringType):
            table = {
                "len": ("value", [], USIZE), "is_empty": ("value", [], BOOL),
                "to_string": ("value", [], STRING), "to_owned": ("value", [], STRING),
                "clone": ("value", [], RUST_STR), "as_bytes": ("value", [], SliceType(U8, "ref")),
                "chars": ("value", [], IterT(CHAR)),
            }
            if name == "parse":
                return self.str_parse(e, t, k, expected)  # (numparse.py)
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "str_" + name, ps, r)
            return None
        if isinstance(t, OptionType):
            T = t.inner
            if name == "ok_or" and not k:
                return self.option_ok_or(e, t, expected)  # (result.py)
            if not k:
                r = self.option_combinator(e, t, name, expected)  # (result.py)
                if r is not None:
                    return r
            table = {
                "unwrap": ("value", [], T), "expect": ("value", [RUST_STR], T),
                "is_some": ("ref", [], BOOL), "is_none": ("ref", [], BOOL),
                "take": ("mut", [], t), "unwrap_or": ("value", [T], T),
                "clone": ("ref", [], t),
            }
            if name == "clone" and not is_clone(T):
                if not contains_tvar(T):
                    return None
                self.deferred_clone.append((T, e.method_pos))
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "opt_" + name, ps, r)
            return None
        if isinstance(t, PtrType) and t.flavor == "rc":
            if name == "clone":
                return self.builtin_method(e, t, k, "ref", "rc_clone", [], t)
            return None
        if isinstance(t, PtrType) and t.flavor == "box":
            if name == "clone":
                if not is_clone(t.elem):
                    if not contains_tvar(t.elem):
                        self.fail("the trait bound `Clone` is not satisfied", e.method_pos)
                    self.deferred_clone.append((t.elem, e.method_pos))
                return self.builtin_method(e, t, k, "ref", "clone", [], t)
            return None
        if isinstance(t, (IntType, FloatType, CharType, BoolType)) and name == "to_string":
            return self.builtin_method(e, t, k, "value", "prim_to_string", [], STRING)
        if isinstance(t, (IntType, FloatType)) and name in _NUM_METHODS:
            return self.num_method(e, t, k, expected)
        if isinstance(t, (IntType, FloatType, BoolType, CharType)) and name == "clone":
            return self.builtin_method(e, t, k, "ref", "clone", [], t)
        if isinstance(t, TupleType) and name == "clone":
            if is_clone(t):
                return self.builtin_method(e, t, k, "ref", "clone", [], t)
            return None
        if isinstance(t, PtrType) and name == "clone":
            return self.builtin_method(e, t, k, "value", "clone_ref", [], t)
        return None

    def slice_method(self, e: A.MethodCall, t: Type, k: int, name: str, T: Type, is_vec: bool) -> Type | None:
        is_array = isinstance(t, ArrayType)
        table: dict[str, tuple[str, list[Type], Type]] = {
            "len": ("ref", [], USIZE), "is_empty": ("ref", [], BOOL),
            "iter": ("ref", [], IterT(PtrType(T, "ref"))),
            "iter_mut": ("mut", [], IterT(PtrType(T, "mut"))),
            "into_iter": ("value", [], IterT(T if is_array else PtrType(T, "ref"))),
            "first": ("ref", [], OptionType(PtrType(T, "ref"))),
            "last": ("ref", [], OptionType(PtrType(T, "ref"))),
            "get": ("ref", [USIZE], OptionType(PtrType(T, "ref"))),
        }
        if name == "contains":
            if not (_plain_eq(T) or isinstance(find(T), StringType)):
                self.unsupported(f"contains on a slice of `{T}`", e.method_pos)
            return self.builtin_method(e, t, k, "ref", "slice_contains", [PtrType(T, "ref")], BOOL)
        if is_array and name == "clone" and is_clone(t):
            return self.builtin_method(e, t, k, "ref", "clone", [], t)
        if name == "to_vec":
            return self.builtin_method(e, t, k, "ref", "slice_to_vec", [], SliceType(T, "vec"))
        if name in table:
            mode, ps, r = table[name]
            if is_array and name == "iter_mut":
                mode = "mut"
            return self.builtin_method(e, t, k, mode, "slice_" + name, ps, r)
        return None

    def builtin_method(self, e: A.MethodCall, t: Type, k: int, mode: str, key: str, params: list[Type],
                       ret: Type) -> Type:
        self.recv(e, k, mode, t)
        if len(e.args) != len(params):
            self.nargs(e, len(params))
        for a, pt in zip(e.args, params):
            self.expect(a, pt)
        if e.turbofish:
            self.fail(f"method `{e.method}` takes 0 generic arguments", e.method_pos)
        e.method_info = ("builtin", key)  # type: ignore[attr-defined]
        if key in ("vec_iter", "vec_iter_mut", "vec_into_iter", "slice_iter", "slice_iter_mut",
                   "slice_into_iter", "str_chars", "string_chars"):
            e.iter_src = key  # type: ignore[attr-defined]
            e.iter_adapters = []  # type: ignore[attr-defined]
        return ret

    def num_method(self, e: A.MethodCall, t: Type, k: int, expected: Type | None) -> Type:
        name = e.method
        if name in ("abs", "min", "max", "pow", "signum", "wrapping_add", "wrapping_sub", "wrapping_mul"):
            if name in ("min", "max", "wrapping_add", "wrapping_sub", "wrapping_mul"):
                return self.builtin_method(e, t, k, "value", "num_" + name, [t], t)
            if name == "pow":
                if is_float(t):
                    self.fail("no method named `pow` found for type `f64`", e.method_pos)
                return self.builtin_method(e, t, k, "value", "num_pow", [RUST_INTS["u32"]], t)
            return self.builtin_method(e, t, k, "value", "num_" + name, [], t)
        if name in ("sqrt", "floor", "ceil", "round", "trunc"):
            if not is_float(t):
                self.fail(f"no method named `{name}` found for type `{resolve(t, False)}`", e.method_pos)
            return self.builtin_method(e, t, k, "value", "num_" + name, [], t)
        if name == "powi":
            if not is_float(t):
                self.fail(f"no method named `powi` found for type `{resolve(t, False)}`", e.method_pos)
            return self.builtin_method(e, t, k, "value", "num_powi", [I32], t)
        self.fail(f"no method named `{name}` found", e.method_pos)

    def iter_method(self, e: A.MethodCall, t: Type, k: int, name: str, expected: Type | None) -> Type:
        """Iterator adapters and consumers on a chain."""
        item = t.item if isinstance(t, IterT) else t.elem  # type: ignore[union-attr]
        recv = e.receiver
        if name == "next" and isinstance(t, IterT):
            return self.iter_next_method(e, t, k)  # (typeck_iter.py)
        self.recv(e, k, "value", t)
        e.method_info = ("iter", name)  # type: ignore[attr-defined]
        if isinstance(t, RangeT):
            src = "range"
            adapters: list[A.MethodCall] = []
        else:
            src = getattr(recv, "iter_src", None)
            adapters = list(getattr(recv, "iter_adapters", []))
            if src is None:
                src = "object"  # an iterator value: a variable (lower_iter.py)
        e.item_ty = item  # type: ignore[attr-defined]
        if name in ("map", "filter"):
            if len(e.args) != 1:
                self.nargs(e, 1)
            arg = e.args[0]
            if name == "map":
                ret = TVar()
                self.check_fn_arg(arg, FuncType((item,), (ret,)))
                new_item = ret
            else:
                self.check_fn_arg(arg, FuncType((PtrType(item, "ref"),), (BOOL,)))
                new_item = item
            e.iter_src = src  # type: ignore[attr-defined]
            e.iter_adapters = adapters + [e]  # type: ignore[attr-defined]
            return IterT(new_item)
        if name == "sum":
            self.nargs(e, 0)
            base, _ = strip_refs(item)
            r = base
            if e.turbofish:
                r = self.type_of(e.turbofish[0])
                self.unify(r, base, e.method_pos)
            elif expected is not None:
                self.unify(expected, base, e.method_pos)
            if not is_numeric(base) and not isinstance(find(base), TVar):
                self.fail(f"a value of type `{resolve(base, False)}` cannot be made by summing an iterator",
                          e.method_pos)
            e.sum_ty = r  # type: ignore[attr-defined]
            e.iter_terminal = True  # type: ignore[attr-defined]
            return r
        if name == "count":
            self.nargs(e, 0)
            e.iter_terminal = True  # type: ignore[attr-defined]
            return USIZE
        if name == "collect":
            self.nargs(e, 0)
            target: Type = SliceType(item, "vec")
            if self.collect_string(e, item, expected):
                return STRING  # (typeck_iter.py)
            if e.turbofish:
                tt = self.type_of(e.turbofish[0])
                ft = find(tt)
                if not (isinstance(ft, SliceType) and ft.flavor == "vec"):
                    self.unsupported(f"collect into `{resolve(tt, False)}`", e.method_pos)
                self.unify(tt, target, e.method_pos)
            elif expected is not None:
                ft = find(expected)
                if isinstance(ft, TVar):
                    pass
                elif not (isinstance(ft, SliceType) and ft.flavor == "vec"):
                    self.unsupported(f"collect into `{resolve(expected, False)}`", e.method_pos)
                else:
                    self.unify(expected, target, e.method_pos)
            e.iter_terminal = True  # type: ignore[attr-defined]
            return target
        if name in ADAPTERS or name in CONSUMERS:
            return self.iter_more(e, item, name, expected, src, adapters)
        if name in ("nth", "flat_map",
                    "peekable", "next", "len", "contains"):
            self.unsupported(f"iterator method `{name}`", e.method_pos)
        self.fail(f"no method named `{name}` found for `{resolve(t, False)}`", e.method_pos)
