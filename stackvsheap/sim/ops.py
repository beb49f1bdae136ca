"""Operators, conversions and printing, with each language's arithmetic rules.

Go integers wrap (two's complement); Rust debug builds panic on overflow
("attempt to add with overflow"). Both truncate division toward zero and
fault on a zero divisor.
"""

from __future__ import annotations

import math
import operator
from typing import TYPE_CHECKING, Any, Callable

from ..lang import ir
from ..lang.types import (
    ArrayType,
    BoolType, CharType, FloatType, IntType, OptionType, PtrType, SliceType, StringType,
    StructType, TupleType, Type, ZeroSized,
)
from ..lang.rust.enums import EnumType
from ..lang.rust.hashmap import HashMapType
from ..lang.rust.refcell import CellType, RefCellType
from .intrinsics import STMT_HOOKS
from .pretty import pretty_debug
from .machine import RunError
from .memory import FuncV, Ptr, SliceV, StrV

if TYPE_CHECKING:
    from .compile import Compiler, Exec

_RUST_VERB = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "calculate the remainder",
              "<<": "shift left", ">>": "shift right"}


def _div(x: int, y: int) -> int:
    q = abs(x) // abs(y)
    return q if (x >= 0) == (y >= 0) else -q


def _rem(x: int, y: int) -> int:
    return x - _div(x, y) * y


_INT_OPS: dict[str, Callable[[int, int], int]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": _div, "%": _rem,
    "&": operator.and_, "|": operator.or_, "^": operator.xor, "&^": lambda a, b: a & ~b,
    "<<": operator.lshift, ">>": operator.rshift,
}
_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge,
}


def _text(v: Any) -> Any:
    return v.text if isinstance(v, StrV) else v


def arith(comp: "Compiler", op: str, t: Type, pos: ir.Pos, checked: bool) -> Callable[[Any, Any], Any]:
    """The function computing `x op y` for operands of type t."""
    go = comp.go
    if isinstance(t, FloatType):
        fop = {"+": operator.add, "-": operator.sub, "*": operator.mul}.get(op)
        if fop is not None:
            return fop
        if op == "/":
            def fdiv(x: float, y: float) -> float:
                if y == 0:
                    if x == 0 or math.isnan(x):
                        return math.nan
                    return math.copysign(math.inf, x) * math.copysign(1, y)
                return x / y
            return fdiv
        if op == "%" and not go:
            return math.fmod
        raise ir.UnsupportedError(f"unsupported: operator {op} on {t}", pos, comp.p.file)
    if isinstance(t, BoolType):
        return {"&": operator.and_, "|": operator.or_, "^": operator.xor}[op]
    if not isinstance(t, IntType):
        raise ir.UnsupportedError(f"unsupported: operator {op} on {t}", pos, comp.p.file)
    base = _INT_OPS[op]
    wrap = t.wrap
    bits = t.bits
    div = op in ("/", "%")
    shift = op in ("<<", ">>")

    if go and not div and not shift:
        # two bounds instead of wrap's mask and shifts on every op
        glo, ghi = (-(1 << (bits - 1)), 1 << (bits - 1)) if t.signed else (0, 1 << bits)

        def go_plain_op(x: int, y: int) -> int:
            r = base(x, y)
            return r if glo <= r < ghi else wrap(r)
        return go_plain_op

    if go:
        def go_op(x: int, y: int) -> int:
            if div and y == 0:
                raise RunError("panic: runtime error: integer divide by zero", pos)
            if shift and y < 0:
                raise RunError("panic: runtime error: negative shift amount", pos)
            if shift and y >= bits:
                return 0 if op == "<<" or x >= 0 or not t.signed else -1
            return wrap(base(x, y))
        return go_op

    verb = _RUST_VERB.get(op, op)
    # t.in_range as two bounds: the overflow check runs on every checked op
    lo, hi = (-(1 << (bits - 1)), 1 << (bits - 1)) if t.signed else (0, 1 << bits)

    def rust_op(x: int, y: int) -> int:
        if div and y == 0:
            raise RunError(
                "thread 'main' panicked: attempt to "
                + ("divide by zero" if op == "/" else "calculate the remainder with a divisor of zero"),
                pos,
            )
        if shift:
            if y < 0 or y >= bits:
                raise RunError(f"thread 'main' panicked: attempt to {verb} with overflow", pos)
            return wrap(base(x, y))
        r = base(x, y)
        if not lo <= r < hi:
            raise RunError(f"thread 'main' panicked: attempt to {verb} with overflow", pos)
        return r
    return rust_op


