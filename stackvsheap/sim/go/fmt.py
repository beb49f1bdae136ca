"""fmt, errors.New and strconv.Itoa as Go 1.27's library runs them.

Output is formatted as fmt/print.go and fmt/format.go do (Println's spaces
between all operands, Print's only between non-strings, Printf's verbs,
flags, width and precision, `%!v(MISSING)`, `%!(EXTRA ...)`, bad verbs).
Allocations are the library's own, counted as testing.AllocsPerRun counts
them in the steady state (the `pp` printer comes from a sync.Pool):

* Sprint*/Sprintf: the result, `string(p.buf)` (none when empty or one
  byte long: slicebytetostring points into runtime.staticuint64s);
* errors.New: its `&errorString{text}` (16 bytes); Errorf without %w:
  Sprintf's string and errors.New's object;
* strconv.Itoa: nothing for 0..99 (strconv.small's static digits),
  otherwise the string (formatBits, then `string(a[i:])`);
* printValue (reflection, for structs, slices, arrays and pointers):
  `value.Interface()` on a value reached through a pointer or a slice
  element (reflect's flagAddr) copies it to a new object (packEface), for
  every such value at depth > 0 whose type is not pointer-shaped and that
  is not reached through an unexported field (CanInterface).

Addresses (%p, pointers below the top level, functions) are refused: the
simulator's addresses are not the real program's.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.go.constant import quote_rune, quote_string
from ...lang.go.gotypes import is_defined_basic
from ...lang.types import (
    ArrayType, BoolType, FloatType, FuncType, IfaceType, IntType, MapType, PtrType, SliceType, StringType,
    StructType, Type,
)
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import IfaceV, Ptr, SliceV, StrV
from ..ops import _go_float
from .slices import _heap_string

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

_ERRSTR = StructType("errors.errorString")
_ERRSTR.fields = [("s", StringType("string"))]
ERROR_STRING = PtrType(_ERRSTR)
_BYTE_NAMES = ("uint8", "byte")


class Unprintable(Exception):
    """Output the simulator cannot reproduce exactly (an address)."""


# ---- values ----------------------------------------------------------------


def type_name(t: Type) -> str:
    """reflect.Type.String(): user types are qualified by package main."""
    if isinstance(t, StructType):
        return t.name if "." in t.name else f"main.{t.name}"
    if isinstance(t, PtrType):
        return "*" + type_name(t.elem)
    if isinstance(t, SliceType):
        return "[]" + type_name(t.elem)
    if isinstance(t, ArrayType):
        return f"[{t.length}]{type_name(t.elem)}"
    if isinstance(t, IfaceType):
        return "interface {}" if t.name == "any" else t.name
    if isinstance(t, IntType) and t.name == "byte":
        return "uint8"
    if isinstance(t, IntType) and t.name == "rune":
        return "int32"
    if is_defined_basic(t):
        return f"main.{t}"
    return str(t)


def fields_of(t: StructType, v: Any) -> list[tuple[str, Type, Any]]:
    leaves = v if isinstance(v, tuple) else (v,)
    out = []
    for i, (name, ft) in enumerate(t.fields):
        first, n = t.field_leaf_range(i)
        out.append((name, ft, _join(ft, leaves[first:first + n])))
    return out


def _join(t: Type, leaves: tuple) -> Any:
    return leaves if t.is_aggregate else leaves[0]


def elems_of(t: Type, v: Any) -> list[Any]:
    """The elements of an array (a tuple of leaves) or a slice (SliceV)."""
    assert isinstance(t, (ArrayType, SliceType))
    e = t.elem
    nl = e.nleaves
    if isinstance(t, ArrayType):
        leaves = v if isinstance(v, tuple) else (v,)
    else:
        if v.block is None or v.length == 0:
            return []
        leaves = tuple(v.block.cells[v.start * nl:(v.start + v.length) * nl])
    return [_join(e, leaves[i * nl:(i + 1) * nl]) for i in range(len(leaves) // nl if nl else 0)]


def load(p: Ptr, t: Type) -> Any:
    b = p.block
    nl = t.nleaves
    cells = b.cells[p.index:p.index + nl]
    return tuple(cells) if t.is_aggregate else cells[0]


def is_bytes(t: Type) -> bool:
    return isinstance(t, SliceType) and isinstance(t.elem, IntType) and t.elem.name in _BYTE_NAMES


def byte_values(t: Type, v: Any) -> bytes:
    return bytes(x & 0xFF for x in elems_of(t, v))


# ---- the fmt state (fmt/format.go) -------------------------------------------


class Spec:
    __slots__ = ("minus", "plus", "sharp", "space", "zero", "wid", "prec", "plus_v", "sharp_v")

    def __init__(self) -> None:
        self.minus = self.plus = self.sharp = self.space = self.zero = False
        self.wid: int | None = None
        self.prec: int | None = None
        self.plus_v = self.sharp_v = False


def pad(f: Spec, s: str) -> str:
    if f.wid is None:
        return s
    n = f.wid - len(s)
    if n <= 0:
        return s
    if f.minus:
        return s + " " * n
    if f.zero:
        return "0" * n + s
    return " " * n + s


def pad_num(f: Spec, s: str) -> str:
    """Zero padding goes after the sign (fmtInteger / fmtFloat)."""
    if f.wid is not None and f.zero and not f.minus and len(s) < f.wid and s[:1] in "+- ":
        return s[0] + "0" * (f.wid - len(s)) + s[1:]
    return pad(f, s)


def fmt_integer(f: Spec, v: int, signed: bool, verb: str, t: Type) -> str:
    if verb == "c":
        return pad(f, chr(v) if 0 <= v <= 0x10FFFF and not 0xD800 <= v < 0xE000 else "\ufffd")
    if verb == "q":
        return pad(f, quote_rune(v) if 0 <= v <= 0x10FFFF else "'\ufffd'")
    if verb == "U":
        s = f"U+{v:04X}"
        if f.sharp and 0 <= v <= 0x10FFFF:
            s += f" '{chr(v)}'"
        return pad(f, s)
    neg = v < 0
    a = -v if neg else v
    base = {"d": 10, "v": 10, "b": 2, "o": 8, "O": 8, "x": 16, "X": 16}[verb]
    digits = {2: format(a, "b"), 8: format(a, "o"), 10: str(a), 16: format(a, "x")}[base]
    if verb == "X":
        digits = digits.upper()
    if f.prec is not None:
        if f.prec == 0 and a == 0:
            digits = ""
        digits = digits.rjust(f.prec, "0")
    prefix = ""
    if f.sharp or verb == "O":
        if base == 8 and (verb == "O" or not digits.startswith("0")):
            prefix = "0o" if verb == "O" else "0"
        elif base == 16:
            prefix = "0x" if verb == "x" else "0X"
        elif base == 2:
            prefix = "0b"
    sign = "-" if neg else "+" if f.plus else " " if f.space else ""
    body = prefix + digits
    if f.wid is not None and f.zero and not f.minus and f.prec is None:
        body = body.rjust(f.wid - len(sign), "0") if len(sign + body) < f.wid else body
        if prefix and len(sign + body) >= f.wid:
            body = prefix + (prefix + digits)[len(prefix):].rjust(f.wid - len(sign) - len(prefix), "0")
        return sign + body
    s = sign + body
    return pad(Spec_no_zero(f), s)


def Spec_no_zero(f: Spec) -> Spec:
    g = Spec()
    g.minus, g.wid = f.minus, f.wid
    return g


def fmt_float(f: Spec, v: float, verb: str) -> str:
    prec = f.prec
    if verb == "v":
        verb = "g"
    if verb == "F":
        verb = "f"
    if math.isnan(v) or math.isinf(v):
        s = "NaN" if math.isnan(v) else ("+Inf" if v > 0 else "-Inf")
        if s == "+Inf" and f.space and not f.plus:  # (fmtFloat keeps strconv's sign on +Inf)
            s = " Inf"
        elif s == "NaN" and (f.plus or f.space):
            s = ("+" if f.plus else " ") + s
        return pad(Spec_no_zero(f), s)
    if verb in "gG":
        if prec is None:
            s = _go_float(v)
        else:
            s = _g_prec(v, prec)
        if verb == "G":
            s = s.upper()
    elif verb in "eE":
        s = format(v, f".{6 if prec is None else prec}{verb}")
    elif verb == "f":
        s = format(v, f".{6 if prec is None else prec}f")
    else:
        raise Unprintable(f"%{verb} of a float")
    if f.sharp and "." not in s and "e" not in s.lower():
        s += "."
    if not s.startswith("-"):
        s = ("+" if f.plus else " " if f.space else "") + s
    return pad_num(f, s)


def _g_prec(v: float, prec: int) -> str:
    """strconv 'g' with an explicit precision."""
    if prec == 0:
        prec = 1
    s = format(v, f".{prec - 1}e")
    mant, exp = s.split("e")
    e = int(exp)
    if e < -4 or e >= prec:
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        return f"{mant}e{'-' if e < 0 else '+'}{abs(e):02d}"
    out = format(v, f".{max(prec - 1 - e, 0)}f")
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return out


def fmt_string(f: Spec, s: str, verb: str) -> str:
    if verb in "vs":
        if f.prec is not None:
            s = s[:f.prec]
        return pad(f, s)
    if verb == "q":
        return pad(f, "`" + s + "`" if f.sharp and "`" not in s and s.isprintable() else quote_string(s))
    if verb in "xX":
        data = s.encode("utf-8", "surrogateescape")
        return pad(f, hex_bytes(f, data, verb))
    raise AssertionError(verb)


def hex_bytes(f: Spec, data: bytes, verb: str) -> str:
    h = data.hex()
    if verb == "X":
        h = h.upper()
    if f.space:
        pre = ("0x" if verb == "x" else "0X") if f.sharp else ""
        return " ".join(pre + h[i:i + 2] for i in range(0, len(h), 2))
    if f.sharp and data:
        h = ("0x" if verb == "x" else "0X") + h
    return h


# ---- the printer (fmt/print.go) ----------------------------------------------


class Printer:
    """One pp: formats arguments, and performs reflection's allocations."""

    def __init__(self, comp: "Compiler", pos: ir.Pos) -> None:
        self.comp = comp
        self.m = comp.m
        self.pos = pos
        self.buf: list[str] = []
        self.site = ir.AllocSite(pos, "reflect", "reflect.Value.Interface (fmt)", silent=True)

    def w(self, s: str) -> None:
        self.buf.append(s)

    # printArg
    def arg(self, a: Any, verb: str, f: Spec) -> None:
        if a is None:
            if verb in "Tv":
                self.w(pad(f, "<nil>"))
            else:
                self.w(f"%!{verb}(<nil>)")
            return
        t, v = a.ty, a.value
        if verb == "T":
            self.w(pad(f, type_name(t)))
            return
        if verb == "p":
            raise Unprintable("%p (a pointer's address)")
        if t is ERROR_STRING:
            if verb in "vsq" or verb in "xX":
                self.w(fmt_string(f, load(v, _ERRSTR)[0].text, verb))  # its Error()
            else:
                self.bad_verb(a, verb)
            return
        if self.handle_methods(t, v, verb, f):
            return
        self.value(t, v, verb, f, 0, False, False, a)

    def handle_methods(self, t: Type, v: Any, verb: str, f: Spec) -> bool:
        """handleMethods: an Error() or String() method in t's method set
        prints the value, for %v %s %x %X %q."""
        if verb not in "vsxXq":
            return False
        ptr = isinstance(t, PtrType)
        base = t.elem if ptr else t
        if not (isinstance(base, StructType) or is_defined_basic(base)) or base is _ERRSTR:
            return False
        for name in ("Error", "String"):
            fn = self.comp.p.funcs.get(f"{base.name}.{name}")
            if fn is None or len(fn.params) != 1 or len(fn.results) != 1 or not isinstance(fn.results[0], StringType):
                continue
            by_ptr = isinstance(fn.params[0].ty, PtrType)
            if by_ptr and not ptr:
                continue  # not in the method set of the value
            if ptr and v is None and not by_ptr:
                self.w("<nil>")  # fmt catches the nil dereference
                return True
            recv = v if by_ptr or not ptr else load(v, base)
            out = self.comp.invoker(self.comp.codes[id(fn)])([recv], None)
            self.w(fmt_string(f, out.text, verb))
            return True
        return False

    def bad_verb(self, a: Any, verb: str) -> None:
        if a is None:
            self.w(f"%!{verb}(<nil>)")
            return
        g = Spec()
        self.w(f"%!{verb}({type_name(a.ty)}=")
        self.value(a.ty, a.value, "v", g, 0, False, False, a)
        self.w(")")

    # printValue (and the fast paths of printArg, which print the same)
    def value(self, t: Type, v: Any, verb: str, f: Spec, depth: int, addr: bool, ro: bool, a: Any) -> None:
        if depth > 0 and addr and not ro and not isinstance(t, (PtrType, FuncType, IfaceType)) and t.size > 0:
            # value.Interface() of an addressable value: packEface copies it
            b = self.m.go_alloc(t, 1, self.site.text, self.site, self.pos)
            self.m.put(b, 0, list(v) if isinstance(v, tuple) else [v])
        if depth > 0 and not ro and self.handle_methods(t, v, verb, f):
            return
        if isinstance(t, BoolType):
            if verb in "tv":
                self.w(pad(f, "true" if v else "false"))
            else:
                self.bad(t, v, verb)
        elif isinstance(t, IntType):
            if verb in "vdbcoOqxXU":
                self.w(fmt_integer(f, v, t.signed, verb, t))
            else:
                self.bad(t, v, verb)
        elif isinstance(t, FloatType):
            if verb in "vbgGxXfFeE":
                self.w(fmt_float(f, v, verb))
            else:
                self.bad(t, v, verb)
        elif isinstance(t, StringType):
            if verb in "vsxXq":
                self.w(fmt_string(f, v.text, verb))
            else:
                self.bad(t, v, verb)
        elif isinstance(t, IfaceType):
            if v is None:
                self.w("<nil>")
            elif v.ty is ERROR_STRING:
                self.arg(v, verb, f)
            else:
                self.value(v.ty, v.value, verb, f, depth + 1, False, ro, v)
        elif isinstance(t, StructType):
            self.w("{")
            for i, (name, ft, fv) in enumerate(fields_of(t, v)):
                if i:
                    self.w(" ")
                if f.plus_v:
                    self.w(name + ":")
                self.value(ft, fv, verb, f, depth + 1, addr, ro or not name[:1].isupper(), None)
            self.w("}")
        elif isinstance(t, (SliceType, ArrayType)):
            if is_bytes(t) or (isinstance(t, ArrayType) and isinstance(t.elem, IntType) and t.elem.name in _BYTE_NAMES):
                if verb in "sqxX":
                    data = byte_values(t, v)
                    if verb in "sq":
                        self.w(fmt_string(f, data.decode("utf-8", "surrogateescape"), verb))
                    else:
                        self.w(pad(f, hex_bytes(f, data, verb)))
                    return
                if depth == 0 and isinstance(t, SliceType) and t.elem.name in _BYTE_NAMES and verb in "vd":
                    # printArg's []byte case: fmtBytes, no reflection
                    self.w("[" + " ".join(fmt_integer(f, x, False, "d", t.elem) for x in byte_values(t, v)) + "]")
                    return
            self.w("[")
            el_addr = True if isinstance(t, SliceType) else addr
            for i, ev in enumerate(elems_of(t, v)):
                if i:
                    self.w(" ")
                self.value(t.elem, ev, verb, f, depth + 1, el_addr, ro, None)
            self.w("]")
        elif isinstance(t, PtrType):
            if v is None:
                if verb in "vp":
                    self.w(pad(f, "<nil>"))
                else:
                    self.bad(t, v, verb)
                return
            if depth == 0 and isinstance(t.elem, (StructType, ArrayType, SliceType)):
                self.w("&")
                self.value(t.elem, load(v, t.elem), verb, f, depth + 1, True, ro, None)
                return
            raise Unprintable("a pointer's address")
        elif isinstance(t, FuncType):
            if v is None and verb == "v":
                self.w("<nil>")
                return
            raise Unprintable("a function's address")
        elif isinstance(t, MapType):
            self.map_value(t, v, verb, f, depth)
        else:
            raise Unprintable(f"a value of type {t}")

    def map_value(self, t: MapType, v: Any, verb: str, f: Spec, depth: int) -> None:
        """printValue's Map case: internal/fmtsort.Sort copies every key and
        value out of the map (reflect copyVal: one object each for types that
        are not pointer-shaped) into a new []KeyValue, sorted by key."""
        from .maps import map_entries

        plain = (BoolType, IntType, FloatType, StringType)
        if (not isinstance(t.key, plain) or is_defined_basic(t.key)
                or not (isinstance(t.elem, plain + (StructType,)) and not is_defined_basic(t.elem))):
            raise Unprintable(f"a map of {t.key} to {t.elem} (maps print with keys of plain numbers, "
                              "strings or bools, and values of those or structs)")
        if isinstance(t.elem, StructType) and any(
                f"{t.elem.name}.{m}" in self.comp.p.funcs for m in ("String", "Error")):
            raise Unprintable(f"a map of {t.elem} values with a String or Error method")
        entries = map_entries(self.comp, t, v)
        if entries:
            kv = self.m.go_alloc(_KEY_VALUE, len(entries), "fmtsort.SortedMap", self.site, self.pos)
            self.m.access_w(kv.addr, _KEY_VALUE.size * len(entries))
            for k, val in entries:
                for pt, x in ((t.key, k), (t.elem, val)):
                    b = self.m.go_alloc(pt, 1, "reflect copyVal (fmt)", self.site, self.pos)
                    self.m.put(b, 0, [x])
        entries.sort(key=lambda e: _sort_key(t.key, e[0]))
        self.w("map[")
        for i, (k, val) in enumerate(entries):
            if i:
                self.w(" ")
            self.value(t.key, k, verb, f, depth + 1, False, True, None)
            self.w(":")
            self.value(t.elem, val, verb, f, depth + 1, False, False, None)
        self.w("]")

    def bad(self, t: Type, v: Any, verb: str) -> None:
        self.w(f"%!{verb}({type_name(t)}=")
        self.value(t, v, "v", Spec(), 0, False, False, None)
        self.w(")")

    # doPrint / doPrintln / doPrintf
    def do_print(self, args: list[Any], ln: bool) -> None:
        prev_string = False
        for i, a in enumerate(args):
            is_string = a is not None and isinstance(a.ty, StringType)
            if i > 0 and (ln or (not is_string and not prev_string)):
                self.w(" ")
            self.arg(a, "v", Spec())
            prev_string = is_string
        if ln:
            self.w("\n")

    def do_printf(self, fmt: str, args: list[Any]) -> None:
        end = len(fmt)
        argn = 0
        i = 0
        while i < end:
            j = fmt.find("%", i)
            if j < 0:
                self.w(fmt[i:])
                break
            self.w(fmt[i:j])
            i = j + 1
            f = Spec()
            while i < end and fmt[i] in "#0+- ":
                c = fmt[i]
                if c == "#":
                    f.sharp = True
                elif c == "0":
                    f.zero = True
                elif c == "+":
                    f.plus = True
                elif c == "-":
                    f.minus = True
                else:
                    f.space = True
                i += 1
            if i < end and fmt[i] == "*":
                raise Unprintable("a `*` width")
            k = i
            while i < end and fmt[i].isdigit():
                i += 1
            if i > k:
                f.wid = int(fmt[k:i])
            if i < end and fmt[i] == ".":
                i += 1
                if i < end and fmt[i] == "*":
                    raise Unprintable("a `*` precision")
                k = i
                while i < end and fmt[i].isdigit():
                    i += 1
                f.prec = int(fmt[k:i]) if i > k else 0
            if f.minus:
                f.zero = False
            if i >= end:
                self.w("%!(NOVERB)")
                break
            verb = fmt[i]
            i += 1
            if verb == "%":
                self.w("%")
                continue
            if argn >= len(args):
                self.w(f"%!{verb}(MISSING)")
                continue
            if verb == "w":
                raise Unprintable("%w (wrapped errors)")
            if verb == "v":
                if f.plus:
                    f.plus, f.plus_v = False, True
                if f.sharp:
                    raise Unprintable("%#v (Go syntax)")
            self.arg(args[argn], verb, f)
            argn += 1
        if argn < len(args):
            self.w("%!(EXTRA ")
            for k, a in enumerate(args[argn:]):
                if k:
                    self.w(", ")
                if a is None:
                    self.w("<nil>")
                else:
                    self.w(type_name(a.ty) + "=")
                    self.arg(a, "v", Spec())
            self.w(")")

    def text(self) -> str:
        return "".join(self.buf)


