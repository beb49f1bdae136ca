"""core::fmt as the simulator runs it: the exact sequence of `write_str` /
`write_char` calls a value's Display/Debug makes, and `format!`'s String.

The sequence matters because `format!` writes into a `String`: every call
is a `push_str` (amortized growth: max(2*cap, len+n, 8)), so padding written
one fill char at a time, a `-` sign written before the digits, a float's
parts written one by one all change when and how the buffer reallocates.
Followed here (library/core/src/fmt/mod.rs, float.rs, num.rs, builders.rs,
Rust 1.95): `pad_integral`, `pad`, `padding` (pre-pad chars one by one),
`pad_formatted_parts`/`write_formatted_parts` (sign, then each part), str
and char Debug (quote, printable runs, escapes, quote) and the debug
builders (`[`, `, `, `]`; `Some(`..`)`; `Name { f: v }`).

`format!` itself (library/alloc/src/fmt.rs): `Arguments::as_str()` (no
arguments: one literal) is `to_owned` (exact); otherwise
`String::with_capacity(estimated_capacity())`, where the estimate is the
literal pieces' length, 0 when the string starts with a hole and the pieces
are shorter than 16 bytes, else doubled.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.rust.enums import EnumType
from ...lang.rust.fmtspec import Hole, modelled  # noqa: F401 (modelled: what chunks follows)
from ...lang.types import (ArrayType, BoolType, CharType, FloatType, IntType, OptionType, PtrType,
                           SliceType, StringType, StructType, TupleType, Type)
from ..intrinsics import STMT_HOOKS, intrinsic
from ..memory import SliceV
from ..ops import _deref_value, _elem, rust_string_text
from .vec import _U8, _append_bytes, _ops, site_label

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


# ---- the write sequence ----------------------------------------------------------------------

_PLAIN = Hole()
_PLAIN_DEBUG = Hole("?")


def chunks(v: Any, t: Type, h: Hole) -> list[str]:
    """The strings written, in order, one per `write_str`/`write_char` call."""
    out: list[str] = []
    _write(out, v, t, h)
    return out


def text(v: Any, t: Type, h: Hole) -> str:
    return "".join(chunks(v, t, h))


def _write(out: list[str], v: Any, t: Type, h: Hole) -> None:
    if isinstance(t, PtrType):
        if v is None:
            out.append("0x0")
            return
        _write(out, _deref_value(v, t.elem), t.elem, h)
        return
    if isinstance(t, IntType):
        _int(out, v, t, h)
    elif isinstance(t, FloatType):
        _float(out, v, h)
    elif isinstance(t, BoolType):
        _pad(out, "true" if v else "false", h)
    elif isinstance(t, CharType):
        if h.kind == "?":
            out.append("'")
            out.append(_escape(v, True))
            out.append("'")
        elif h.width is None and h.precision is None:
            out.append(v)
        else:
            _pad(out, v, h)
    elif isinstance(t, StringType) or (isinstance(t, SliceType) and t.flavor == "string"):
        s = v.text if isinstance(t, StringType) else rust_string_text(v)
        pieces = getattr(v, "pieces", None)  # a user Display's writes (display.py), one by one
        if pieces is not None and h.kind == "":
            out.extend(pieces)
        elif h.kind == "?":
            _debug_str(out, s)
        else:
            _pad(out, s, h)
    elif isinstance(t, (SliceType, ArrayType)):
        out.append("[")
        n = v.length if isinstance(t, SliceType) else t.length
        for k in range(n):
            if k:
                out.append(", ")
            _write(out, _item(v, k, t), t.elem, h)
        out.append("]")
    elif isinstance(t, OptionType):
        _option(out, v, t, h)
    elif isinstance(t, TupleType):
        _tuple(out, "", _tuple_parts(v, t.elems), h)
    elif isinstance(t, EnumType):
        var, fields = t.active(v)
        if var.kind == "struct":
            _struct(out, var.name, [(n, ft, x) for n, ft, x in fields], h)
        elif var.kind == "tuple":
            _tuple(out, var.name, [(ft, x) for _, ft, x in fields], h)
        else:
            out.append(var.name)
    elif isinstance(t, StructType):
        parts = _tuple_parts(v, [ft for _, ft in t.fields])
        name = getattr(t, "base_name", t.name)  # `Point`, not `Point<i32>` (generic_structs.py)
        if getattr(t, "tuple_struct", False) and parts:
            _tuple(out, name, parts, h)
        elif parts:
            _struct(out, name, [(n, ft, x) for (n, _), (ft, x) in zip(t.fields, parts)], h)
        else:
            out.append(name)
    else:  # pragma: no cover - format! refuses these when lowering
        out.append(str(v))


def _item(v: Any, k: int, t: Type) -> Any:
    if isinstance(t, SliceType):
        return _elem(v, k, t.elem)
    n = t.elem.nleaves
    return v[k * n] if (n == 1 and not t.elem.is_aggregate) else tuple(v[k * n:(k + 1) * n])


def _tuple_parts(v: Any, types: list[Type]) -> list[tuple[Type, Any]]:
    parts = []
    k = 0
    for et in types:
        n = et.nleaves
        parts.append((et, v[k] if (n == 1 and not et.is_aggregate) else tuple(v[k:k + n])))
        k += n
    return parts


def _tuple(out: list[str], name: str, parts: list[tuple[Type, Any]], h: Hole) -> None:
    """DebugTuple: name, `(` / `, ` before each field, `,` for a 1-tuple, `)`."""
    if name:
        out.append(name)
    for k, (ft, x) in enumerate(parts):
        out.append(", " if k else "(")
        _write(out, x, ft, h)
    if parts:
        if len(parts) == 1 and not name:
            out.append(",")
        out.append(")")


def _struct(out: list[str], name: str, fields: list[tuple[str, Type, Any]], h: Hole) -> None:
    """DebugStruct: name, ` { ` / `, `, field name, `: `, value, ` }`."""
    out.append(name)
    for k, (fname, ft, x) in enumerate(fields):
        out.append(", " if k else " { ")
        out.append(fname)
        out.append(": ")
        _write(out, x, ft, h)
    if fields:
        out.append(" }")


def _option(out: list[str], v: Any, t: OptionType, h: Hole) -> None:
    from ..memory import NIL_SLICE
    from ..shapes import EMPTY_STR
    if t.niche:
        x = v[0] if isinstance(v, tuple) else v
        if x is None or x is NIL_SLICE or x is EMPTY_STR:
            out.append("None")
            return
        inner = v if t.niche_enum else x
    else:
        if not v[0]:
            out.append("None")
            return
        inner = v[1] if (t.inner.nleaves == 1 and not t.inner.is_aggregate) else tuple(v[1:])
    _tuple(out, "Some", [(t.inner, inner)], h)


# ---- numbers ---------------------------------------------------------------------------------

def _padding(out: list[str], n: int, default: str, h: Hole, fill: str | None = None) -> int:
    """Formatter::padding: the pre-padding written char by char; returns the post count."""
    align = h.align or default
    pre, post = {"<": (0, n), ">": (n, 0), "^": (n // 2, (n + 1) // 2)}[align]
    out.extend([fill or h.fill] * pre)
    return post


def _pad(out: list[str], s: str, h: Hole) -> None:
    """Formatter::pad (strings, bools, chars with options): precision truncates chars."""
    if h.width is None and h.precision is None:
        out.append(s)
        return
    if h.precision is not None:
        s = s[:h.precision]
    if h.width is not None and len(s) < h.width:
        post = _padding(out, h.width - len(s), "<", h)
        out.append(s)
        out.extend([h.fill] * post)
        return
    out.append(s)


_RADIX = {"x": (16, "0x"), "X": (16, "0x"), "o": (8, "0o"), "b": (2, "0b")}


def _int(out: list[str], v: int, t: IntType, h: Hole) -> None:
    if h.kind in _RADIX:
        base, prefix = _RADIX[h.kind]
        u = v % (1 << (8 * t.size))  # two's complement, as std prints negatives
        digits = format(u, {16: "x", 8: "o", 2: "b"}[base])
        if h.kind == "X":
            digits = digits.upper()
        _pad_integral(out, True, prefix, digits, h)
        return
    _pad_integral(out, v >= 0, "", str(abs(v)), h)


def _pad_integral(out: list[str], nonneg: bool, prefix: str, digits: str, h: Hole) -> None:
    width = len(digits)
    sign = None
    if not nonneg:
        sign = "-"
        width += 1
    elif h.sign == "+":
        sign = "+"
        width += 1
    pre = prefix if h.alt else None
    if pre:
        width += len(pre)

    def write_prefix() -> None:
        if sign:
            out.append(sign)
        if pre:
            out.append(pre)
    if h.width is None or width >= h.width:
        write_prefix()
        out.append(digits)
    elif h.zero:
        write_prefix()
        post = _padding(out, h.width - width, ">", _right(h), "0")
        out.append(digits)
        out.extend(["0"] * post)
    else:
        post = _padding(out, h.width - width, ">", h)
        write_prefix()
        out.append(digits)
        out.extend([h.fill] * post)


def _right(h: Hole) -> Hole:
    r = Hole(h.kind, "0", ">", h.sign, h.alt, h.zero, h.width, h.precision)
    return r


def _float(out: list[str], v: float, h: Hole) -> None:
    debug = h.kind == "?"
    exp_form = h.kind in ("e", "E")
    if math.isnan(v):
        sign, parts = "", ["NaN"]
    else:
        neg = math.copysign(1.0, v) < 0
        sign = "-" if neg else ("+" if h.sign == "+" else "")
        a = abs(v)
        if math.isinf(a):
            parts = ["inf"]
        elif exp_form:
            parts = _exp_parts(a, h.precision, h.kind == "E")
        elif h.precision is not None:
            parts = _exact_parts(a, h.precision)
        elif debug and not (a == 0 or 1e-4 <= a < 1e16):
            parts = _exp_parts(a, None, False)
        else:
            parts = _shortest_parts(a, 1 if debug else 0)
    _pad_formatted(out, sign, parts, h)


def _pad_formatted(out: list[str], sign: str, parts: list[str], h: Hole) -> None:
    """Formatter::pad_formatted_parts + write_formatted_parts."""
    if h.width is None:
        if sign:
            out.append(sign)
        out.extend(parts)
        return
    width = h.width
    fill_h = h
    if h.zero:
        if sign:
            out.append(sign)
        width = max(0, width - len(sign))
        sign = ""
        fill_h = _right(h)
    length = len(sign) + sum(len(p) for p in parts)
    if width <= length:
        if sign:
            out.append(sign)
        out.extend(parts)
        return
    post = _padding(out, width - length, ">", fill_h)
    if sign:
        out.append(sign)
    out.extend(parts)
    out.extend([fill_h.fill] * post)


def _zeros(n: int) -> list[str]:
    """Part::Zero(n): written in slices of a 64-zero string."""
    out = []
    while n > 64:
        out.append("0" * 64)
        n -= 64
    if n > 0:
        out.append("0" * n)
    return out


def _dec_parts(buf: str, exp: int, frac_digits: int) -> list[str]:
    """flt2dec::digits_to_dec_str, the value being 0.BUF * 10^EXP."""
    if exp <= 0:
        parts = ["0."] + _zeros(-exp) + [buf]
        if frac_digits > len(buf) and frac_digits - len(buf) > -exp:
            parts += _zeros(frac_digits - len(buf) + exp)
        return parts
    if exp < len(buf):
        parts = [buf[:exp], ".", buf[exp:]]
        if frac_digits > len(buf) - exp:
            parts += _zeros(frac_digits - (len(buf) - exp))
        return parts
    parts = [buf] + _zeros(exp - len(buf))
    if frac_digits > 0:
        parts += ["."] + _zeros(frac_digits)
    return parts


def _shortest(a: float) -> tuple[str, int]:
    """Shortest round-trip digits and exponent (0.DIGITS * 10^EXP) of a > 0."""
    r = repr(a)
    mant, _, e = r.partition("e")
    ip, _, fp = mant.partition(".")
    digits = (ip + fp).lstrip("0")
    lead = len(ip + fp) - len((ip + fp).lstrip("0"))
    exp = len(ip) - lead + (int(e) if e else 0)
    return digits.rstrip("0") or "0", exp


def _shortest_parts(a: float, frac_digits: int) -> list[str]:
    if a == 0:
        return ["0."] + _zeros(frac_digits) if frac_digits > 0 else ["0"]
    buf, exp = _shortest(a)
    return _dec_parts(buf, exp, frac_digits)


def _exact_parts(a: float, prec: int) -> list[str]:
    if a == 0:
        return ["0."] + _zeros(prec) if prec > 0 else ["0"]
    q = Decimal(a).quantize(Decimal(1).scaleb(-prec), rounding=ROUND_HALF_EVEN)
    s = format(q, "f")
    ip, _, fp = s.partition(".")
    allds = ip + fp
    stripped = allds.lstrip("0")
    if not stripped:  # rounds to zero: rendered like zero
        return ["0."] + _zeros(prec) if prec > 0 else ["0"]
    exp = len(ip) - (len(allds) - len(stripped))
    return _dec_parts(stripped, exp, prec)


def _exp_parts(a: float, prec: int | None, upper: bool) -> list[str]:
    """flt2dec::digits_to_exp_str (shortest, or exact with `prec` fraction digits)."""
    if a == 0:
        buf, exp = "0", 1
    elif prec is None:
        buf, exp = _shortest(a)
    else:
        s = format(Decimal(a), f".{prec}e")
        mant, _, e = s.partition("e")
        buf = mant.replace(".", "")
        exp = int(e) + 1
    ndig = 0 if prec is None else prec + 1
    parts = [buf[:1]]
    if len(buf) > 1 or ndig > 1:
        parts += [".", buf[1:]]
        if ndig > len(buf):
            parts += _zeros(ndig - len(buf))
    e = exp - 1
    parts += [("E" if upper else "e") + ("-" if e < 0 else ""), str(abs(e))]
    return parts


# ---- Debug of str and char -------------------------------------------------------------------

_ESC = {"\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\", "\0": "\\0"}


def _escape(c: str, in_char: bool) -> str:
    if c in _ESC:
        return _ESC[c]
    if c == "'" and in_char:
        return "\\'"
    if c == '"' and not in_char:
        return '\\"'
    if ord(c) < 0x20 or ord(c) == 0x7F:
        return "\\u{%x}" % ord(c)
    return c


def _debug_str(out: list[str], s: str) -> None:
    """`"`, then each printable run and each escape as its own write, then `"`."""
    out.append('"')
    run = []
    for c in s:
        e = _escape(c, False)
        if e == c:
            run.append(c)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(e)
    out.append("".join(run))
    out.append('"')


# ---- format! ---------------------------------------------------------------------------------

def estimated_capacity(pieces: list[str]) -> int:
    """fmt::Arguments::estimated_capacity over the literal pieces."""
    lits = sum(len(p.encode("utf-8")) for p in pieces if not isinstance(p, Hole))
    if not any(isinstance(p, Hole) for p in pieces):
        return lits
    if isinstance(pieces[0], Hole) and lits < 16:
        return 0
    return lits * 2


@intrinsic("format")
def format_string(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    m = comp.m
    ops = _ops(comp)
    pieces: list[str] = node.extra
    types = [a.ty for a in node.args]
    site = node.site
    pos = node.pos
    label = site_label(site, "String")
    cap = estimated_capacity(pieces)

    def fmt(fr: Any) -> SliceV:
        vals = [ev(fr) for ev in args]
        sv = SliceV(None, 0, 0, 0)
        if cap:
            sv = SliceV(m.rust_alloc(_U8, cap, label, site, pos), 0, 0, cap)
        k = 0
        for p in pieces:
            if isinstance(p, Hole):
                writes = chunks(vals[k], types[k], p)
                k += 1
            else:
                writes = [p]
            for w in writes:
                data = w.encode("utf-8")
                if not data:
                    continue
                # (no holes: as_str() is Some and format! is `to_owned`, exactly the
                # estimate above, so this never grows)
                sv = _append_bytes(m, ops.reserve(sv, len(data), _U8, site, pos), data)
        return sv
    return fmt


def hole_text(v: Any, t: Type, piece: str) -> str:
    """A print's text for one hole (println! writes into stdout's buffer: no
    allocation depends on the calls, only the text)."""
    h = piece if isinstance(piece, Hole) else (_PLAIN_DEBUG if piece == "{:?}" else _PLAIN)
    return text(v, t, h)


STMT_HOOKS["fmt_hole"] = hole_text  # type: ignore[assignment]


# ---- to_string -------------------------------------------------------------------------------

#: decimal digits of the largest magnitude of a signed type, by size (i8 ... i128)
_SIGNED_DIGITS = {1: 3, 2: 5, 4: 10, 8: 19, 16: 39}


@intrinsic("prim_to_string")
def prim_to_string(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """alloc::string's SpecToString: unsigned integers, chars and bools are
    written into a buffer and copied (exact); signed integers get
    `String::with_capacity(MAX_DIGITS + is_negative)`; floats go through
    Display into `String::new()` (grown as the parts are written)."""
    m = comp.m
    ops = _ops(comp)
    ev = args[0]
    t = node.args[0].ty
    site = node.site
    pos = node.pos
    label = site_label(site, "String")

    def to_string(fr: Any) -> SliceV:
        v = ev(fr)
        if isinstance(t, IntType) and t.signed:
            data = str(v).encode()
            cap = _SIGNED_DIGITS[t.size] + (v < 0)
            sv = SliceV(m.rust_alloc(_U8, cap, label, site, pos), 0, 0, cap)
            return _append_bytes(m, sv, data)
        sv = SliceV(None, 0, 0, 0)
        if not isinstance(t, FloatType):
            data = text(v, t, _PLAIN).encode("utf-8")
            sv = SliceV(m.rust_alloc(_U8, len(data), label, site, pos), 0, 0, len(data))
            return _append_bytes(m, sv, data)
        for w in chunks(v, t, _PLAIN):
            data = w.encode("utf-8")
            if data:
                sv = _append_bytes(m, ops.reserve(sv, len(data), _U8, site, pos), data)
        return sv
    return to_string