def binary_op(comp: "Compiler", e: ir.Binary) -> "Exec":
    x = comp.expr(e.x)
    y = comp.expr(e.y)
    op = e.op
    if op == "&&":
        return lambda fr: x(fr) and y(fr)
    if op == "||":
        return lambda fr: x(fr) or y(fr)
    if op in _CMP:
        cmp = _CMP[op]
        xt = e.x.ty
        if isinstance(xt, StringType) or (isinstance(xt, SliceType) and xt.flavor == "string"):
            return lambda fr: cmp(_text(x(fr)), _text(y(fr)))
        if isinstance(xt, SliceType) and xt.flavor == "go":
            # only `s == nil` / `s != nil` are legal in Go
            eq = op == "=="
            return lambda fr: (x(fr).block is None and y(fr).block is None) == eq
        if isinstance(xt, FuncType_):
            eq = op == "=="
            return lambda fr: (x(fr) is y(fr)) == eq
        if isinstance(xt, ZeroSized):
            # `()`, struct{}: every value is equal to every other one
            same = op in ("==", "<=", ">=")
            return lambda fr: (x(fr), y(fr), same)[2]
        fast = _local_vs_const(comp, e, op)
        if fast is not None:
            return fast
        if xt.is_aggregate and op in ("==", "!="):
            # leaf by leaf with each leaf's own `==` (a tuple's `==` would call
            # the same NaN object equal to itself)
            want = op == "=="
            return lambda fr: all(a == b for a, b in zip(x(fr), y(fr))) == want
        return lambda fr: cmp(x(fr), y(fr))
    if op == "+" and isinstance(e.ty, StringType):
        return lambda fr: StrV(_text(x(fr)) + _text(y(fr)), None, 0)
    f = arith(comp, op, e.ty, e.pos, e.checked)
    return lambda fr: f(x(fr), y(fr))


from ..lang.types import FuncType as FuncType_  # noqa: E402

def _local_vs_const(comp: "Compiler", e: ir.Binary, op: str) -> "Exec | None":
    """`i < n` with i a local and n a constant: the loop-condition hot path."""
    loc = comp.local_scalar(e.x)
    if loc is None or not isinstance(e.y, ir.Const) or not isinstance(e.y.value, (int, float)):
        return None
    base, off, size = loc
    c = e.y.value
    acc = comp.m.access
    if op == "<":
        def lt(fr: Any) -> bool:
            fb = fr.block
            acc(fb.addr + off, size)
            return fb.cells[base] < c
        return lt
    if op == "<=":
        def le(fr: Any) -> bool:
            fb = fr.block
            acc(fb.addr + off, size)
            return fb.cells[base] <= c
        return le
    if op == "!=":
        def ne(fr: Any) -> bool:
            fb = fr.block
            acc(fb.addr + off, size)
            return fb.cells[base] != c
        return ne
    return None


def convert(comp: "Compiler", e: ir.Convert) -> "Exec":
    x = comp.expr(e.x)
    src = e.x.ty
    dst = e.ty
    if isinstance(dst, IntType):
        wrap = dst.wrap
        if isinstance(src, FloatType):
            if comp.go:
                return lambda fr: wrap(int(x(fr)))
            lo = -(1 << (dst.bits - 1)) if dst.signed else 0
            hi = (1 << (dst.bits - 1)) - 1 if dst.signed else (1 << dst.bits) - 1

            def sat(fr: Any) -> int:
                v = x(fr)
                if math.isnan(v):
                    return 0
                if math.isinf(v):
                    return hi if v > 0 else lo
                return max(lo, min(hi, int(v)))
            return sat  # Rust `as` saturates
        if isinstance(src, CharType):
            return lambda fr: wrap(ord(x(fr)))
        if isinstance(src, BoolType):
            return lambda fr: int(x(fr))
        return lambda fr: wrap(x(fr))
    if isinstance(dst, FloatType):
        return lambda fr: float(x(fr))
    if isinstance(dst, CharType):
        return lambda fr: chr(x(fr))
    return x


