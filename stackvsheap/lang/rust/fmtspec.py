"""Format specs of `format!`/`println!` holes: `{:>8}`, `{:08.3}`, `{:#x}`.

A hole stays a `str` equal to "{}" (Display-like) or "{:?}" (Debug), so code
that only asks which trait a piece needs keeps working; the parsed spec rides
along as attributes (std's `FormattingOptions`). Refused by name: `$`/`*`
widths and precisions (runtime-chosen) and traits the simulator does not model.
"""

from __future__ import annotations

import re
from typing import Any

from ..types import (ArrayType, BoolType, CharType, FloatType, IntType, OptionType, PtrType,
                     SliceType, StringType, StructType, TupleType, Type)
from .enums import EnumType

#: `[[fill]align][sign]['#']['0'][width]['.' precision][type]` (std::fmt grammar)
_SPEC = re.compile(r"(?:(?P<fill>.)?(?P<align>[<^>]))?(?P<sign>[+-])?(?P<alt>#)?(?P<zero>0)?"
                   r"(?P<width>\d+)?(?:\.(?P<prec>\d+))?(?P<kind>\?|x\?|X\?|[xXobeE])?")

#: the trait each type letter needs (rustc's message names it)
TRAITS = {"": "std::fmt::Display", "?": "Debug", "x": "LowerHex", "X": "UpperHex",
          "o": "Octal", "b": "Binary", "e": "LowerExp", "E": "UpperExp"}


class Hole(str):
    """One `{...}` placeholder; its spec fields follow std's names."""

    fill: str
    align: str | None
    sign: str | None
    alt: bool
    zero: bool
    width: int | None
    precision: int | None
    kind: str

    def __new__(cls, kind: str = "", fill: str = " ", align: str | None = None, sign: str | None = None,
                alt: bool = False, zero: bool = False, width: int | None = None,
                precision: int | None = None) -> "Hole":
        obj = super().__new__(cls, ("{:#?}" if alt else "{:?}") if kind == "?" else "{}")
        obj.kind = kind
        obj.fill = fill
        obj.align = align
        obj.sign = sign
        obj.alt = alt
        obj.zero = zero
        obj.width = width
        obj.precision = precision
        return obj

    @property
    def plain(self) -> bool:
        """No options at all (`{}` / `{:?}`): what rustc may inline or print as is."""
        return (self.align is None and self.sign is None and not self.alt and not self.zero
                and self.width is None and self.precision is None)

    @property
    def trait(self) -> str:
        return TRAITS[self.kind]


def parse_spec(spec: str) -> Hole | str:
    """The Hole for the text after `:`, or an error message (the spec refused)."""
    if "$" in spec or ".*" in spec:
        return f"format spec `{{:{spec}}}` (a width or precision taken from an argument)"
    m = _SPEC.fullmatch(spec)
    if m is None:
        return f"format spec `{{:{spec}}}`"
    kind = m["kind"] or ""
    if kind in ("x?", "X?"):
        return f"format spec `{{:{spec}}}` (hexadecimal Debug)"
    return Hole(kind, m["fill"] or " ", m["align"], m["sign"], bool(m["alt"]), bool(m["zero"]),
                int(m["width"]) if m["width"] else None, int(m["prec"]) if m["prec"] else None)


def is_hole(piece: str) -> bool:
    return isinstance(piece, Hole)


def modelled(t: Type, debug: bool, seen: frozenset[int] = frozenset()) -> bool:
    """Whether sim/rust/fmt.py's `chunks` follows std's calls exactly for `t`."""
    if id(t) in seen:
        return True
    if isinstance(t, PtrType):
        return modelled(t.elem, debug, seen)
    if isinstance(t, (IntType, FloatType, BoolType, CharType, StringType)):
        return True
    if isinstance(t, SliceType) and t.flavor == "string":
        return True
    if not debug:
        return False
    inner = seen | {id(t)}
    if isinstance(t, (SliceType, ArrayType)):
        return modelled(t.elem, True, inner)
    if isinstance(t, OptionType):
        return modelled(t.inner, True, inner)
    if isinstance(t, TupleType):
        return all(modelled(e, True, inner) for e in t.elems)
    if isinstance(t, EnumType):
        return all(modelled(ft, True, inner) for var in t.variants for ft in _variant_types(var))
    if isinstance(t, StructType):
        return all(modelled(ft, True, inner) for _, ft in t.fields)
    return False


def _variant_types(var: Any) -> list[Type]:
    return [f[1] if isinstance(f, tuple) else f for f in (getattr(var, "fields", None) or [])]
