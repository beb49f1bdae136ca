"""`str`, `String` and `char` methods as Rust 1.95's std runs them, with the
allocations a counting allocator sees (checked against rustc):

* `to_uppercase` / `to_lowercase`: `String::with_capacity(len)`, then each
  char's mapping pushed (growing only when the mapping is longer);
  `to_ascii_*case`: `to_owned` (exactly len bytes), changed in place.
* `replace(from, to)`: one ASCII byte for one byte copies into exactly len
  bytes; otherwise capacity len when `to` is at least as long as the pattern,
  else 0, then `push_str` of each piece.
* `repeat(n)`: exactly len * n bytes; `[S]::join(sep)`: the exact total once.
* `insert`/`insert_str` reserve like `push`/`push_str`, then shift the tail.
* `trim*` borrow a sub-slice (char::is_whitespace is Unicode White_Space);
  `contains`, `find`, `starts_with`, ... read only."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ...lang.types import ArrayType, OptionType, SliceType
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import SliceV, StrV
from .glue import opt_none, opt_some
from .strs import is_char_boundary, slice_error
from .vec import _U8, _append_bytes, _ops, elements_at, site_label, str_bytes

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

#: char::is_whitespace: the Unicode White_Space property.
WHITESPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                       + "".join(chr(c) for c in range(0x2000, 0x200B)))


class _Builder:
    """A String being built: allocated lazily, grown as `Vec<u8>::reserve` does."""

    def __init__(self, comp: "Compiler", node: ir.Intrinsic, cap: int) -> None:
        self.m, self.ops, self.site, self.pos = comp.m, _ops(comp), node.site, node.pos
        self.sv = SliceV(None, 0, 0, 0)
        if cap:
            b = self.m.rust_alloc(_U8, cap, site_label(self.site, "String"), self.site, self.pos)
            self.sv = SliceV(b, 0, 0, cap)

    def push(self, data: bytes) -> None:
        if data:
            self.sv = _append_bytes(self.m, self.ops.reserve(self.sv, len(data), _U8, self.site, self.pos), data)


def _text(v: Any) -> str:
    return v.text if isinstance(v, StrV) else str_bytes(v).decode("utf-8", "replace")


def _read(m: Any, s: StrV) -> bytes:
    data = s.text.encode()
    if s.addr and data:
        m.access(s.addr, len(data))
    return data


def _pattern(v: Any, kind: str) -> bytes:
    return v.encode() if kind == "char" else _text(v).encode()


# ---- borrowing methods ------------------------------------------------------------------------


def _trimmed(ev: "Exec", left: bool, right: bool) -> "Exec":
    def trim(fr: Any) -> StrV:
        s = ev(fr)
        text = s.text
        lo, hi = 0, len(text)
        while left and lo < hi and text[lo] in WHITESPACE:
            lo += 1
        while right and hi > lo and text[hi - 1] in WHITESPACE:
            hi -= 1
        return StrV(text[lo:hi], s.block, s.addr + len(text[:lo].encode()))
    return trim


def _searching(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"],
               test: Callable[[bytes, bytes], Any]) -> "Exec":
    ev, pat_ev = args[0], args[1]
    kind = node.extra[0]
    m = comp.m

    def search(fr: Any) -> Any:
        return test(_read(m, ev(fr)), _pattern(pat_ev(fr), kind))
    return search


def _finding(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"], last: bool) -> "Exec":
    ot = node.ty
    assert isinstance(ot, OptionType)
    none = opt_none(ot)

    def find(s: bytes, p: bytes) -> tuple:
        k = s.rfind(p) if last else s.find(p)
        return none if k < 0 else opt_some(ot, k)
    return _searching(comp, node, args, find)


@intrinsic("std_str_is_char_boundary")
def str_is_char_boundary(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev, k_ev = args

    return lambda fr: is_char_boundary(ev(fr).text.encode(), k_ev(fr))


@intrinsic("std_str_eq_ignore_ascii_case")
def str_eq_ignore_ascii_case(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    a_ev, b_ev = args
    return lambda fr: a_ev(fr).text.encode().lower() == _text(b_ev(fr)).encode().lower()


# ---- allocating methods -----------------------------------------------------------------------


def _case(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"], upper: bool) -> "Exec":
    ev = args[0]
    m = comp.m

    def convert(fr: Any) -> SliceV:
        s = ev(fr)
        data = _read(m, s)
        out = _Builder(comp, node, len(data))
        whole = s.text.upper() if upper else s.text.lower()  # (final sigma needs the context)
        k = 0
        for c in s.text:
            n = len(c.upper() if upper else c.lower())
            for ch in whole[k:k + n]:
                out.push(ch.encode())
            k += n
        return out.sv
    return convert


def _ascii_case(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"], upper: bool) -> "Exec":
    ev = args[0]
    m = comp.m

    def convert(fr: Any) -> SliceV:
        data = _read(m, ev(fr))
        out = _Builder(comp, node, len(data))
        out.push(data.upper() if upper else data.lower())  # bytes: ASCII letters only
        return out.sv
    return convert


@intrinsic("std_str_replace")
def str_replace(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev, pat_ev, to_ev = args
    kind = node.extra[0]
    m = comp.m

    def replace(fr: Any) -> SliceV:
        data = _read(m, ev(fr))
        pat = _pattern(pat_ev(fr), kind)
        to = _text(to_ev(fr)).encode()
        if len(pat) == 1 and pat[0] < 0x80 and len(to) == 1:
            # the ASCII byte-for-byte fast path: one buffer of exactly len bytes
            out = _Builder(comp, node, len(data))
            out.push(data.replace(pat, to))
            return out.sv
        out = _Builder(comp, node, len(data) if len(pat) <= len(to) else 0)
        pieces = data.split(pat) if pat else _empty_pattern_pieces(data)
        for j, piece in enumerate(pieces):
            if j:
                out.push(to)
            out.push(piece)
        return out.sv
    return replace


def _empty_pattern_pieces(data: bytes) -> list[bytes]:
    """An empty pattern matches before every char and at the end."""
    text = data.decode()
    return [b""] + [c.encode() for c in text] + [b""]


@intrinsic("std_str_repeat")
def str_repeat(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev, n_ev = args
    m = comp.m
    pos = node.pos

    def repeat(fr: Any) -> SliceV:
        data, n = _read(m, ev(fr)), n_ev(fr)
        if len(data) * n >= 1 << 63:
            raise RunError("thread 'main' panicked: capacity overflow", pos)
        out = _Builder(comp, node, len(data) * n)
        out.push(data * n)
        return out.sv
    return repeat


@intrinsic("std_join")
def join(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    t = node.args[0].ty
    assert isinstance(t, (SliceType, ArrayType))
    loc, sep_ev = comp.place(node.args[0]), args[1]
    load, nl = comp.load_fn(t.elem), t.elem.nleaves
    m = comp.m
    elements = elements_at(comp, t)

    def joined(fr: Any) -> SliceV:
        b, i = loc(fr)
        blk, start, n = elements(b, i)
        sep = _read(m, sep_ev(fr))
        parts = [str_bytes(load(blk, start + k * nl)) for k in range(n)]
        if not parts:
            return SliceV(None, 0, 0, 0)
        out = _Builder(comp, node, len(sep) * (n - 1) + sum(map(len, parts)))
        out.push(sep.join(parts))
        return out.sv
    return joined


#: The std methods that are one of the helpers above with fixed arguments.
_VARIANTS: dict[str, Callable[["Compiler", ir.Intrinsic, list["Exec"]], "Exec"]] = {
    "trim": lambda c, n, a: _trimmed(a[0], True, True),
    "trim_start": lambda c, n, a: _trimmed(a[0], True, False),
    "trim_end": lambda c, n, a: _trimmed(a[0], False, True),
    "contains": lambda c, n, a: _searching(c, n, a, lambda s, p: p in s),
    "starts_with": lambda c, n, a: _searching(c, n, a, bytes.startswith),
    "ends_with": lambda c, n, a: _searching(c, n, a, bytes.endswith),
    "find": lambda c, n, a: _finding(c, n, a, False),
    "rfind": lambda c, n, a: _finding(c, n, a, True),
    "to_uppercase": lambda c, n, a: _case(c, n, a, True),
    "to_lowercase": lambda c, n, a: _case(c, n, a, False),
    "to_ascii_uppercase": lambda c, n, a: _ascii_case(c, n, a, True),
    "to_ascii_lowercase": lambda c, n, a: _ascii_case(c, n, a, False),
}
for _name, _make in _VARIANTS.items():
    intrinsic("std_str_" + _name)(_make)


# ---- String editing ---------------------------------------------------------------------------


def _string_edit(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"],
                 edit: Callable[[Any, bytes, list[Any]], tuple[bytes, Any]]) -> "Exec":
    """Run `edit(fr, bytes, args) -> (new bytes, result)` on the String at the place,
    growing its buffer as `Vec<u8>::reserve` for what the edit adds."""
    loc = comp.place(node.args[0])
    rest = args[1:]
    ops, m, site, pos = _ops(comp), comp.m, node.site, node.pos

    def run(fr: Any) -> Any:
        b, i = loc(fr)
        vals = [a(fr) for a in rest]
        sv = ops.read_header(b, i)
        data = str_bytes(sv)
        new, result = edit(fr, data, vals)
        if len(new) > len(data):
            sv = ops.reserve(sv, len(new) - len(data), _U8, site, pos)
        if new != data:
            m.access_w(sv.block.addr, len(new))
            m.put(sv.block, 0, list(new))
        ops.write_header(b, i, SliceV(sv.block, 0, len(new), sv.cap))
        return result
    return run


def _require_boundary(data: bytes, k: int, what: str, pos: Any) -> None:
    if not is_char_boundary(data, k):
        raise RunError(f"thread 'main' panicked: assertion failed: self.is_char_boundary({what})", pos)


@intrinsic("std_string_insert")
def string_insert(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    pos = node.pos

    def edit(fr: Any, data: bytes, vals: list[Any]) -> tuple[bytes, Any]:
        k, c = vals
        _require_boundary(data, k, "idx", pos)
        return data[:k] + c.encode() + data[k:], None
    return _string_edit(comp, node, args, edit)


@intrinsic("std_string_insert_str")
def string_insert_str(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    pos = node.pos

    def edit(fr: Any, data: bytes, vals: list[Any]) -> tuple[bytes, Any]:
        k, s = vals
        _require_boundary(data, k, "idx", pos)
        return data[:k] + _text(s).encode() + data[k:], None
    return _string_edit(comp, node, args, edit)


@intrinsic("std_string_truncate")
def string_truncate(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    pos = node.pos

    def edit(fr: Any, data: bytes, vals: list[Any]) -> tuple[bytes, Any]:
        k = vals[0]
        if k > len(data):
            return data, None
        _require_boundary(data, k, "new_len", pos)
        return data[:k], None
    return _string_edit(comp, node, args, edit)


@intrinsic("std_string_pop")
def string_pop(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ot = node.ty
    assert isinstance(ot, OptionType)
    none = opt_none(ot)

    def edit(fr: Any, data: bytes, vals: list[Any]) -> tuple[bytes, Any]:
        if not data:
            return data, none
        c = data.decode()[-1]
        return data[:len(data) - len(c.encode())], opt_some(ot, c)
    return _string_edit(comp, node, args, edit)


@intrinsic("std_string_remove")
def string_remove(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    pos = node.pos

    def edit(fr: Any, data: bytes, vals: list[Any]) -> tuple[bytes, Any]:
        k = vals[0]
        text = data.decode()
        err = slice_error(text, k, len(data))
        if err is not None:
            raise RunError(f"thread 'main' panicked: {err}", pos)
        if k == len(data):
            raise RunError("thread 'main' panicked: cannot remove a char from the end of a string", pos)
        c = data[k:].decode()[0]
        return data[:k] + data[k + len(c.encode()):], c
    return _string_edit(comp, node, args, edit)


# ---- char -------------------------------------------------------------------------------------


def _numeric(c: str) -> bool:
    return unicodedata.category(c) in ("Nd", "Nl", "No")


_CHAR_TESTS: dict[str, Callable[[str], bool]] = {
    "is_alphabetic": str.isalpha,
    "is_numeric": _numeric,
    "is_alphanumeric": lambda c: c.isalpha() or _numeric(c),
    "is_whitespace": lambda c: c in WHITESPACE,
    "is_uppercase": str.isupper,
    "is_lowercase": str.islower,
    "is_control": lambda c: unicodedata.category(c) == "Cc",
    "is_ascii": lambda c: ord(c) < 0x80,
    "is_ascii_alphabetic": lambda c: c.isascii() and c.isalpha(),
    "is_ascii_digit": lambda c: "0" <= c <= "9",
    "is_ascii_alphanumeric": lambda c: c.isascii() and c.isalnum(),
    "is_ascii_whitespace": lambda c: c in "\t\n\x0c\r ",
    "is_ascii_uppercase": lambda c: "A" <= c <= "Z",
    "is_ascii_lowercase": lambda c: "a" <= c <= "z",
    "is_ascii_punctuation": lambda c: c.isascii() and c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    "is_ascii_hexdigit": lambda c: c.isascii() and c in "0123456789abcdefABCDEF",
    "is_ascii_graphic": lambda c: "!" <= c <= "~",
    "is_ascii_control": lambda c: ord(c) < 0x20 or ord(c) == 0x7F,
}


def _char_intrinsic(name: str, test: Callable[[str], Any]) -> None:
    @intrinsic("std_char_" + name)
    def char_method(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
        ev = args[0]
        return lambda fr: test(ev(fr))


for _name, _test in _CHAR_TESTS.items():
    _char_intrinsic(_name, _test)
_char_intrinsic("to_ascii_uppercase", lambda c: c.upper() if "a" <= c <= "z" else c)
_char_intrinsic("to_ascii_lowercase", lambda c: c.lower() if "A" <= c <= "Z" else c)
_char_intrinsic("len_utf8", lambda c: len(c.encode()))


def _digit(c: str, radix: int, pos: Any) -> int | None:
    if not 2 <= radix <= 36:
        raise RunError("thread 'main' panicked: to_digit: invalid radix -- radix must be in the range 2 "
                       "to 36 inclusive", pos)
    if c.isascii() and c.isalnum():
        d = int(c, 36)
        return d if d < radix else None
    return None


@intrinsic("std_char_to_digit")
def char_to_digit(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev, r_ev = args
    ot = node.ty
    assert isinstance(ot, OptionType)
    none, pos = opt_none(ot), node.pos

    def to_digit(fr: Any) -> tuple:
        d = _digit(ev(fr), r_ev(fr), pos)
        return none if d is None else opt_some(ot, d)
    return to_digit


@intrinsic("std_char_is_digit")
def char_is_digit(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    ev, r_ev = args
    pos = node.pos
    return lambda fr: _digit(ev(fr), r_ev(fr), pos) is not None
