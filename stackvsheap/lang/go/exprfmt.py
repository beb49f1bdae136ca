"""Print a lowered expression the way cmd/compile's `-m` messages do.

A port of `exprFmt` in cmd/compile/internal/ir/fmt.go, applied to our IR:
implicit conversions, dereferences and address-ofs that the type checker
inserted are skipped (`p.x`, not `(*p).x`), constants are printed folded
(`make([]int, 10)` for `make([]int, N)`), method calls print as method
expressions (`(*T).Len(t)`), and parentheses come back only where the
operator precedence table (`OpPrec`) needs them.
"""

from __future__ import annotations

from .. import ir
from ..types import BoolType, FloatType, IntType, StringType, StructType, PtrType, Type
from .constant import const_text

# cmd/compile/internal/ir/fmt.go OpPrec; ops missing from that table (OADDSTR,
# OPTRLIT, OCLOSURE) have precedence 0.
_BINARY_PREC = {
    "*": 6, "/": 6, "%": 6, "<<": 6, ">>": 6, "&": 6, "&^": 6,
    "+": 5, "-": 5, "|": 5, "^": 5,
    "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
    "&&": 2, "||": 1,
}


_STD_CALLS = {"fmt_call": "", "errors_new": "errors.New", "strconv_itoa": "strconv.Itoa", "math_call": ""}


def has_sym(t: Type) -> bool:
    """Whether the compiler's type has a name (prints without parentheses in a conversion)."""
    return isinstance(t, (IntType, FloatType, BoolType, StringType)) or (
        isinstance(t, StructType) and not getattr(t, "anonymous", False)
    )