def op_assign(comp: "Compiler", s: ir.OpAssign) -> "Exec":
    t = s.target.ty
    f = arith(comp, s.op, t, s.pos, s.checked)
    val = comp.expr(s.value)
    m = comp.m
    target = s.target
    if isinstance(target, ir.VarRef):
        sl = comp.slot(target.var)
        if not sl.indirect and not sl.is_global:
            inc = _go_inc_local(comp, s, sl.base, sl.offset)
            if inc is not None:
                return inc
            if m.rec is not None:
                return _op_local_recorded(comp, s, f, val, sl.base, sl.offset)
            base, off, size = sl.base, sl.offset, t.size
            acc = m.access

            def op_local(fr: Any) -> None:
                v = val(fr)
                fb = fr.block
                a = fb.addr + off
                acc(a, size)
                cells = fb.cells
                cells[base] = f(cells[base], v)
                acc(a, size)
            return op_local
    loc = comp.place(target)
    load = comp.load_fn(t)
    store = comp.store_fn(t)

    def op_place(fr: Any) -> None:
        b, i = loc(fr)
        v = val(fr)
        store(b, i, f(load(b, i), v))
    return op_place


def _go_inc_local(comp: "Compiler", s: ir.OpAssign, base: int, off: int) -> "Exec | None":
    """Go's `x += c` / `x -= c` on an int local in its frame (`i++`), in
    one closure: read x, write x + c (wrapped outside the type's range),
    logging the write when recording. None for any other `op=`."""
    t = s.target.ty
    if not (isinstance(s.value, ir.Const) and s.op in ("+", "-") and isinstance(t, IntType) and comp.go):
        return None
    c = s.value.value if s.op == "+" else -s.value.value
    lo, hi = (-(1 << (t.bits - 1)), 1 << (t.bits - 1)) if t.signed else (0, 1 << t.bits)
    wrap = t.wrap
    size = t.size
    m = comp.m
    acc, acc_w = m.access, m.access_w
    write = m.rec.writer() if m.rec is not None else None

    def inc_local(fr: Any) -> None:
        fb = fr.block
        a = fb.addr + off
        acc(a, size)
        cells = fb.cells
        old = cells[base]
        new = old + c
        if not lo <= new < hi:
            new = wrap(new)
        acc_w(a, size)
        if write is not None:
            write((fb, base, old, new))
        cells[base] = new
    return inc_local


def _op_local_recorded(comp: "Compiler", s: ir.OpAssign, f: Any, val: "Exec", base: int, off: int) -> "Exec":
    """`x op= v` on a local in its frame, recorded: the generic path's
    accesses and write log (read x, then write x and log old -> new) in
    one closure."""
    m = comp.m
    acc, acc_w, write = m.access, m.access_w, m.rec.writer()
    size = s.target.ty.size

    def op_local_rec(fr: Any) -> None:
        v = val(fr)
        fb = fr.block
        a = fb.addr + off
        acc(a, size)
        cells = fb.cells
        old = cells[base]
        new = f(old, v)
        acc_w(a, size)
        write((fb, base, old, new))
        cells[base] = new
    return op_local_rec


# ---- printing ---------------------------------------------------------------


def go_format(v: Any, t: Type) -> str:
    """Go's builtin println formatting (runtime/print.go)."""
    if isinstance(t, BoolType):
        return "true" if v else "false"
    if isinstance(t, FloatType):
        return _go_float(v)
    if isinstance(t, IntType):
        return str(v)
    if isinstance(t, StringType):
        return v.text
    if isinstance(t, SliceType):
        return f"[{v.length}/{v.cap}]{v.addr:#x}"
    if v is None:
        return "0x0"
    if isinstance(v, Ptr):
        return f"{v.addr:#x}"
    if isinstance(v, FuncV):
        return "0x1"
    return str(v)


