"""Calls into the standard library: fmt, errors, strconv (imports.py).

They lower to intrinsics the simulator implements (sim/go/fmt.py):
  fmt_call      extra = the function name ("Println", "Sprintf", ...);
                args = [format]? + [the `...` slice]: an implicit `[]any`
                literal at the call's `(` (`... argument` in `-m`), or a nil
                slice when there are no arguments (no site)
  errors_new    args = [text]; its &errorString{} is allocated inside the
                errors package, so the site is silent (no message here)
  strconv_itoa  args = [i]; the result string is a silent heap site
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from tree_sitter import Node

from .. import ir
from ..types import BOOL, FLOAT64, GO_STRING, UNIT, SliceType
from .escape_std import ERRORS_NEW, FMT_CALL, MATH_CALL, STRCONV_ITOA
from .gotypes import ANY, ERROR, INT, UNTYPED_FLOAT, UNTYPED_INT
from .imports import KNOWN_PACKAGES, PkgObj
from .scope import Operand, kids, pos_of, syn_pos, text_of

_FORMATTED = {"Printf", "Sprintf", "Errorf"}
_RESULT = {"Sprintf": GO_STRING, "Sprint": GO_STRING, "Sprintln": GO_STRING, "Errorf": ERROR}


def package_of(ck: Any, sel: Node) -> PkgObj | None:
    xn = sel.child_by_field_name("operand")
    if xn is None or xn.type != "identifier":
        return None
    obj = ck.scope.lookup(text_of(xn))
    return obj if isinstance(obj, PkgObj) else None


def std_call(ck: Any, n: Node, pkg: PkgObj, sel: Node, an: Node) -> Operand:
    pkg.used = True
    fnode = sel.child_by_field_name("field")
    assert fnode is not None
    name = text_of(fnode)
    full = f"{pkg.path}.{name}"
    if name not in KNOWN_PACKAGES[pkg.path]:
        if name[:1].islower():
            ck.err(fnode, f"name {name} not exported by package {pkg.path}")
        ck.unsupported(sel, full)
    nodes = kids(an)
    for a in nodes:
        if a.type == "variadic_argument":
            ck.unsupported(a, f"... arguments to {full}")
    pos = pos_of(n)
    if pkg.path == "fmt":
        return _fmt(ck, n, name, full, nodes, an)
    if pkg.path == "math":
        return _math(ck, n, name, full, nodes, an)
    if pkg.path == "errors":
        (text,) = _args(ck, n, full, nodes, [GO_STRING], an)
        site = ir.AllocSite(syn_pos(n), "new", "&errorString{...}", silent=True,
                            reason="errors.New returns &errorString{text}: a new heap object each call")
        return _op(n, ir.Intrinsic(ERROR, pos, ERRORS_NEW, [text], site))
    (i,) = _args(ck, n, full, nodes, [INT], an)
    site = ir.AllocSite(syn_pos(n), "string", "strconv.Itoa", silent=True,
                        reason="strconv.Itoa copies its digits into a new heap string (0..99 are static strings)")
    return _op(n, ir.Intrinsic(GO_STRING, pos, STRCONV_ITOA, [i], site))


_MATH_SIGS: dict[str, tuple[list[Any], Any]] = {
    **{f: ([FLOAT64], FLOAT64) for f in ("Sqrt", "Abs", "Floor", "Ceil", "Trunc", "Round")},
    **{f: ([FLOAT64, FLOAT64], FLOAT64) for f in ("Max", "Min", "Pow", "Copysign")},
    "Inf": ([INT], FLOAT64), "IsNaN": ([FLOAT64], BOOL), "IsInf": ([FLOAT64, INT], BOOL),
    "Signbit": ([FLOAT64], BOOL),
}

#: math's constants (math/const.go), untyped as there.
MATH_CONSTS: dict[str, Any] = {
    "Pi": ("float", "3.14159265358979323846264338327950288419716939937510582097494459"),
    "E": ("float", "2.71828182845904523536028747135266249775724709369995957496696763"),
    "Sqrt2": ("float", "1.41421356237309504880168872420969807856967187537694807317667974"),
    "Phi": ("float", "1.61803398874989484820458683436563811772030917980576286213544862"),
    "Ln2": ("float", "0.693147180559945309417232121458176568075500134360255254120680009"),
    "MaxInt": ("int", (1 << 63) - 1), "MinInt": ("int", -(1 << 63)),
    "MaxInt64": ("int", (1 << 63) - 1), "MinInt64": ("int", -(1 << 63)),
    "MaxInt32": ("int", (1 << 31) - 1), "MinInt32": ("int", -(1 << 31)),
    "MaxInt16": ("int", (1 << 15) - 1), "MinInt16": ("int", -(1 << 15)),
    "MaxInt8": ("int", 127), "MinInt8": ("int", -128),
    "MaxUint8": ("int", 255), "MaxUint16": ("int", 65535), "MaxUint32": ("int", (1 << 32) - 1),
}


def math_const(ck: Any, n: Node, pkg: PkgObj) -> Operand | None:
    """`math.Pi`, `math.MaxInt64`, ...: an untyped constant."""
    fnode = n.child_by_field_name("field")
    c = MATH_CONSTS.get(text_of(fnode)) if pkg.path == "math" and fnode is not None else None
    if c is None:
        return None
    pkg.used = True
    kind, v = c
    if kind == "int":
        return Operand("const", UNTYPED_INT, n, val=v)
    return Operand("const", UNTYPED_FLOAT, n, val=Fraction(v))


def _math(ck: Any, n: Node, name: str, full: str, nodes: list[Node], an: Node) -> Operand:
    params, result = _MATH_SIGS[name]
    args = _args(ck, n, full, nodes, params, an)
    return _op(n, ir.Intrinsic(result, pos_of(n), MATH_CALL, args, None, name))


def _op(n: Node, e: ir.Expr) -> Operand:
    """A call: a value, or a statement of its own (results may be dropped)."""
    mode = "novalue" if e.ty is UNIT else "value"
    return Operand(mode, e.ty, n, expr=e, stmt=ir.ExprStmt(e.pos, e))


def _args(ck: Any, n: Node, full: str, nodes: list[Node], params: list[Any], an: Node) -> list[ir.Expr]:
    if len(nodes) < len(params):
        ck.err(nodes[-1] if nodes else an, f"not enough arguments in call to {full}")
    if len(nodes) > len(params):
        ck.err(nodes[len(params)], f"too many arguments in call to {full}")
    return [ck.assignable(ck.single(ck.expr(a)), t, f"argument to {full}") for a, t in zip(nodes, params)]


def _fmt(ck: Any, n: Node, name: str, full: str, nodes: list[Node], an: Node) -> Operand:
    pre: list[ir.Expr] = []
    if name in _FORMATTED:
        if not nodes:
            ck.err(an, f"not enough arguments in call to {full}")
        pre = _args(ck, n, full, nodes[:1], [GO_STRING], an)
        nodes = nodes[1:]
    elems = []
    spread: list[ir.Stmt] = []
    for a in nodes:
        op = ck.expr(a)
        if op.mode == "tuple" and len(nodes) == 1 and not pre:
            elems, spread = _spread_results(ck, n, op)
            break
        if op.mode == "tuple":
            ck.unsupported(a, "multi-value call used as arguments")
        if op.mode == "novalue":
            ck.err(a, f"{ck.src(a)} (no value) used as value")
        elems.append(ck.assignable(ck.single(op), ANY, f"argument to {full}"))
    at = syn_pos(n)
    st = SliceType(ANY)
    if elems:
        args: ir.Expr = ir.SliceLit(st, at, ir.AllocSite(at, "slice_lit", "... argument"), elems)
    else:
        args = ir.Const(st, at, None)
    rt = _RESULT.get(name, UNIT)
    e = ir.Intrinsic(rt, pos_of(n), FMT_CALL, pre + [args], None, name)
    if rt in (GO_STRING, ERROR):
        e.site = ir.AllocSite(at, "string", full, silent=True,
                              reason=f"{full} copies its buffer into a new heap string (none when empty)")
    if spread:
        tmps = [d for s in spread if isinstance(s, ir.DeclTuple) for d in s.vars if d is not None]
        blk = ir.Block(e.pos, spread + [ir.ExprStmt(e.pos, e)] if e.ty is UNIT else spread, scope=tmps)
        if e.ty is not UNIT:
            blk.tail = e
        return Operand("novalue" if e.ty is UNIT else "value", e.ty, n,
                       expr=ir.BlockExpr(e.ty, e.pos, blk), stmt=blk)
    return _op(n, e)


def _spread_results(ck: Any, n: Node, op: Operand) -> tuple[list[ir.Expr], list[ir.Stmt]]:
    """`fmt.Println(f())`: typecheck.RewriteMultiValueCall stores the results
    in temporaries (`.autotmp_N`, numbered per function), each converted to
    an interface at the call's `(`."""
    from .iface import conv

    assert op.expr is not None
    ctx = ck.ctx
    fn = ctx.func
    named = {id(v) for v in ctx.named_results}
    ahead = getattr(ck, "decl_ahead", (None, 0))
    tmps = []
    for t in op.ty.elems:  # type: ignore[union-attr]
        # the numbers share the reader's counter with the function's
        # parameters, its results (named or not) and every named variable
        # declared before them, including the names of the statement itself
        k = (len(fn.params) + len(ctx.results) + (ahead[1] if ahead[0] is fn else 0)
             + sum(1 for v in fn.locals if id(v) not in named
                   and (not v.name.startswith(".") or v.name.startswith(".autotmp_"))))
        tmps.append(ck.temp(f"autotmp_{k}", t, pos_of(n)))
    decl = ir.DeclTuple(pos_of(n), list(tmps), op.expr)
    at = syn_pos(n)
    elems = [conv(ck, ir.VarRef(v.ty, pos_of(n), v), ANY, at) if not isinstance(v.ty, type(ANY))
             else ir.VarRef(v.ty, pos_of(n), v) for v in tmps]
    return elems, [decl]