_KV_WORD = IntType("uintptr", 8, False)
#: internal/fmtsort.KeyValue: two reflect.Values (type, pointer, flag each)
_KEY_VALUE = StructType("fmtsort.KeyValue")
_KEY_VALUE.fields = [("Key", SliceType(_KV_WORD)), ("Value", SliceType(_KV_WORD))]


def _sort_key(t: Type, k: Any) -> Any:
    """internal/fmtsort.compare: numbers by value (NaN first), strings by
    bytes, false before true."""
    if isinstance(t, StringType):
        return k.text.encode("utf-8", "surrogateescape")
    if isinstance(t, FloatType):
        return (0, 0.0) if math.isnan(k) else (1, k)
    return k


def _iface_args(s: Any) -> list[Any]:
    if s is None or s.block is None:
        return []
    return list(s.block.cells[s.start:s.start + s.length])


@intrinsic("fmt_call")
def fmt_call(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    name = node.extra
    m = comp.m
    pos = node.pos
    site = node.site
    formatted = name in ("Printf", "Sprintf", "Errorf")
    fmt_v = args[0] if formatted else None
    slice_v = args[-1]

    def run(fr: Any) -> Any:
        p = Printer(comp, pos)
        fmt_s = fmt_v(fr).text if fmt_v is not None else ""
        vals = _iface_args(slice_v(fr))
        try:
            if formatted:
                p.do_printf(fmt_s, vals)
            else:
                p.do_print(vals, name.endswith("ln"))
        except Unprintable as e:
            raise RunError(f"unsupported: printing {e} (the simulator's addresses are not Go's)", pos) from None
        out = p.text()
        if name in ("Println", "Print", "Printf"):
            m.write_output(out)
            return None
        assert site is not None
        # string(p.buf): "" and one-byte strings (runtime.staticuint64s) are free
        s = _heap_string(comp, out, site, pos) if len(out.encode("utf-8", "surrogateescape")) > 1 else m.literal(out)
        if name == "Errorf":
            return new_error(comp, s, site, pos)
        return s
    return run


def new_error(comp: "Compiler", s: StrV, site: ir.AllocSite, pos: ir.Pos) -> IfaceV:
    """errors.New: &errorString{s}, 16 bytes, in an error interface."""
    m = comp.m
    b = m.go_alloc(_ERRSTR, 1, "&errors.errorString{...}", site, pos)
    m.put(b, 0, [s])
    m.access_w(b.addr, 16)
    return IfaceV(ERROR_STRING, Ptr(b, 0), b)


@intrinsic("errors_new")
def errors_new(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    (sv,) = args
    site = node.site
    assert site is not None
    pos = node.pos
    return lambda fr: new_error(comp, sv(fr), site, pos)


@intrinsic("strconv_itoa")
def strconv_itoa(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """strconv.FormatInt(int64(i), 10): 0..99 come from a static table."""
    (iv,) = args
    site = node.site
    assert site is not None
    pos = node.pos
    m = comp.m

    def itoa(fr: Any) -> StrV:
        i = iv(fr)
        if 0 <= i < 100:
            return m.literal(str(i))
        return _heap_string(comp, str(i), site, pos)
    return itoa