def _go_float(v: float) -> str:
    """runtime.printfloat64 (Go 1.27): strconv.AppendFloat(v, 'g', -1, 64),
    the shortest decimal that round-trips; %e when exp < -4 or exp >= 6."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    if v == 0:
        return "-0" if math.copysign(1, v) < 0 else "0"
    sign = "-" if v < 0 else ""
    r = repr(abs(v))  # Python's repr is also the shortest round-trip form
    if "e" in r:
        m, e = r.split("e")
        digits = m.replace(".", "")
        dp = int(e) + 1 + (m.index(".") - 1 if "." in m else len(m) - 1)
    else:
        ip, _, fp = r.partition(".")
        fp = fp.rstrip("0") if fp != "0" else ""
        if ip == "0":
            stripped = fp.lstrip("0")
            dp = -(len(fp) - len(stripped))
            digits = stripped
        else:
            digits = ip + fp
            dp = len(ip)
    digits = digits.rstrip("0") or "0"
    exp_ = dp - 1
    if exp_ < -4 or exp_ >= 6:
        m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{m}e{'-' if exp_ < 0 else '+'}{abs(exp_):02d}"
    if dp <= 0:
        return f"{sign}0.{'0' * -dp}{digits}"
    if dp >= len(digits):
        return f"{sign}{digits}{'0' * (dp - len(digits))}"
    return f"{sign}{digits[:dp]}.{digits[dp:]}"


def rust_format(v: Any, t: Type, debug: bool) -> str:
    """`{}` / `{:?}` for the subset's types."""
    if isinstance(t, BoolType):
        return "true" if v else "false"
    if isinstance(t, FloatType):
        return _rust_float(v, debug)
    if isinstance(t, IntType):
        return str(v)
    if isinstance(t, CharType):
        return _rust_debug_char(v) if debug else v
    if isinstance(t, StringType):
        return _rust_debug_str(v.text) if debug else v.text
    if isinstance(t, SliceType) and t.flavor == "string":
        text = rust_string_text(v)
        return _rust_debug_str(text) if debug else text
    if isinstance(t, SliceType):
        items = [] if v.block is None else [
            rust_format(_elem(v, k, t.elem), t.elem, True) for k in range(v.length)
        ]
        return "[" + ", ".join(items) + "]"
    if isinstance(t, HashMapType):
        return _map_debug(v, t)
    if isinstance(t, PtrType):
        if t.flavor == "weak":
            return "(Weak)"
        if v is None:
            return "0x0"
        inner = _deref_value(v, t.elem)
        return rust_format(inner, t.elem, debug)
    if isinstance(t, OptionType):
        if t.niche:
            # an Option is a tuple of leaves; None is the niche leaf's zero
            x = v[0] if isinstance(v, tuple) else v
            from .shapes import EMPTY_STR
            from .memory import NIL_SLICE
            if x is None or x is NIL_SLICE or x is EMPTY_STR:
                return "None"
            return f"Some({rust_format(v if t.niche_enum else x, t.inner, True)})"
        if not v[0]:
            return "None"
        inner = v[1] if (t.inner.nleaves == 1 and not t.inner.is_aggregate) else tuple(v[1:])
        return f"Some({rust_format(inner, t.inner, True)})"
    if isinstance(t, ArrayType):
        n = t.elem.nleaves
        sc = n == 1 and not t.elem.is_aggregate
        return "[" + ", ".join(
            rust_format(v[k * n] if sc else tuple(v[k * n:(k + 1) * n]), t.elem, True)
            for k in range(t.length)) + "]"
    if isinstance(t, TupleType):
        parts = []
        k = 0
        for et in t.elems:
            n = et.nleaves
            part = v[k] if (n == 1 and not et.is_aggregate) else tuple(v[k:k + n])
            parts.append(rust_format(part, et, True))
            k += n
        return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    if isinstance(t, (RefCellType, CellType)):
        inner = v[1:] if isinstance(t, RefCellType) else v
        x = inner[0] if (t.inner.nleaves == 1 and not t.inner.is_aggregate) else tuple(inner)
        return f"{'RefCell' if isinstance(t, RefCellType) else 'Cell'} {{ value: {rust_format(x, t.inner, True)} }}"
    if isinstance(t, EnumType):
        var, fields = t.active(v)
        if var.kind == "struct":
            return f"{var.name} {{ " + ", ".join(f"{n}: {rust_format(x, ft, True)}" for n, ft, x in fields) + " }"
        if var.kind == "tuple":
            return f"{var.name}(" + ", ".join(rust_format(x, ft, True) for _, ft, x in fields) + ")"
        return var.name
    if isinstance(t, StructType):
        parts = []
        k = 0
        for name, ft in t.fields:
            n = ft.nleaves
            part = v[k] if (n == 1 and not ft.is_aggregate) else tuple(v[k:k + n])
            parts.append(f"{name}: {rust_format(part, ft, True)}")
            k += n
        name = getattr(t, "base_name", t.name)  # `Point`, not `Point<i32>`
        if getattr(t, "tuple_struct", False) and parts:
            return f"{name}(" + ", ".join(p.split(": ", 1)[1] for p in parts) + ")"
        return f"{name} {{ " + ", ".join(parts) + " }" if parts else name
    return str(v)


