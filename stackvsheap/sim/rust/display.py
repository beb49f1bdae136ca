"""User Display impls at run time: the user's `fmt` called with a Formatter
whose sink collects the `write_str` calls, in order.

`user_display` runs `<T as Display>::fmt(&value, f)` and gives the text as a
`WrittenV` (a `&str` that remembers its pieces): `format!` and `write!`
write those pieces one by one, as the real Formatter passes each to its
`buf` (a String grows per piece); prints only need the text.
`display_to_string` is `ToString` for `T: Display`: `String::new()`, then
each piece pushed (library/alloc/src/string.rs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ..intrinsics import intrinsic
from ..memory import SliceV, StrV
from .fmt import chunks
from .vec import _U8, _append_bytes, _ops, site_label

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


class WrittenV(StrV):
    """The text a user `fmt` wrote, with its `write_str` pieces."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: list[str]) -> None:
        super().__init__("".join(pieces), None, 0)
        self.pieces = pieces


@intrinsic("user_display")
def user_display(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev_ptr, ev_f = args

    def run(fr: Any) -> WrittenV:
        p = ev_ptr(fr)
        fv = ev_f(fr)
        sink: list[str] = []
        comp.call_funcv(fv, [p, sink])
        return WrittenV(sink)
    return run


@intrinsic("fmt_write")
def fmt_write(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`write!(f, ...)`: each literal piece and each hole's writes, to f's sink."""
    dest, holes = args[0], args[1:]
    pieces: list[str] = node.extra
    types = [a.ty for a in node.args[1:]]
    from ...lang.rust.fmtspec import Hole

    def write(fr: Any) -> bool:
        sink = dest(fr)
        vals = [ev(fr) for ev in holes]
        k = 0
        for p in pieces:
            if isinstance(p, Hole):
                sink.extend(chunks(vals[k], types[k], p))
                k += 1
            elif p:
                sink.append(p)
        return False  # Ok(())
    return write


@intrinsic("fmt_write_str")
def fmt_write_str(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    dest, ev = args

    def write_str(fr: Any) -> bool:
        sink = dest(fr)
        s = ev(fr)
        if s.text:
            sink.append(s.text)
        return False
    return write_str


@intrinsic("fmt_try")
def fmt_try(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev = args[0]

    def try_(fr: Any) -> tuple:
        ev(fr)  # always Ok: nothing to return early with
        return ()
    return try_


@intrinsic("display_to_string")
def display_to_string(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    m = comp.m
    ops = _ops(comp)
    ev = args[0]
    site = node.site
    pos = node.pos

    def to_string(fr: Any) -> SliceV:
        w = ev(fr)
        sv = SliceV(None, 0, 0, 0)
        for piece in w.pieces:
            data = piece.encode("utf-8")
            if data:
                sv = _append_bytes(m, ops.reserve(sv, len(data), _U8, site, pos), data)
        return sv
    return to_string


__all__ = ["WrittenV", "site_label"]
