"""strings.Builder as strings/builder.go runs it.

The Builder's `buf` is a []byte that WriteString/WriteByte/WriteRune grow
with append (runtime.growslice: nextslicecap, then the size class of the
byte count) and Grow(n) replaces, when fewer than n bytes are free, by
bytealg.MakeNoZero(2*cap + n) (rounded up to its size class). String()
shares the buffer (unsafe.String): no copy, no allocation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import SliceV, StrV
from .slices import _BYTE, nextslicecap, roundupsize

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_BUF = 1  # leaf index of `buf` in a Builder (after `addr`)


@intrinsic("builder_call")
def builder_call(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    recv, *rest = args
    name = node.extra
    m = comp.m
    site = node.site
    assert site is not None
    pos = node.pos
    label = "strings.Builder buffer"

    def buf_of(fr: Any) -> tuple[Any, int, SliceV]:
        p = recv(fr)
        b, i = p.block, p.index + _BUF
        m.access(b.cell_addr(i), 24)
        return b, i, b.cells[i]

    def store(b: Any, i: int, s: SliceV) -> None:
        m.put(b, i, [s])
        m.access_w(b.cell_addr(i), 24)

    def regrow(old: SliceV, cap: int) -> SliceV:
        nb = m.go_alloc(_BYTE, cap, label, site, pos)
        if old.length:
            m.put(nb, 0, old.block.cells[old.start:old.start + old.length])
            m.access(old.block.cell_addr(old.start), old.length)
            m.access_w(nb.addr, old.length)
        return SliceV(nb, 0, old.length, cap)

    def append(b: Any, i: int, s: SliceV, data: bytes) -> None:
        n = len(data)
        if not n:
            return
        newlen = s.length + n
        if newlen > s.cap:
            s = regrow(s, roundupsize(nextslicecap(newlen, s.cap), True))
        m.put(s.block, s.start + s.length, list(data))
        m.access_w(s.block.cell_addr(s.start + s.length), n)
        store(b, i, SliceV(s.block, s.start, newlen, s.cap))

    if name in ("WriteString", "WriteByte", "WriteRune"):
        (av,) = rest

        def write(fr: Any) -> Any:
            b, i, s = buf_of(fr)
            a = av(fr)
            if name == "WriteString":
                data = a.text.encode("utf-8", "surrogateescape")
            elif name == "WriteByte":
                data = bytes([a & 0xFF])
            else:
                ch = chr(a) if 0 <= a <= 0x10FFFF and not 0xD800 <= a < 0xE000 else "\ufffd"
                data = ch.encode()
            append(b, i, s, data)
            return None if name == "WriteByte" else (len(data), None)
        return write

    if name == "Grow":
        (nv,) = rest

        def grow(fr: Any) -> None:
            b, i, s = buf_of(fr)
            n = nv(fr)
            if n < 0:
                raise RunError("panic: strings.Builder.Grow: negative count", pos)
            if s.cap - s.length < n:
                store(b, i, regrow(s, roundupsize(2 * s.cap + n, True)))
        return grow

    def query(fr: Any) -> Any:
        b, i, s = buf_of(fr)
        if name == "Len":
            return s.length
        if name == "Cap":
            return s.cap
        if name == "Reset":
            m.put(b, i - 1, [None, SliceV(None, 0, 0, 0)])
            return None
        if not s.length:
            return m.literal("")
        data = bytes(s.block.cells[s.start:s.start + s.length])
        return StrV(data.decode("utf-8", "surrogateescape"), s.block, s.block.cell_addr(s.start))
    return query
