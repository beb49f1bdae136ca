"""Go constants: literal parsing, exact arithmetic, representability, printing.

Values: Python `bool`; `int` for integer and rune constants; `Fraction`
for untyped floating-point constants (exact, as go/constant keeps them) and
`float` once a constant has type float64 (types2 rounds typed float
constants); `str` for strings, where bytes that are not valid UTF-8 are kept
as lone surrogates (`surrogateescape`), so `s.encode("utf-8",
"surrogateescape")` gives the string's exact bytes.

`const_text` prints a constant the way cmd/compile's `-m` messages do
(go/constant's `String`, plus the type when it is not the default one).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..types import FloatType, IntType, StringType, BoolType, Type
from .gotypes import UntypedType, default_type


class ConstError(Exception):
    """A constant operation the language rejects (message like types2's)."""


# ---- literals -----------------------------------------------------------------


def parse_int_lit(text: str) -> int:
    s = text.replace("_", "")
    if len(s) > 1 and s[0] == "0" and s[1].isdigit():
        return int(s, 8)  # legacy octal 0777
    if len(s) > 1 and s[0] == "0" and s[1] in "oO":
        return int(s[2:], 8)
    return int(s, 0)


def parse_float_lit(text: str) -> Fraction:
    s = text.replace("_", "")
    if s[:2] in ("0x", "0X"):
        return _hex_float(s[2:])
    return Fraction(s)


def _hex_float(s: str) -> Fraction:
    mant, _, exp = s.lower().partition("p")
    ip, _, fp = mant.partition(".")
    digits = (ip + fp) or "0"
    v = Fraction(int(digits, 16), 16 ** len(fp))
    e = int(exp) if exp else 0
    return v * (Fraction(2) ** e)


_SIMPLE_ESC = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, "'": 39, '"': 34}


def _unescape(body: str, quote: str) -> bytes:
    """Decode the inside of an interpreted string or rune literal to bytes."""
    out = bytearray()
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8", "surrogateescape")
            i += 1
            continue
        if i + 1 >= n:
            raise ConstError("invalid escape sequence")
        e = body[i + 1]
        if e in _SIMPLE_ESC and (e not in "'\"" or e == quote):
            out.append(_SIMPLE_ESC[e])
            i += 2
        elif e == "x":
            h = body[i + 2 : i + 4]
            if len(h) != 2 or not all(ch in "0123456789abcdefABCDEF" for ch in h):
                raise ConstError("invalid escape sequence")
            out.append(int(h, 16))
            i += 4
        elif e in "01234567":
            o = body[i + 1 : i + 4]
            if len(o) != 3 or not all(ch in "01234567" for ch in o) or int(o, 8) > 255:
                raise ConstError("invalid escape sequence")
            out.append(int(o, 8))
            i += 4
        elif e in "uU":
            k = 4 if e == "u" else 8
            h = body[i + 2 : i + 2 + k]
            if len(h) != k or not all(ch in "0123456789abcdefABCDEF" for ch in h):
                raise ConstError("invalid escape sequence")
            r = int(h, 16)
            if r > 0x10FFFF or 0xD800 <= r < 0xE000:
                raise ConstError("escape is invalid Unicode code point")
            out += chr(r).encode("utf-8")
            i += 2 + k
        else:
            raise ConstError("unknown escape sequence")
    return bytes(out)


