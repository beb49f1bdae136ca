"""Decide, for every variable a closure captures, by value or by reference.

cmd/compile/internal/escape (`flowClosure`) captures a variable by value when

    !loc.addrtaken && !loc.reassigned && n.Type().Size() <= 128

where the flags are gathered while escape analysis walks the function in
source order:

* `reassigned`: any assignment to the variable (or to a field or array
  element of it) other than its declaration, including `op=` and `++`,
  assignments inside closures, and a `return` writing named results;
* but when a closure first captures the variable at the loop depth where it
  was declared, earlier reassignments are forgotten ("straightline code
  preceding the first capture", escape/expr.go);
* `addrtaken`: its address is taken anywhere (`&x`, `x.M()` with a pointer
  receiver, slicing an array variable).

Go 1.22 loop variables are made per-iteration by cmd/compile/internal/loopvar
only when they "leak": a closure captures them or their address is taken
somewhere in the loop other than inside a `return` statement. A leaked
three-clause variable becomes a copy declared inside the loop body, followed by
the post statement, the condition and the body; a leaked range variable is
declared in the body (as the front end lowers every range loop). An unleaked
one stays a single variable declared outside the loop, and a range statement
assigns its own variables on every iteration (escape/assign.go `reassigned`).
The walk below follows those shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import ir
from ..types import ArrayType

# escape.go: "Capture by value for variables <= 128 bytes that are never reassigned."
MAX_BYVAL_SIZE = 128


@dataclass
class _VarState:
    depth: int = 1
    reassigned: bool = False
    addrtaken: bool = False
    captured: bool = False


class CaptureDecider:
    def __init__(
        self,
        canonical: dict[ir.Var, ir.Var],
        named_results: dict[ir.Func, list[ir.Var]],
        range_vars: dict[ir.Loop, list[ir.Var]] | None = None,
        return_blocks: set[ir.Block] | None = None,
    ) -> None:
        self.canonical = canonical
        self.named_results = named_results
        self.range_vars = range_vars or {}
        self.return_blocks = return_blocks or set()
        self.state: dict[ir.Var, _VarState] = {}
        self.captures: dict[ir.Var, list[ir.Capture]] = {}
        # range variables the compiler keeps outside their (unrewritten) loop
        self.outside: set[ir.Var] = set()

    # ---- entry ----------------------------------------------------------------

    def run(self, f: ir.Func) -> None:
        self.func(f)
        for v, caps in self.captures.items():
            st = self.state.get(v) or _VarState()
            by_ref = st.addrtaken or st.reassigned or v.ty.size > MAX_BYVAL_SIZE
            for c in caps:
                c.by_ref = by_ref

    # ---- helpers --------------------------------------------------------------

    def canon(self, v: ir.Var) -> ir.Var:
        return self.canonical.get(v, v)

    def st(self, v: ir.Var) -> _VarState:
        v = self.canon(v)
        s = self.state.get(v)
        if s is None:
            s = self.state[v] = _VarState()
        return s

    def decl(self, v: ir.Var | None, depth: int) -> None:
        if v is not None and v not in self.outside:
            self.st(v).depth = depth

    # ---- loopvar (cmd/compile/internal/loopvar ForCapture) ----------------------

    def leaked(self, loop: ir.Loop) -> set[ir.Var]:
        """Variables captured or address-taken in the loop outside `return`s."""
        out: set[ir.Var] = set()

        def expr(e: object) -> None:
            if e is None or (isinstance(e, ir.Block) and e in self.return_blocks):
                return
            if isinstance(e, ir.FuncLit):
                out.update(self.canon(c.var) for c in e.captures)
                return
            if isinstance(e, ir.AddrOf):
                v = self.root(e.place)
                if v is not None:
                    out.add(self.canon(v))
            elif isinstance(e, ir.SliceExpr) and isinstance(e.base.ty, ArrayType):
                v = self.root(e.base)
                if v is not None:
                    out.add(self.canon(v))
            if isinstance(e, (ir.Expr, ir.Stmt)):
                for child in _kids(e):
                    expr(child)

        expr(loop.cond)
        expr(loop.post)
        expr(loop.body)
        return out

    @staticmethod
    def root(e: ir.Expr | None) -> ir.Var | None:
        while e is not None:
            if isinstance(e, ir.VarRef):
                return e.var
            if isinstance(e, ir.FieldRef):
                e = e.base
            elif isinstance(e, ir.IndexRef) and isinstance(e.base.ty, ArrayType):
                e = e.base
            else:
                return None
        return None

    def reassign(self, target: ir.Expr | None) -> None:
        v = self.root(target)
        if v is not None and not v.is_global:
            self.st(v).reassigned = True

    def addr(self, place: ir.Expr) -> None:
        v = self.root(place)
        if v is not None and not v.is_global:
            self.st(v).addrtaken = True

    # ---- walk -----------------------------------------------------------------

    def func(self, f: ir.Func) -> None:
        for p in f.params:
            self.decl(p, 1)
        self.stmt(f.body, 1, f)

    def stmt(self, s: ir.Stmt | None, d: int, f: ir.Func) -> None:
        if s is None:
            return
        if isinstance(s, ir.Block):
            for x in s.stmts:
                self.stmt(x, d, f)
            if s.tail is not None:
                self.expr(s.tail, d)
        elif isinstance(s, ir.Decl):
            self.decl(s.var, d)
            self.expr(s.init, d)
        elif isinstance(s, ir.DeclTuple):
            for v in s.vars:
                self.decl(v, d)
            self.expr(s.init, d)
        elif isinstance(s, ir.Assign):
            for t in s.targets:
                self.place(t, d)
            for v in s.values:
                self.expr(v, d)
            for t in s.targets:
                self.reassign(t)
        elif isinstance(s, ir.AssignTuple):
            for t in s.targets:
                self.place(t, d)
            self.expr(s.value, d)
            for t in s.targets:
                self.reassign(t)
        elif isinstance(s, ir.OpAssign):
            self.place(s.target, d)
            self.expr(s.value, d)
            self.reassign(s.target)
        elif isinstance(s, ir.ExprStmt):
            self.expr(s.expr, d)
        elif isinstance(s, ir.Print):
            for a in s.args:
                self.expr(a, d)
        elif isinstance(s, ir.If):
            self.expr(s.cond, d)
            self.stmt(s.then, d, f)
            self.stmt(s.else_, d, f)
        elif isinstance(s, ir.Loop):
            inner = d if s.once else d + 1
            rvars = self.range_vars.get(s, [])
            leaked = self.leaked(s) if (s.per_iter or rvars) else set()
            for v in rvars:
                if self.canon(v) not in leaked:
                    # for k, v = range x: declared outside, assigned by the range statement
                    st = self.st(v)
                    st.depth = d
                    st.reassigned = True
                    self.outside.add(v)
            rewritten = [v for v in s.per_iter if self.canon(v) in leaked]
            if rewritten:
                # loopvar rewrite: z := z'; if !first { post }; if !cond { break }; body
                for v in rewritten:
                    self.decl(v, inner)
                self.stmt(s.post, inner, f)
                self.expr(s.cond, inner)
            else:
                self.expr(s.cond, inner)
                self.stmt(s.post, inner, f)
            self.stmt(s.body, inner, f)
        elif isinstance(s, ir.Return):
            for v in s.values:
                self.expr(v, d)
            if s.values:
                for r in self.named_results.get(f, []):
                    self.st(r).reassigned = True

    def place(self, e: ir.Expr | None, d: int) -> None:
        """Evaluate the sub-expressions of an assignment target (not the target itself)."""
        if e is None:
            return
        if isinstance(e, ir.VarRef):
            return
        if isinstance(e, ir.FieldRef):
            self.place(e.base, d)
        elif isinstance(e, ir.IndexRef):
            if isinstance(e.base.ty, ArrayType):
                self.place(e.base, d)
            else:
                self.expr(e.base, d)
            self.expr(e.index, d)
        elif isinstance(e, ir.Deref):
            self.expr(e.ptr, d)
        else:
            self.expr(e, d)

    def expr(self, e: object, d: int) -> None:
        if e is None:
            return
        if isinstance(e, ir.FuncLit):
            for c in e.captures:
                v = self.canon(c.var)
                s = self.st(v)
                self.captures.setdefault(v, []).append(c)
                if not s.captured:
                    s.captured = True
                    if s.depth == d:
                        s.reassigned = False
            # A closure's body is walked where it appears, at its own depth 1.
            self.func(e.func)
            return
        if isinstance(e, ir.AddrOf):
            self.addr(e.place)
            self.expr(e.place, d)
            return
        if isinstance(e, ir.SliceExpr) and isinstance(e.base.ty, ArrayType):
            self.addr(e.base)
        if isinstance(e, ir.Expr):
            for name in _CHILDREN.get(type(e), ()):
                child = getattr(e, name)
                if isinstance(child, list):
                    for c in child:
                        self.expr(c, d)
                else:
                    self.expr(child, d)


_CHILDREN: dict[type, tuple[str, ...]] = {
    ir.FieldRef: ("base",),
    ir.IndexRef: ("base", "index"),
    ir.Deref: ("ptr",),
    ir.Unary: ("x",),
    ir.Binary: ("x", "y"),
    ir.Convert: ("x",),
    ir.Call: ("args",),
    ir.CallValue: ("callee", "args"),
    ir.Alloc: ("init",),
    ir.MakeSlice: ("length", "cap"),
    ir.SliceLit: ("elems",),
    ir.CompositeLit: ("elems",),
    ir.SliceExpr: ("base", "lo", "hi", "max"),
    ir.Len: ("x",),
    ir.Cap: ("x",),
    ir.Append: ("slice", "args"),
    ir.CopySlice: ("dst", "src"),
    ir.Concat: ("parts",),
    ir.StrConvert: ("x",),
    ir.Intrinsic: ("args",),
}


def _kids(node: object) -> list[object]:
    """Children for the leak scan: statements and expressions, but not the
    inside of a `return` (loopvar.go: "This expression is a child of a
    return, which escapes all loops above the return")."""
    if isinstance(node, ir.Return):
        return []
    return list(ir.children(node))  # type: ignore[arg-type]


def decide_captures(
    f: ir.Func,
    canonical: dict[ir.Var, ir.Var],
    named_results: dict[ir.Func, list[ir.Var]],
    range_vars: dict[ir.Loop, list[ir.Var]] | None = None,
    return_blocks: set[ir.Block] | None = None,
) -> None:
    """Set `Capture.by_ref` for every closure inside top-level function `f`."""
    CaptureDecider(canonical, named_results, range_vars, return_blocks).run(f)
