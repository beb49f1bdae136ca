"""`str::parse` for integers: core::num's `from_str_radix` (radix 10).

An empty string is `Empty`; a lone `+` or `-` is `InvalidDigit`; `+` may
lead, `-` only for signed types (for unsigned ones it is an invalid digit);
any other byte that is not 0-9 is `InvalidDigit`; past the type's range,
`PosOverflow` / `NegOverflow`. No whitespace is trimmed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.rust.numparse import KINDS
from ..intrinsics import intrinsic
from ..shapes import zero_cells
from .vec import _as_str

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


def parse_int(text: str, signed: bool, lo: int, hi: int) -> int | str:
    """The value, or the IntErrorKind's name."""
    s = text
    if not s:
        return "Empty"
    neg = False
    if s[0] in "+-":
        if len(s) == 1:
            return "InvalidDigit"
        if s[0] == "-":
            if not signed:
                return "InvalidDigit"
            neg = True
        s = s[1:]
    n = 0
    for c in s:
        if not ("0" <= c <= "9"):
            return "InvalidDigit"
        n = n * 10 + (ord(c) - 48)
        if neg and -n < lo:
            return "NegOverflow"
        if not neg and n > hi:
            return "PosOverflow"
    return -n if neg else n


@intrinsic("str_parse")
def str_parse(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    rt = node.ty
    it = rt.variants[0].fields[0][1]  # type: ignore[attr-defined]
    zero = list(zero_cells(rt))
    ok_at = 1
    err_at = 1 + it.nleaves
    ev = args[0]
    signed = it.signed
    bits = it.size * 8
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)

    def parse(fr: Any) -> tuple:
        v = ev(fr)
        text = v.text if hasattr(v, "text") else _as_str(v).text
        r = parse_int(text, signed, lo, hi)
        out = list(zero)
        if isinstance(r, int):
            out[0] = 0
            out[ok_at] = r
        else:
            out[0] = 1
            out[err_at] = KINDS.index(r)
        return tuple(out)
    return parse
