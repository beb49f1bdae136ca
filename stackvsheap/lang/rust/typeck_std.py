"""Everyday std methods that are not iterators: Vec editing (`remove`, `insert`,
`swap_remove`, `swap`, `extend_from_slice`), `str`/`String` text methods
(`trim`, `to_uppercase`, `contains`, `replace`, `find`, `insert`, `join`, ...)
and the `char` predicates and conversions.

Each resolves to a builtin key ("std_<...>") that lower_std.py lowers and
sim/rust/vecedit.py and sim/rust/text.py run."""

from __future__ import annotations

from ..types import (
    ArrayType, BoolType, CharType, FuncType, IntType, OptionType, PtrType, SliceType, StringType, Type,
)
from . import ast as A
from .typeck_common import _plain_eq
from .rtypes import BOOL, CHAR, RUST_INTS, RUST_STR, STRING, U8, UNIT, USIZE, IterT, TVar, find, is_clone, resolve

U32 = RUST_INTS["u32"]

#: &str methods on a `&str` or (through Deref) a `String`: name -> (params, result).
#: "pat" is a pattern: a `&str` or a `char`.
_STR_METHODS: dict[str, tuple[list[object], Type]] = {
    "trim": ([], RUST_STR), "trim_start": ([], RUST_STR), "trim_end": ([], RUST_STR),
    "to_uppercase": ([], STRING), "to_lowercase": ([], STRING),
    "to_ascii_uppercase": ([], STRING), "to_ascii_lowercase": ([], STRING),
    "contains": (["pat"], BOOL), "starts_with": (["pat"], BOOL), "ends_with": (["pat"], BOOL),
    "find": (["pat"], OptionType(USIZE)), "rfind": (["pat"], OptionType(USIZE)),
    "replace": (["pat", RUST_STR], STRING),
    "repeat": ([USIZE], STRING),
    "is_char_boundary": ([USIZE], BOOL),
    "eq_ignore_ascii_case": ([RUST_STR], BOOL),
}

#: String-only methods that change the String: name -> (params, result).
_STRING_METHODS: dict[str, tuple[list[Type], Type]] = {
    "insert": ([USIZE, CHAR], UNIT), "insert_str": ([USIZE, RUST_STR], UNIT),
    "pop": ([], OptionType(CHAR)), "remove": ([USIZE], CHAR), "truncate": ([USIZE], UNIT),
}

#: `&str` methods that start an iterator (run by the pipeline: sim/rust/pipeline.py TextSrc).
TEXT_SOURCES = ("text_bytes", "text_split_whitespace", "text_lines", "text_split")

_CHAR_PREDICATES = (
    "is_alphabetic", "is_numeric", "is_alphanumeric", "is_whitespace", "is_uppercase", "is_lowercase",
    "is_control", "is_ascii", "is_ascii_alphabetic", "is_ascii_digit", "is_ascii_alphanumeric",
    "is_ascii_whitespace", "is_ascii_uppercase", "is_ascii_lowercase", "is_ascii_punctuation",
    "is_ascii_hexdigit", "is_ascii_graphic", "is_ascii_control",
)


def seq_eq_ok(t: Type) -> bool:
    """`==` on a Vec or slice whose elements compare as plain values, strings or such sequences."""
    t = find(t)
    if not (isinstance(t, SliceType) and t.flavor in ("vec", "ref")):
        return False
    el = find(t.elem)
    return (_plain_eq(el) or isinstance(el, StringType) or (isinstance(el, SliceType) and el.flavor == "string")
            or seq_eq_ok(el))


