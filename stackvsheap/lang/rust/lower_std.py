"""Lowering of the non-iterator std methods resolved by typeck_std.py: each is
one `ir.Intrinsic` named by its key, on the receiver's place (methods that take
`&mut self`, or read a Vec/String header) or its value (`&str`, `char`)."""

from __future__ import annotations

from .. import ir
from ..types import SliceType
from . import ast as A
from .rtypes import RUST_STR, resolve

#: Methods whose result or growth allocates, with the reason shown at their site.
_ALLOCATING = {
    "std_vec_insert": ("insert", "insert shifts the elements after the index up by one; when the buffer "
                                 "is full it first grows like push (twice the capacity, at least 4)"),
    "std_vec_extend_from_slice": ("extend", "extend_from_slice reserves room for the whole slice at once "
                                            "(growing to twice the capacity or what is needed), then "
                                            "clones each element in"),
    "std_string_insert": ("insert", "insert reserves room for the char's bytes like push, then shifts "
                                    "the bytes after the index"),
    "std_string_insert_str": ("insert", "insert_str reserves room for the text like push_str, then "
                                        "shifts the bytes after the index"),
    "std_str_to_uppercase": ("to_uppercase", "to_uppercase allocates a new String with capacity len and "
                                             "grows it only when a char's uppercase is longer"),
    "std_str_to_lowercase": ("to_lowercase", "to_lowercase allocates a new String with capacity len and "
                                             "grows it only when a char's lowercase is longer"),
    "std_str_to_ascii_uppercase": ("to_ascii_uppercase", "to_ascii_uppercase copies the bytes into a new "
                                                         "String of exactly len bytes"),
    "std_str_to_ascii_lowercase": ("to_ascii_lowercase", "to_ascii_lowercase copies the bytes into a new "
                                                         "String of exactly len bytes"),
    "std_str_replace": ("replace", "replace builds a new String: capacity len up front when the "
                                   "replacement is at least as long as the pattern, else it starts empty "
                                   "and grows like push_str"),
    "std_str_repeat": ("repeat", "repeat allocates exactly len * n bytes once"),
    "std_join": ("join", "join adds up the lengths first and allocates the joined String once, "
                         "exactly that long"),
}

#: Keys whose receiver is read through its place (a Vec, String, array or slice header).
_BY_PLACE = ("std_vec_", "std_string_", "std_slice_", "std_join")


class StdMethodLower:
    def std_call(self, e: A.MethodCall, key: str) -> ir.Expr:
        pos = e.method_pos  # where rustc reports the method's panics
        site = None
        if key in _ALLOCATING:
            kind, reason = _ALLOCATING[key]
            site = self.cl.site(e, kind, reason)
        if key.startswith(_BY_PLACE):
            recv = self.recv_place(e).ir
        elif key.startswith("std_str_") and isinstance(e.recv_ty, SliceType):  # type: ignore[attr-defined]
            # a String receiver: its bytes read as the &str they deref to
            recv = ir.Intrinsic(RUST_STR, pos, "string_as_str_of", [self.recv_place(e).ir])
        else:
            recv = self.receiver(e)
        extra = getattr(e, "pattern_kinds", None)
        if key == "std_slice_sort_by_key":
            extra = resolve(e.sort_key_ty)  # type: ignore[attr-defined]  (dropped after each comparison)
        return ir.Intrinsic(e.ty, pos, key, [recv] + self.args(e.args), site=site, extra=extra)