def bytes_to_str(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def str_to_bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def parse_string_lit(text: str) -> str:
    if text.startswith("`"):
        # Raw strings: carriage returns are discarded (spec "String literals").
        return bytes_to_str(text[1:-1].replace("\r", "").encode("utf-8", "surrogateescape"))
    return bytes_to_str(_unescape(text[1:-1], '"'))


def parse_rune_lit(text: str) -> int:
    body = text[1:-1]
    if body.startswith("\\"):
        e = body[1:2]
        if e in "xX01234567":
            b = _unescape(body, "'")
            if len(b) != 1:
                raise ConstError("more than one character in rune literal")
            return b[0]
        b = _unescape(body, "'")
        s = b.decode("utf-8")
    else:
        s = body
    if len(s) != 1:
        raise ConstError("more than one character in rune literal" if s else "empty rune literal or unescaped ' in rune literal")
    return ord(s)


# ---- representability -------------------------------------------------------


def representable(v: Any, t: Type) -> Any:
    """`v` converted to the (typed or untyped) type `t`, or ConstError."""
    if isinstance(t, UntypedType):
        if t.kind in ("int", "rune"):
            if isinstance(v, bool) or isinstance(v, str):
                raise ConstError("mismatched")
            if isinstance(v, int):
                return v
            f = Fraction(v)
            if f.denominator != 1:
                raise ConstError("truncated")
            return int(f)
        if t.kind == "float":
            if isinstance(v, (bool, str)):
                raise ConstError("mismatched")
            return Fraction(v)
        return v
    if isinstance(t, IntType):
        if isinstance(v, bool) or isinstance(v, str) or v is None:
            raise ConstError("mismatched")
        if not isinstance(v, int):
            f = Fraction(v)
            if f.denominator != 1:
                raise ConstError("truncated")
            v = int(f)
        if not t.in_range(v):
            raise ConstError("overflows")
        return v
    if isinstance(t, FloatType):
        if isinstance(v, bool) or isinstance(v, str) or v is None:
            raise ConstError("mismatched")
        try:
            f = float(v)
        except OverflowError:
            raise ConstError("overflows") from None
        if math.isinf(f):
            raise ConstError("overflows")
        return f
    if isinstance(t, StringType):
        if not isinstance(v, str):
            raise ConstError("mismatched")
        return v
    if isinstance(t, BoolType):
        if not isinstance(v, bool):
            raise ConstError("mismatched")
        return v
    raise ConstError("mismatched")


# ---- arithmetic ---------------------------------------------------------------

MAX_SHIFT = 10000  # types2 rejects larger constant shift counts ("invalid shift count")


def _is_int_type(t: Type) -> bool:
    return isinstance(t, IntType) or (isinstance(t, UntypedType) and t.kind in ("int", "rune"))


def binary(op: str, x: Any, y: Any, t: Type) -> Any:
    """Evaluate `x op y` for constants of the (common) type t. Comparisons
    return bool. Raises ConstError for division by zero."""
    if op in ("==", "!="):
        r = x == y
        return r if op == "==" else not r
    if op in ("<", "<=", ">", ">="):
        if isinstance(x, str):
            x, y = str_to_bytes(x), str_to_bytes(y)
        return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
    if op == "&&":
        return x and y
    if op == "||":
        return x or y
    if isinstance(x, str):
        if op != "+":
            raise ConstError("operator")
        return x + y
    if op in ("/", "%") and y == 0:
        raise ConstError("division by zero")
    if _is_int_type(t):
        x, y = int(x), int(y)
        if op == "+":
            r = x + y
        elif op == "-":
            r = x - y
        elif op == "*":
            r = x * y
        elif op == "/":
            q = abs(x) // abs(y)
            r = q if (x >= 0) == (y >= 0) else -q
        elif op == "%":
            m = abs(x) % abs(y)
            r = m if x >= 0 else -m
        elif op == "&":
            r = x & y
        elif op == "|":
            r = x | y
        elif op == "^":
            r = x ^ y
        elif op == "&^":
            r = x & ~y
        else:
            raise ConstError("operator")
        return r
    # floating point
    if isinstance(t, FloatType):
        fx, fy = float(x), float(y)
        if op == "+":
            return fx + fy
        if op == "-":
            return fx - fy
        if op == "*":
            return fx * fy
        if op == "/":
            return fx / fy
        raise ConstError("operator")
    fx, fy = Fraction(x), Fraction(y)
    if op == "+":
        return fx + fy
    if op == "-":
        return fx - fy
    if op == "*":
        return fx * fy
    if op == "/":
        return fx / fy
    raise ConstError("operator")


def shift(op: str, x: int, s: int) -> int:
    if s < 0:
        raise ConstError("negative shift count")
    if s > MAX_SHIFT:
        raise ConstError("invalid shift count")
    return x << s if op == "<<" else x >> s


def unary(op: str, x: Any, t: Type) -> Any:
    if op == "+":
        return x
    if op == "-":
        return -x
    if op == "!":
        return not x
    if op == "^":
        if isinstance(t, IntType) and not t.signed:
            return x ^ ((1 << t.bits) - 1)
        return ~int(x)
    raise ConstError("operator")


# ---- printing -----------------------------------------------------------------


def _go_isprint(ch: str) -> bool:
    return ch == " " or (ch.isprintable() and not ch.isspace())


def _quote_rune_body(r: int, quote: str) -> str:
    if r == ord(quote) or r == 92:
        return "\\" + chr(r)
    ch = chr(r)
    if r >= 0x20 and _go_isprint(ch) and not 0xD800 <= r < 0xE000:
        return ch
    simple = {7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}
    if r in simple:
        return simple[r]
    if r < 0x20 or r == 0x7F:
        return f"\\x{r:02x}"
    if r < 0x10000:
        return f"\\u{r:04x}"
    return f"\\U{r:08x}"


def quote_string(s: str) -> str:
    """strconv.Quote."""
    out = ['"']
    for ch in s:
        r = ord(ch)
        if 0xDC80 <= r <= 0xDCFF:  # a byte that was not valid UTF-8
            out.append(f"\\x{r - 0xDC00:02x}")
        else:
            out.append(_quote_rune_body(r, '"'))
    out.append('"')
    return "".join(out)


def quote_rune(r: int) -> str:
    """strconv.QuoteRune (fmt %q of a rune)."""
    if r > 0x10FFFF or 0xD800 <= r < 0xE000 or r < 0:
        r = 0xFFFD
    return "'" + _quote_rune_body(r, "'") + "'"


def short_string(s: str) -> str:
    """go/constant's String for a string value: quoted, cut to 72 runes."""
    q = quote_string(s)
    max_len = 72
    if len(q) > max_len:
        q = q[: max_len - 3] + "..."
    return q


def _fmt_g6(x: float) -> str:
    if math.isinf(x):
        return "+Inf" if x > 0 else "-Inf"
    return "%.6g" % x


def _float_text(x: float) -> str:
    """go/constant floatVal.String(): %.6g, or %e when that hides a fraction."""
    s = _fmt_g6(x)
    if math.isfinite(x) and x != int(x) and "." not in s and "e" not in s:
        s = "%e" % x
    return s


def value_text(v: Any) -> str:
    """go/constant Value.String()."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return short_string(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Fraction):
        if v.denominator == 1:
            return str(v.numerator)
        try:
            return _fmt_g6(float(v))
        except OverflowError:
            return "+Inf" if v > 0 else "-Inf"
    if isinstance(v, float):
        if math.isfinite(v) and v == int(v):
            # go/constant normalises integral floats to integer values.
            return str(int(v))
        return _fmt_g6(v)
    if v is None:
        return "nil"
    return str(v)


def _kind_of(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, str):
        return "string"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float) and math.isfinite(v) and v == int(v):
        return "int"
    if isinstance(v, Fraction) and v.denominator == 1:
        return "int"
    return "float"


def const_text(v: Any, t: Type) -> str:
    """How cmd/compile's ir.fmt prints an OLITERAL of type t (see exprFmt)."""
    if v is None:
        return "nil"
    if isinstance(t, IntType) and t.name == "rune" or (isinstance(t, UntypedType) and t.kind == "rune"):
        if isinstance(v, int) and 0 <= v <= 0x10FFFF:
            return quote_rune(v)
    if isinstance(t, FloatType) and isinstance(v, (int, Fraction, float)) and not isinstance(v, bool):
        return _float_text(float(v))
    kind = _kind_of(v)
    default = {"bool": "bool", "string": "string", "int": "int", "float": "float64"}[kind]
    if isinstance(t, UntypedType) or str(default_type(t)) == default:
        return value_text(v)
    return f"{t}({value_text(v)})"