class ExprPrinter:
    def __init__(self, implicit: set[ir.Expr], overrides: dict[ir.Expr, str]) -> None:
        self.implicit = implicit
        self.overrides = overrides

    def __call__(self, e: ir.Expr) -> str:
        return self.fmt(e, 0)

    def _skip(self, e: ir.Expr) -> ir.Expr:
        while True:
            if isinstance(e, ir.Intrinsic) and e.name == "conv_iface":
                e = e.args[0]  # an implicit OCONVIFACE prints as its operand
            elif e in self.implicit and isinstance(e, (ir.Convert, ir.Deref, ir.AddrOf)):
                e = e.x if isinstance(e, ir.Convert) else (e.ptr if isinstance(e, ir.Deref) else e.place)
            else:
                return e

    def prec(self, e: ir.Expr) -> int:
        if e in self.overrides:
            return 0 if isinstance(e, ir.Alloc) else 8
        if isinstance(e, ir.Binary):
            return _BINARY_PREC.get(e.op, 0)
        if isinstance(e, (ir.Unary, ir.Deref, ir.AddrOf)):
            return 7
        if isinstance(e, (ir.Concat, ir.FuncLit)):
            return 0
        if isinstance(e, ir.Alloc):
            return 8 if e.site.kind == "new" else 0
        return 8

    def args(self, xs: list[ir.Expr]) -> str:
        return ", ".join(self.fmt(x, 0) for x in xs)

    def fmt(self, e: ir.Expr, prec: int) -> str:
        e = self._skip(e)
        nprec = self.prec(e)
        if prec > nprec:
            return "(" + self.fmt(e, 0) + ")"
        if e in self.overrides:
            return self.overrides[e]
        if isinstance(e, ir.Const):
            return const_text(e.value, e.ty)
        if isinstance(e, ir.Zero):
            return f"{e.ty}{{}}"
        if isinstance(e, ir.VarRef):
            return e.var.name
        if isinstance(e, ir.FuncRef):
            return e.func.name
        if isinstance(e, ir.FuncLit):
            return "func literal"
        if isinstance(e, ir.FieldRef):
            base_ty = e.base.ty
            name = base_ty.fields[e.index][0] if isinstance(base_ty, StructType) else str(e.index)
            return self.fmt(e.base, nprec) + "." + name
        if isinstance(e, ir.IndexRef):
            return self.fmt(e.base, nprec) + "[" + self.fmt(e.index, 0) + "]"
        if isinstance(e, ir.SliceExpr):
            lo = self.fmt(e.lo, 0) if e.lo is not None else ""
            hi = self.fmt(e.hi, 0) if e.hi is not None else ""
            mx = ":" + self.fmt(e.max, 0) if e.max is not None else ""
            return self.fmt(e.base, nprec) + f"[{lo}:{hi}{mx}]"
        if isinstance(e, ir.Convert) or isinstance(e, ir.StrConvert):
            t = e.ty
            head = str(t) if has_sym(t) else f"({t})"
            return f"{head}({self.fmt(e.x, 0)})"
        if isinstance(e, ir.Len):
            return f"len({self.fmt(e.x, 0)})"
        if isinstance(e, ir.Cap):
            return f"cap({self.fmt(e.x, 0)})"
        if isinstance(e, ir.MakeSlice):
            if e.cap is not None:
                return f"make({e.ty}, {self.fmt(e.length, 0)}, {self.fmt(e.cap, 0)})"
            return f"make({e.ty}, {self.fmt(e.length, 0)})"
        if isinstance(e, ir.Alloc):
            elem = e.ty.elem if isinstance(e.ty, PtrType) else e.ty
            if e.site.kind == "new":
                return f"new({elem})"
            return "&" + (self.fmt(e.init, 8) if e.init is not None else f"{elem}{{}}")
        if isinstance(e, ir.SliceLit):
            return f"{e.ty}{{{'...' if e.elems else ''}}}"
        if isinstance(e, ir.CompositeLit):
            return f"{e.ty}{{{'...' if e.elems else ''}}}"
        if isinstance(e, ir.Append):
            return f"append({self.args([e.slice] + e.args)}{'...' if e.spread else ''})"
        if isinstance(e, ir.CopySlice):
            return f"copy({self.fmt(e.dst, 0)}, {self.fmt(e.src, 0)})"
        if isinstance(e, ir.Concat):
            return " + ".join(self.fmt(p, 0) for p in e.parts)
        if isinstance(e, ir.Call):
            f = e.func
            if f.receiver is not None and f.params:
                rt = f.params[0].ty
                head = f"({rt})" if isinstance(rt, PtrType) else str(rt)
                return f"{head}.{f.name}({self.args(e.args)})"
            return f"{f.name}({self.args(e.args)})"
        if isinstance(e, ir.CallValue):
            return self.fmt(e.callee, 8) + f"({self.args(e.args)})"
        if isinstance(e, ir.Unary):
            inner = self._skip(e.x)
            sep = " " if isinstance(inner, ir.Unary) and inner.op == e.op else ""
            return e.op + sep + self.fmt(e.x, nprec + 1)
        if isinstance(e, ir.AddrOf):
            inner = self._skip(e.place)
            sep = " " if isinstance(inner, ir.AddrOf) else ""
            return "&" + sep + self.fmt(e.place, nprec + 1)
        if isinstance(e, ir.Deref):
            return "*" + self.fmt(e.ptr, nprec + 1)
        if isinstance(e, ir.Binary):
            return self.fmt(e.x, nprec) + f" {e.op} " + self.fmt(e.y, nprec + 1)
        if isinstance(e, ir.Intrinsic) and e.name == "builder_call":  # a method expression
            return f"(*strings.Builder).{e.extra}({self.args(e.args)})"
        if isinstance(e, ir.Intrinsic) and e.name == "iface_call":
            return f"{self.fmt(e.args[0], 8)}.{e.extra}({self.args(e.args[1:])})"
        if isinstance(e, ir.Intrinsic) and e.name == "gomap_len":
            return f"len({self.fmt(e.args[0], 0)})"
        if isinstance(e, ir.Intrinsic) and e.name == "gomap_get":
            return f"{self.fmt(e.args[0], 8)}[{self.fmt(e.args[1], 0)}]"
        if isinstance(e, ir.Intrinsic) and e.name in ("gomap_make", "gomap_lit") and e.site is not None:
            return e.site.text
        if isinstance(e, ir.Intrinsic) and e.name == "type_assert":
            return f"{self.fmt(e.args[0], 8)}.({e.extra[0]})"
        if isinstance(e, ir.Intrinsic) and e.name in _STD_CALLS:
            args = list(e.args)
            name = _STD_CALLS[e.name] or f"{'math' if e.name == 'math_call' else 'fmt'}.{e.extra}"
            if e.name == "fmt_call":  # typecheck.FixVariadicCall: `f(a, ... argument...)`
                last = args.pop()
                ddd = "... argument..." if isinstance(last, ir.SliceLit) else "nil..."
                return f"{name}({', '.join([self.fmt(a, 0) for a in args] + [ddd])})"
            return f"{name}({self.args(args)})"
        if isinstance(e, ir.Intrinsic):
            return f"{e.name}({self.args(e.args)})"
        return f"<node {type(e).__name__}>"
