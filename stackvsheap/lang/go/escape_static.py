"""What the Go compiler knows about a function before escape analysis runs.

* `FuncFacts`: for one top-level function and the closures inside it, the
  defining statement of each local (`x := e` / `var x = e`), the variables
  whose address is taken syntactically (`&x`, `&x.f`, `&a[i]` of an array,
  `a[:]` of an array, an implicit `&v` for a pointer-receiver call) -- the
  compiler's `Name.Addrtaken` -- and every assignment to each variable.
* `ReassignOracle`: a port of `cmd/compile/internal/ir/reassignment.go`:
  which locals are assigned exactly once, their static value (used to turn
  `n := 10; make([]int, n)` into `make([]int, 10)`, and to resolve calls
  through local function variables to the closures or functions they hold).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import ir
from ..types import ArrayType, FuncType

# ---- IR traversal helpers ---------------------------------------------------


def child_exprs(e: ir.Expr) -> Iterator[ir.Expr]:
    """Direct sub-expressions of e (closure bodies are not entered)."""
    if isinstance(e, (ir.FieldRef,)):
        yield e.base
    elif isinstance(e, ir.IndexRef):
        yield e.base
        yield e.index
    elif isinstance(e, ir.Deref):
        yield e.ptr
    elif isinstance(e, ir.AddrOf):
        yield e.place
    elif isinstance(e, ir.Unary):
        yield e.x
    elif isinstance(e, ir.Binary):
        yield e.x
        yield e.y
    elif isinstance(e, ir.Convert):
        yield e.x
    elif isinstance(e, ir.Call):
        yield from e.args
    elif isinstance(e, ir.CallValue):
        yield e.callee
        yield from e.args
    elif isinstance(e, ir.Alloc):
        if e.init is not None:
            yield e.init
    elif isinstance(e, ir.MakeSlice):
        yield e.length
        if e.cap is not None:
            yield e.cap
    elif isinstance(e, (ir.SliceLit, ir.CompositeLit)):
        yield from e.elems
    elif isinstance(e, ir.SliceExpr):
        yield e.base
        if e.lo is not None:
            yield e.lo
        if e.hi is not None:
            yield e.hi
        if e.max is not None:
            yield e.max
    elif isinstance(e, (ir.Len, ir.Cap)):
        yield e.x
    elif isinstance(e, ir.Append):
        yield e.slice
        yield from e.args
    elif isinstance(e, ir.CopySlice):
        yield e.dst
        yield e.src
    elif isinstance(e, ir.Concat):
        yield from e.parts
    elif isinstance(e, ir.StrConvert):
        yield e.x
    elif isinstance(e, ir.Intrinsic):
        yield from e.args


def stmt_children(s: ir.Stmt) -> tuple[list[ir.Expr], list[ir.Stmt]]:
    """(expressions, statements) directly inside s."""
    if isinstance(s, ir.Decl):
        return ([s.init] if s.init is not None else []), []
    if isinstance(s, ir.DeclTuple):
        return [s.init], []
    if isinstance(s, ir.Assign):
        return [t for t in s.targets if t is not None] + list(s.values), []
    if isinstance(s, ir.AssignTuple):
        return [t for t in s.targets if t is not None] + [s.value], []
    if isinstance(s, ir.OpAssign):
        return [s.target, s.value], []
    if isinstance(s, ir.ExprStmt):
        return [s.expr], []
    if isinstance(s, ir.Print):
        return list(s.args), []
    if isinstance(s, ir.If):
        return [s.cond], [s.then] + ([s.else_] if s.else_ is not None else [])
    if isinstance(s, ir.Loop):
        return ([s.cond] if s.cond is not None else []), [s.body] + ([s.post] if s.post is not None else [])
    if isinstance(s, ir.Return):
        return list(s.values), []
    if isinstance(s, ir.Block):
        return ([s.tail] if s.tail is not None else []), list(s.stmts)
    if isinstance(s, ir.Drop):
        return [s.place], []
    return [], []


def walk_func(fn: ir.Func, on_stmt: Any = None, on_expr: Any = None, into_closures: bool = True) -> None:
    """Visit every statement and expression of fn (and its closures)."""

    def visit_expr(e: ir.Expr) -> None:
        if on_expr is not None:
            on_expr(e)
        if isinstance(e, ir.FuncLit):
            if into_closures:
                visit_stmt(e.func.body)
            return
        for c in child_exprs(e):
            if c is not None:
                visit_expr(c)

    def visit_stmt(s: ir.Stmt) -> None:
        if on_stmt is not None:
            on_stmt(s)
        exprs, stmts = stmt_children(s)
        for e in exprs:
            if e is not None:
                visit_expr(e)
        for c in stmts:
            visit_stmt(c)

    visit_stmt(fn.body)


def is_array(t: Any) -> bool:
    return isinstance(t, ArrayType)


def outer_value(e: ir.Expr) -> ir.Expr:
    """ir.OuterValue: strip field selection and array indexing on a value."""
    while True:
        if isinstance(e, ir.FieldRef) and not isinstance(e.base, ir.Deref):
            e = e.base
        elif isinstance(e, ir.IndexRef) and is_array(e.base.ty):
            e = e.base
        elif isinstance(e, ir.Convert) and e.x.ty == e.ty:
            e = e.x
        else:
            return e


def slices_array_place(e: ir.SliceExpr) -> bool:
    """`a[i:j]` of an array place: the compiler's OSLICEARR on `&a`."""
    return is_array(e.base.ty)