def _rust_float(v: float, debug: bool) -> str:
    """Rust's `{}` (shortest round-trip digits, never an exponent, no `.0`
    on integral values) and `{:?}` (keeps `.0`; exponent below 1e-4 and
    from 1e16, the same thresholds as Python's repr)."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    r = repr(v)
    if debug:
        if "e" in r:
            mant, exp = r.split("e")
            return f"{mant}e{int(exp)}"
        return r
    from decimal import Decimal

    out = format(Decimal(r), "f")
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return out


_RUST_ESCAPES = {"\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\", "\0": "\\0"}


def _rust_debug_char(c: str) -> str:
    if c == "'":
        return "'\\''"
    return "'" + _RUST_ESCAPES.get(c, c) + "'"


def _rust_debug_str(s: str) -> str:
    return '"' + "".join('\\"' if c == '"' else _RUST_ESCAPES.get(c, c) for c in s) + '"'



def _map_debug(mv: Any, t: HashMapType) -> str:
    """`{k: v, ...}` / `{k, ...}` in slot order (the simulator's iteration order)."""
    if not mv.index:
        return "{}"
    K, V = t.key, t.val
    kn, nl = K.nleaves, t.inner.nleaves
    cells = mv.table.cells

    def part(i: int, pt: Type) -> Any:
        n = pt.nleaves
        return cells[i] if n == 1 and not pt.is_aggregate else tuple(cells[i:i + n])
    out = []
    for s in sorted(mv.index.values()):
        k = rust_format(part(s * nl, K), K, True)
        out.append(k if t.is_set else f"{k}: {rust_format(part(s * nl + kn, V), V, True)}")
    return "{" + ", ".join(out) + "}"


def _shows_map(t: Type) -> bool:
    while isinstance(t, PtrType) and t.flavor in ("ref", "mut", "box"):
        t = t.elem
    return isinstance(t, HashMapType)


def _map_len(v: Any, t: Type) -> int:
    while isinstance(t, PtrType) and t.flavor in ("ref", "mut", "box"):
        v, t = _deref_value(v, t.elem), t.elem
    return v.items


def _elem(sv: SliceV, k: int, et: Type) -> Any:
    n = et.nleaves
    i = sv.start + k * n
    if n == 1 and not et.is_aggregate:
        return sv.block.cells[i]
    return tuple(sv.block.cells[i:i + n])


def _deref_value(p: Ptr, t: Type) -> Any:
    n = t.nleaves
    if n == 1 and not t.is_aggregate:
        return p.block.cells[p.index]
    return tuple(p.block.cells[p.index:p.index + n])


def rust_string_text(v: Any) -> str:
    """The text of a Rust `String` (a SliceV over u8 cells)."""
    if isinstance(v, StrV):
        return v.text
    if v.block is None or v.length == 0:
        return ""
    return bytes(v.block.cells[v.start:v.start + v.length]).decode("utf-8", "replace")


def printer(comp: "Compiler", s: ir.Print) -> "Exec":
    m = comp.m
    args = [(comp.expr(a), a.ty) for a in s.args]
    if comp.go:
        def go_println(fr: Any) -> None:
            m.write_output(" ".join(go_format(ev(fr), t) for ev, t in args) + "\n")
        return go_println
    fmt = s.fmt or []
    buffer = STMT_HOOKS["stdout_buffer"](comp, s) if s.site is not None else None
    maps = [k for k, (_, t) in enumerate(args) if _shows_map(t)]

    def rust_println(fr: Any) -> None:
        vals = [ev(fr) for ev, _ in args]
        if buffer is not None:
            buffer(fr)
        if maps and m.unordered_from is None and any(_map_len(vals[k], args[k][1]) > 1 for k in maps):
            m.unordered_from = len(m.out)  # a map's Debug output is in iteration order
        out = []
        k = 0
        for piece in fmt:
            if piece in ("{}", "{:?}", "{:#?}"):
                ev_t = args[k][1]
                if piece == "{:#?}":
                    out.append(pretty_debug(rust_format(vals[k], ev_t, True)))
                elif getattr(piece, "plain", True) and getattr(piece, "kind", "") in ("", "?"):
                    out.append(rust_format(vals[k], ev_t, piece != "{}"))
                else:  # a spec (`{:>8}`, `{:.2}`, `{:x}`): sim/rust/fmt.py
                    out.append(STMT_HOOKS["fmt_hole"](vals[k], ev_t, piece))
                k += 1
            else:
                out.append(piece)
        if to_stderr:
            m.write_stderr("".join(out) + end)
        else:
            m.write_output("".join(out) + end)
    # the Rust front end marks `eprint!`/`eprintln!` with a final "\0err" piece
    # (stderr: not the output pane), then `print!` with "\0nonl": no newline
    to_stderr = bool(fmt) and fmt[-1] == "\0err"
    if to_stderr:
        fmt = fmt[:-1]
    end = "\n"
    if fmt and fmt[-1] == "\0nonl":
        fmt = fmt[:-1]
        end = ""
    return rust_println
