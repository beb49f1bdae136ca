"""`&s[a..b]` on a String or &str, and `as_bytes`.

Slicing checks what `core::str` checks, in its order, with Rust 1.95's panic
messages (library/core/src/str/mod.rs `slice_error_fail`): the start, then
the end past the end of the string, then `begin <= end`, then that the start
and the end are char boundaries. The
result borrows the same bytes (no allocation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.rust.rtypes import U8
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import STATIC, SliceV, StrV
from .vec import _as_str, _header

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_MAX_DISPLAY = 256


def _shown(text: str) -> str:
    """The string as the panic shows it: its first 256 bytes (at a char boundary), then `[...]`."""
    data = text.encode()
    if len(data) <= _MAX_DISPLAY:
        return f"`{text}`"
    cut = _MAX_DISPLAY
    while cut and (data[cut] & 0xC0) == 0x80:
        cut -= 1
    return f"`{data[:cut].decode()}`[...]"


def is_char_boundary(data: bytes, k: int) -> bool:
    """str::is_char_boundary: 0, the length, or not inside a UTF-8 sequence (false past the end)."""
    return k == 0 or k == len(data) or (k < len(data) and (data[k] & 0xC0) != 0x80)


def slice_error(text: str, begin: int, end: int) -> str | None:
    data = text.encode()
    n = len(data)
    if begin > n:
        return f"start byte index {begin} is out of bounds of {_shown(text)}"
    if end > n:
        return f"end byte index {end} is out of bounds of {_shown(text)}"
    if begin > end:
        return f"begin > end ({begin} > {end}) when slicing {_shown(text)}"
    if is_char_boundary(data, begin) and is_char_boundary(data, end):
        return None
    which, index = ("start", begin) if not is_char_boundary(data, begin) else ("end", end)
    start = index
    while not is_char_boundary(data, start):
        start -= 1
    ch = data[start:].decode("utf-8", "ignore")[0]
    width = len(ch.encode())
    return (f"{which} byte index {index} is not a char boundary; it is inside {ch!r} "
            f"(bytes {start}..{start + width}) of {_shown(text)}")


@intrinsic("str_slice")
def str_slice(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev, lo_ev = args[0], args[1]
    hi_ev = args[2] if len(args) > 2 else None
    inclusive = bool(node.extra)
    pos = node.pos

    def sl(fr: Any) -> StrV:
        s = ev(fr)
        data = s.text.encode()
        lo = lo_ev(fr)
        hi = hi_ev(fr) + (1 if inclusive else 0) if hi_ev is not None else len(data)
        err = slice_error(s.text, lo, hi)
        if err is not None:
            raise RunError(f"thread 'main' panicked: {err}", pos)
        return StrV(data[lo:hi].decode(), s.block, s.addr + lo)
    return sl


@intrinsic("string_as_str_of")
def string_as_str_of(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """A String place read as the &str of its bytes."""
    h = _header(comp, node)
    return lambda fr: _as_str(h(fr))


@intrinsic("string_as_bytes")
def string_as_bytes(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    h = _header(comp, node)

    def b(fr: Any) -> SliceV:
        sv = h(fr)
        return SliceV(sv.block, sv.start, sv.length, sv.length)
    return b


@intrinsic("str_as_bytes")
def str_as_bytes(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]
    m = comp.m

    def b(fr: Any) -> SliceV:
        s = ev(fr)
        data = s.text.encode()
        blk = s.block
        if blk is not None and blk.cell_addr(0) <= s.addr:
            start = (s.addr - blk.addr) // max(blk.elem.size, 1)
            return SliceV(blk, start, len(data), len(data))
        # a literal: its bytes in read-only data
        ro = m.new_block(U8, len(data), STATIC, "string literal", s.addr)
        ro.cells[:] = list(data)
        return SliceV(ro, 0, len(data), len(data))
    return b