# ---- facts per function -----------------------------------------------------


@dataclass(eq=False)
class FuncFacts:
    """Syntactic facts about a top-level function and all its closures."""

    root: ir.Func
    canonical: dict[int, ir.Var]
    #: var id -> its defining statement (Decl with a value, DeclTuple)
    defn: dict[int, ir.Stmt] = field(default_factory=dict)
    #: var ids whose address is taken syntactically (Name.Addrtaken)
    addrtaken: set[int] = field(default_factory=set)
    #: every local var of root and its closures, by id
    locals: dict[int, ir.Var] = field(default_factory=dict)
    #: (target var id, statement, kind, rhs) for every assignment
    #: kind: "decl" (x := e), "bare" (var x T), "as" (x = e), "as2", "as2func", "asop", "range"
    assigns: list[tuple[int, ir.Stmt, str, ir.Expr | None]] = field(default_factory=list)

    def canon(self, v: ir.Var) -> ir.Var:
        while id(v) in self.canonical:
            v = self.canonical[id(v)]
        return v


def is_zero_init(e: ir.Expr | None) -> bool:
    return e is None or isinstance(e, ir.Zero)


def collect_facts(root: ir.Func, canonical: dict[int, ir.Var], range_vars: dict[int, ir.Loop]) -> FuncFacts:
    facts = FuncFacts(root, canonical)

    def note_addr(place: ir.Expr) -> None:
        y = outer_value(place)
        if isinstance(y, ir.VarRef) and not y.var.is_global:
            facts.addrtaken.add(id(facts.canon(y.var)))

    def target_var(t: ir.Expr | None) -> int | None:
        if t is None:
            return None
        y = outer_value(t)
        if isinstance(y, ir.VarRef) and not y.var.is_global:
            return id(facts.canon(y.var))
        return None

    def on_expr(e: ir.Expr) -> None:
        if isinstance(e, ir.AddrOf):
            note_addr(e.place)
        elif isinstance(e, ir.SliceExpr) and slices_array_place(e):
            note_addr(e.base)
        elif isinstance(e, ir.FuncLit):
            for v in e.func.locals:
                facts.locals.setdefault(id(v), v)

    def on_stmt(s: ir.Stmt) -> None:
        if isinstance(s, ir.Decl):
            v = facts.canon(s.var)
            facts.locals.setdefault(id(v), v)
            if id(v) in range_vars:
                facts.assigns.append((id(v), s, "range", None))
                facts.defn[id(v)] = range_vars[id(v)]
            elif is_zero_init(s.init):
                facts.assigns.append((id(v), s, "bare", None))
            else:
                facts.defn[id(v)] = s
                facts.assigns.append((id(v), s, "decl", s.init))
        elif isinstance(s, ir.DeclTuple):
            tuple_lit = isinstance(s.init, ir.CompositeLit) and len(s.init.elems) == len(s.vars)
            for i, v in enumerate(s.vars):
                if v is None:
                    continue
                v = facts.canon(v)
                facts.locals.setdefault(id(v), v)
                facts.defn[id(v)] = s
                if tuple_lit:
                    facts.assigns.append((id(v), s, "as2", s.init.elems[i]))  # type: ignore[union-attr]
                else:
                    facts.assigns.append((id(v), s, "as2func", None))
        elif isinstance(s, ir.Assign):
            kind = "as" if len(s.targets) == 1 else "as2"
            for t, val in zip(s.targets, s.values):
                tv = target_var(t)
                if tv is not None:
                    facts.assigns.append((tv, s, kind, val))
        elif isinstance(s, ir.AssignTuple):
            for t in s.targets:
                tv = target_var(t)
                if tv is not None:
                    facts.assigns.append((tv, s, "as2func", None))
        elif isinstance(s, ir.OpAssign):
            tv = target_var(s.target)
            if tv is not None:
                facts.assigns.append((tv, s, "asop", None))

    for v in root.locals:
        facts.locals.setdefault(id(facts.canon(v)), facts.canon(v))
    walk_func(root, on_stmt=on_stmt, on_expr=on_expr)
    return facts