class StdMethodCheck:
    def std_method(self, e: A.MethodCall, t: Type, k: int, name: str) -> Type | None:
        """The non-iterator std method `name` on `t` (after k auto-derefs), or None."""
        if isinstance(t, SliceType) and t.flavor == "vec":
            r = self._vec_edit(e, t, k, name)
            if r is not None:
                return r
        if isinstance(t, (SliceType, ArrayType)) and not (isinstance(t, SliceType) and t.flavor == "string"):
            if name == "swap":
                return self.builtin_method(e, t, k, "mut", "std_slice_swap", [USIZE, USIZE], UNIT)
            if name == "sort_by_key":
                return self._sort_by_key(e, t, k)
            if name == "join" and isinstance(find(t.elem), (StringType, SliceType)):
                el = find(t.elem)
                if isinstance(el, StringType) or (isinstance(el, SliceType) and el.flavor == "string"):
                    return self.builtin_method(e, t, k, "ref", "std_join", [RUST_STR], STRING)
        if ((isinstance(t, SliceType) and t.flavor == "string") or isinstance(t, StringType)) and \
                "text_" + name in TEXT_SOURCES:
            return self._text_source(e, t, k, name)
        if isinstance(t, SliceType) and t.flavor == "string":
            if name in _STRING_METHODS:
                ps, r = _STRING_METHODS[name]
                return self.builtin_method(e, t, k, "mut", "std_string_" + name, ps, r)
            if name in _STR_METHODS:
                return self._str_method(e, t, k, name, "ref")
        if isinstance(t, StringType) and name in _STR_METHODS:
            return self._str_method(e, t, k, name, "value")
        if isinstance(t, CharType):
            return self._char_method(e, t, k, name)
        return None

    def _sort_by_key(self, e: A.MethodCall, t: Type, k: int) -> Type:
        """`v.sort_by_key(|x| key)`: std's stable sort, whose keys are plain values."""
        self.recv(e, k, "mut", t)
        if len(e.args) != 1:
            self.nargs(e, 1)
        key = TVar()
        self.check_fn_arg(e.args[0], FuncType((PtrType(t.elem, "ref"),), (key,)))
        kt = find(key)
        if not (isinstance(kt, (IntType, CharType, BoolType, StringType)) or
                (isinstance(kt, SliceType) and kt.flavor == "string") or
                (isinstance(kt, TVar) and kt.kind == "int")):
            self.unsupported(f"sort_by_key with keys of type `{resolve(kt, False)}` (integers, chars, bools "
                             f"and strings)", e.method_pos)
        e.method_info = ("builtin", "std_slice_sort_by_key")  # type: ignore[attr-defined]
        e.sort_key_ty = key  # type: ignore[attr-defined]
        return UNIT

    def _vec_edit(self, e: A.MethodCall, t: SliceType, k: int, name: str) -> Type | None:
        T = t.elem
        if name == "remove" or name == "swap_remove":
            return self.builtin_method(e, t, k, "mut", "std_vec_" + name, [USIZE], T)
        if name == "insert":
            return self.builtin_method(e, t, k, "mut", "std_vec_insert", [USIZE, T], UNIT)
        if name == "extend_from_slice":
            if not is_clone(find(T)):
                self.fail(f"the method `extend_from_slice` exists for struct `Vec<{resolve(T, False)}>`, but its "
                          f"trait bounds were not satisfied", e.method_pos)
            return self.builtin_method(e, t, k, "mut", "std_vec_extend_from_slice", [SliceType(T, "ref")], UNIT)
        return None

    def _str_method(self, e: A.MethodCall, t: Type, k: int, name: str, mode: str) -> Type:
        ps, r = _STR_METHODS[name]
        self.recv(e, k, mode, t)
        if len(e.args) != len(ps):
            self.nargs(e, len(ps))
        kinds: list[str] = []
        for a, pt in zip(e.args, ps):
            if pt == "pat":
                kinds.append(self._str_pattern(a))
            else:
                assert isinstance(pt, Type)
                self.expect(a, pt)
        if e.turbofish:
            self.fail(f"method `{name}` takes 0 generic arguments", e.method_pos)
        e.method_info = ("builtin", "std_str_" + name)  # type: ignore[attr-defined]
        e.pattern_kinds = kinds  # type: ignore[attr-defined]
        return r

    def _text_source(self, e: A.MethodCall, t: Type, k: int, name: str) -> Type:
        """`bytes()`, `split_whitespace()`, `lines()`, `split(pat)`: an iterator over the text."""
        self.recv(e, k, "value" if isinstance(t, StringType) else "ref", t)
        want = 1 if name == "split" else 0
        if len(e.args) != want:
            self.nargs(e, want)
        kinds = [self._str_pattern(a) for a in e.args]
        e.method_info = ("builtin", "text_" + name)  # type: ignore[attr-defined]
        e.iter_src = "text_" + name  # type: ignore[attr-defined]
        e.iter_adapters = []  # type: ignore[attr-defined]
        e.pattern_kinds = kinds  # type: ignore[attr-defined]
        return IterT(U8 if name == "bytes" else RUST_STR)

    def _str_pattern(self, a: A.Expr) -> str:
        """A `&str` or `char` pattern (closures and arrays of chars are not in the subset)."""
        if isinstance(a, A.Closure):
            self.unsupported("a closure as a string pattern", a.pos)
        at = find(self.check(a, None))
        if isinstance(at, CharType):
            return "char"
        self.coerce_to(a, at, RUST_STR)
        return "str"

    def _char_method(self, e: A.MethodCall, t: Type, k: int, name: str) -> Type | None:
        if name in _CHAR_PREDICATES:
            return self.builtin_method(e, t, k, "value", "std_char_" + name, [], BOOL)
        if name in ("to_ascii_uppercase", "to_ascii_lowercase"):
            return self.builtin_method(e, t, k, "value", "std_char_" + name, [], CHAR)
        if name in ("is_digit",):
            return self.builtin_method(e, t, k, "value", "std_char_is_digit", [U32], BOOL)
        if name == "to_digit":
            return self.builtin_method(e, t, k, "value", "std_char_to_digit", [U32], OptionType(U32))
        if name == "len_utf8":
            return self.builtin_method(e, t, k, "value", "std_char_len_utf8", [], USIZE)
        return None



