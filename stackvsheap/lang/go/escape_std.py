"""Escape analysis of interface conversions and the standard-library calls
(fmt, errors, strconv) the front end lowers to intrinsics.

* OCONVIFACE (escape/expr.go): a value that is not pointer-shaped is
  spilled to a new location (the interface's data word points at it); the
  value flows into it. Before that, rewriteWithLiterals (escape.go) replaces
  a variable whose static value is a constant by the constant: the message
  then prints the constant (`x := 42; fmt.Println(x)` reports
  `42 escapes to heap`) and nothing is allocated.
* The library functions are not in the file, so their parameter tags come
  from the export data, as `go build -gcflags=-m fmt` prints them:
  fmt.Print*/Sprint*/Errorf: `format does not escape`, `leaking param
  content: a` (the interfaces in the `...` slice escape, the slice does not);
  errors.New: `leaking param: text`; strconv.Itoa: no pointers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import ir
from ..types import ArrayType, StructType
from .constant import const_text
from ..types import IfaceType, PtrType, StructType as _Struct
from .builder import BUILDER_CALL, builder_escape
from .iface import ASSERT, CONV, ICALL, direct_iface
from .methodvalue import METHOD_VALUE, method_value_escape
from .maps import MAP_INTRINSICS, map_escape
from .deferloop import DEFER_INTRINSICS, defer_escape

if TYPE_CHECKING:
    from .escape_graph import Hole
    from .escape_walk import FuncWalker

FMT_CALL = "fmt_call"
ERRORS_NEW = "errors_new"
STRCONV_ITOA = "strconv_itoa"
MATH_CALL = "math_call"  # float64 in and out: nothing escapes (the else branch below)
STD_INTRINSICS = frozenset({CONV, FMT_CALL, ERRORS_NEW, STRCONV_ITOA, ASSERT, ICALL, BUILDER_CALL,
                            METHOD_VALUE, MATH_CALL}) | MAP_INTRINSICS | DEFER_INTRINSICS


def std_expr(w: "FuncWalker", k: "Hole", n: ir.Intrinsic) -> None:
    g = w.g
    if n.name == CONV:
        (x,) = n.args
        if n.site is None or direct_iface(x.ty):
            w.expr(k.note(n, "interface-converted"), x)
            return
        rewrite_with_literal(w, n)
        kk = w.spill(k, n.site, n)
        w.expr(kk.note(n, "interface-converted"), n.args[0])
    elif n.name == FMT_CALL:
        *fmt, args = n.args
        for f in fmt:
            w.discard(f)
        w.expr(g.heap_hole().deref(n, "leaking param content"), args)
    elif n.name == ASSERT:
        # ODOTTYPE: a concrete, non-pointer result is loaded through the data word
        t = n.extra[0]
        if not isinstance(t, IfaceType) and not direct_iface(t):
            k = k.shift(1)
        w.expr(k.note(n, "dot"), n.args[0])
    elif n.name == ICALL:
        iface_call(w, k, n)
    elif n.name == BUILDER_CALL:
        builder_escape(w, k, n)
    elif n.name == METHOD_VALUE:
        method_value_escape(w, k, n)
    elif n.name in MAP_INTRINSICS:
        map_escape(w, k, n)
    elif n.name in DEFER_INTRINSICS:
        defer_escape(w, k, n)
    elif n.name == ERRORS_NEW:
        w.expr(g.heap_hole().note(n, "leaking param"), n.args[0])
    else:
        for a in n.args:
            w.discard(a)


def rewrite_with_literal(w: "FuncWalker", n: ir.Intrinsic) -> None:
    """escape.go rewriteWithLiterals, OCONVIFACE case; and order.go's
    addrTemp for the types converted by address (convT/convTnoptr): a static
    struct or array literal lives in read-only data. `extra` becomes
    "static" when the conversion needs no allocation at all."""
    x = n.args[0]
    assert n.site is not None
    if isinstance(x, ir.Const):
        n.extra = "static"
        return
    v = w.oracle().static_value(x)
    if isinstance(v, ir.Const) and v.value is not None and v is not x:
        n.site.text = const_text(v.value, x.ty)
        n.args[0] = ir.Const(x.ty, x.pos, v.value)
        n.extra = "static"
    elif isinstance(x.ty, (StructType, ArrayType)) and _static_composite(v):
        n.extra = "static"


def _static_composite(e: ir.Expr) -> bool:
    """walk.isStaticCompositeLiteral (struct and array literals of constants)."""
    if isinstance(e, (ir.Const, ir.Zero)):
        return True
    if isinstance(e, ir.CompositeLit):
        return all(_static_composite(x) for x in e.elems)
    return False


def devirtualized(w: "FuncWalker", n: ir.Intrinsic) -> ir.Func | None:
    return devirt_callee(w.oracle(), w.b.an.program, n)


def devirt_callee(oracle: Any, program: ir.Program, n: ir.Intrinsic) -> ir.Func | None:
    """devirtualize.StaticCall (it runs even with -l): when the interface's
    static value is a conversion from a concrete type, the call becomes a
    direct call of that type's method on `x.(T)`."""
    v = oracle.static_value(n.args[0])
    if not (isinstance(v, ir.Intrinsic) and v.name == CONV):
        return None
    t = v.args[0].ty
    base = t.elem if isinstance(t, PtrType) else t
    if not isinstance(getattr(base, "name", None), str):
        return None
    return program.funcs.get(f"{base.name}.{n.extra}")


def iface_call(w: "FuncWalker", k: "Hole", n: ir.Intrinsic) -> None:
    g = w.g
    recv, *args = n.args
    fn = devirtualized(w, n)
    if fn is None:
        # OCALLINTER: an unknown callee; the receiver and arguments leak
        for a in n.args:
            w.argument(g.heap_hole().note(n, "call to unknown function"), a, n)
        return
    conv = w.oracle().static_value(recv)
    t = conv.args[0].ty  # type: ignore[union-attr]
    assert_ = ir.Intrinsic(t, recv.pos, ASSERT, [recv], None, (t, False))
    rt = fn.params[0].ty
    r: ir.Expr = assert_ if (isinstance(rt, PtrType) or not isinstance(t, PtrType)) else ir.Deref(rt, recv.pos, assert_)
    w.call([k], ir.Call(n.ty, n.pos, fn, [r] + args))