# ---- the reassignment oracle ------------------------------------------------


class ReassignOracle:
    """ir.ReassignOracle over the IR (see reassignment.go)."""

    def __init__(self, facts: FuncFacts) -> None:
        self.facts = facts
        # var id -> defining statement, for locals assigned exactly once
        self.single_def: dict[int, ir.Stmt] = {}
        # func-typed var id -> list of (statement, rhs) simple assignments
        self.func_assigns: dict[int, list[tuple[ir.Stmt, ir.Expr]]] = {}
        for vid, v in facts.locals.items():
            if v.is_param or v.is_global or vid in facts.addrtaken:
                continue
            is_func = isinstance(v.ty, FuncType)
            d = facts.defn.get(vid)
            if d is None:
                if is_func:
                    self.func_assigns[vid] = []
            else:
                self.single_def[vid] = d
                if is_func and isinstance(d, ir.Decl):
                    self.func_assigns[vid] = []
        for vid, stmt, kind, rhs in facts.assigns:
            if vid in self.single_def and kind != "decl" and kind != "bare":
                if not (kind in ("as2", "as2func") and self.single_def[vid] is stmt):
                    del self.single_def[vid]
            if vid in self.func_assigns:
                if kind in ("decl", "as", "bare"):
                    if rhs is None or is_nil(rhs):
                        continue  # zero-value assignment (nil, bare decl)
                    self.func_assigns[vid].append((stmt, rhs))
                else:
                    del self.func_assigns[vid]

    def static_value(self, e: ir.Expr) -> ir.Expr:
        while True:
            if isinstance(e, ir.Convert) and e.x.ty == e.ty:
                e = e.x
                continue
            nxt = self._static_value1(e)
            if nxt is None:
                return e
            e = nxt

    def _static_value1(self, e: ir.Expr) -> ir.Expr | None:
        if not isinstance(e, ir.VarRef):
            return None
        v = self.facts.canon(e.var)
        if v.is_param or v.is_global:
            return None
        d = self.facts.defn.get(id(v))
        if d is None or id(v) not in self.single_def:
            return None
        if isinstance(d, ir.Decl):
            return d.init
        if isinstance(d, ir.DeclTuple) and isinstance(d.init, ir.CompositeLit) and len(d.init.elems) == len(d.vars):
            for i, x in enumerate(d.vars):
                if x is not None and self.facts.canon(x) is v:
                    return d.init.elems[i]
        return None

    def reassigned(self, v: ir.Var) -> bool:
        return id(self.facts.canon(v)) not in self.single_def

    def func_assignments(self, v: ir.Var) -> list[tuple[ir.Stmt, ir.Expr]] | None:
        return self.func_assigns.get(id(self.facts.canon(v)))


def is_nil(e: ir.Expr) -> bool:
    while isinstance(e, ir.Convert):
        e = e.x
    return (isinstance(e, ir.Const) and e.value is None) or isinstance(e, ir.Zero)


def static_callee(e: ir.Expr) -> ir.Func | None:
    """ir.StaticCalleeName: a declared function or a function literal."""
    if isinstance(e, ir.FuncRef):
        return e.func
    if isinstance(e, ir.FuncLit):
        return e.func
    return None
