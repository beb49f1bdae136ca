"""How the front end's lowered loops map back onto the compiler's loops.

The front end lowers `for k, v := range x` to hidden temporaries and a plain
`Loop` (frontend.py), and a three-clause loop to `Block([init...], Loop(...,
per_iter=[every variable init declares]))`. The compiler instead sees an
ORANGE / OFOR statement, after `cmd/compile/internal/loopvar` has rewritten
the loops whose variables may outlive an iteration:

* a variable is "leaked" (made per-iteration) when its address is taken
  (`&v`, `&v.f`, `&a[i]` of an array, `a[:]`, a pointer-receiver call) or a
  closure captures it, anywhere in the loop except directly inside a
  `return` statement (loopvar.go `ForCapture`);
* a leaked range variable is declared inside the body (`v := tmp`), an
  unleaked one outside the loop, where the range statement assigns it;
* a leaked three-clause variable `z` becomes `z' := init` outside the loop
  and `z := z'; <post>; <cond>; body; z' = z` inside it.

Declaration depth matters to escape analysis (an address flowing to a
variable declared at a shallower loop depth escapes), so escape_walk asks
this module which variables are which.

The range statement itself (escape/stmt.go ORANGE) flows the range
expression's temporary into Value with `e.flow`, not `e.expr`: there is no
"has no pointers" filter, so the content of `xs` reaches an `int` value
variable (and leaks with it when that variable is moved to the heap). A
leaked variable `v` instead receives that flow in loopvar's autotmp `v'`
(typecheck.TempAt: in fn.Dcl with no declaration, so at loop depth 1), and
`v := v'` in the body is an ordinary, filtered assignment.
`range_value_source` finds the temporary and whether the flow dereferences
it; `RangeInfo.assigns` are the head assignments of `for k, v = range x`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import ir
from .escape_static import child_exprs, is_array, outer_value, stmt_children


@dataclass(eq=False)
class RangeInfo:
    loop: ir.Loop
    #: iteration variables declared by the range clause (`:=` form)
    vars: list[ir.Var]
    #: the Decl statements in the body that declare them
    decls: list[ir.Decl]
    #: the Assign statements of the `=` form (`for k, v = range x`)
    assigns: list[ir.Assign] = field(default_factory=list)


@dataclass(eq=False)
class LoopInfo:
    #: loop id -> range info, for lowered range loops
    ranges: dict[int, RangeInfo] = field(default_factory=dict)
    #: range iteration var id -> its loop
    range_var_loop: dict[int, ir.Loop] = field(default_factory=dict)
    #: id of a `for k, v = range x` head assignment -> its loop
    range_assign_loop: dict[int, ir.Loop] = field(default_factory=dict)
    #: ids of the variables loopvar makes per-iteration (range and 3-clause)
    per_iter: set[int] = field(default_factory=set)
    #: 3-clause loop id -> its per-iteration (rewritten) variables
    three_clause: dict[int, list[ir.Var]] = field(default_factory=dict)
    #: rewritten 3-clause var id -> its loop
    three_clause_var: dict[int, ir.Loop] = field(default_factory=dict)


def _range_head(loop: ir.Loop) -> tuple[list[ir.Decl], list[ir.Assign]] | None:
    """The iteration-variable Decls (`:=` form) and Assigns (`=` form) at the
    top of a lowered range loop body, or None when `loop` is not a lowered
    range loop."""
    c = loop.cond
    if loop.per_iter or not isinstance(c, ir.Binary) or c.op != "<":
        return None
    if not (isinstance(c.x, ir.VarRef) and c.x.var.name == ".i"):
        return None
    idx = c.x.var
    decls: list[ir.Decl] = []
    assigns: list[ir.Assign] = []
    for s in loop.body.stmts:
        if isinstance(s, ir.AssignTuple) and isinstance(s.value, ir.Intrinsic):
            continue
        if isinstance(s, ir.Decl) and _is_iteration_value(s.init, idx):
            decls.append(s)
            continue
        if isinstance(s, ir.Assign) and len(s.values) == 1 and _is_iteration_value(s.values[0], idx):
            assigns.append(s)
            continue
        break
    return decls, assigns


def _range_decls(loop: ir.Loop) -> list[ir.Decl] | None:
    """The iteration-variable Decls at the top of a lowered range loop body,
    or None when `loop` is not a lowered range loop."""
    head = _range_head(loop)
    return None if head is None else head[0]


def range_value_source(loop: ir.Loop, e: ir.Expr | None) -> tuple[ir.Var, bool] | None:
    """For the per-iteration value `e` of a range loop's iteration variable,
    the range expression's temporary that ORANGE flows into Value and whether
    it flows through a dereference (`ks[1].deref(n, "range-deref")` unless
    the range expression is an array). None for the key (`.i`), which the
    range statement assigns no flow."""
    if isinstance(e, ir.IndexRef):
        b = e.base
        if isinstance(b, ir.Deref) and isinstance(b.ptr, ir.VarRef) and b.ptr.var.name == ".range":
            return b.ptr.var, True  # range over a pointer to an array
        if isinstance(b, ir.VarRef) and b.var.name == ".range":
            return b.var, not is_array(b.ty)
        return None
    if isinstance(e, ir.VarRef) and e.var.name == ".r":
        # a string's rune: `.r, .next = decode_rune(.range, .i)` heads the body
        for s in loop.body.stmts:
            v = s.value if isinstance(s, ir.AssignTuple) else None
            if isinstance(v, ir.Intrinsic) and v.name == "decode_rune" and v.args:
                a = v.args[0]
                if isinstance(a, ir.VarRef) and a.var.name == ".range":
                    return a.var, True
        return None
    return None


def _is_iteration_value(e: ir.Expr | None, idx: ir.Var) -> bool:
    if isinstance(e, ir.VarRef):
        return e.var is idx or e.var.name == ".r"
    if isinstance(e, ir.IndexRef) and isinstance(e.index, ir.VarRef) and e.index.var is idx:
        b = e.base.ptr if isinstance(e.base, ir.Deref) else e.base
        return isinstance(b, ir.VarRef) and b.var.name == ".range"
    return False


def find_loops(root: ir.Func) -> LoopInfo:
    """Loop facts for a top-level function and every closure inside it."""
    info = LoopInfo()
    funcs: list[ir.Func] = [root]

    def collect(e: ir.Expr) -> None:
        if isinstance(e, ir.FuncLit):
            funcs.append(e.func)
            return
        for c in child_exprs(e):
            if c is not None:
                collect(c)

    def collect_stmt(s: ir.Stmt) -> None:
        exprs, stmts = stmt_children(s)
        for e in exprs:
            if e is not None:
                collect(e)
        for c in stmts:
            collect_stmt(c)

    i = 0
    while i < len(funcs):
        f = funcs[i]
        i += 1
        collect_stmt(f.body)
        _scan_func(f, info)
    return info


def _scan_func(fn: ir.Func, info: LoopInfo) -> None:
    """loopvar.ForCapture for one function (closure bodies are separate)."""
    # var id -> leaked?
    possibly: dict[int, bool] = {}
    state = {"depth": 0, "ret": 0}

    def canon_id(v: ir.Var) -> int:
        return id(v)

    def mark(v: ir.Var) -> None:
        if id(v) in possibly:
            possibly[id(v)] = True

    def addr_of(place: ir.Expr) -> None:
        if state["ret"] >= state["depth"]:
            return
        y = outer_value(place)
        if isinstance(y, ir.VarRef) and not y.var.is_global:
            mark(y.var)

    def expr(e: ir.Expr | None) -> None:
        if e is None:
            return
        if isinstance(e, ir.FuncLit):
            if state["ret"] < state["depth"]:
                for cap in e.captures:
                    v = cap.var
                    # the capture of a capture: mark every level of the chain
                    mark(v)
            return
        if isinstance(e, ir.AddrOf):
            addr_of(e.place)
        elif isinstance(e, ir.SliceExpr) and is_array(e.base.ty):
            addr_of(e.base)
        for c in child_exprs(e):
            expr(c)

    def stmt(s: ir.Stmt | None) -> None:
        if s is None:
            return
        if isinstance(s, ir.Return):
            saved = state["ret"]
            state["ret"] = state["depth"]
            for v in s.values:
                expr(v)
            state["ret"] = saved
            return
        if isinstance(s, ir.Loop):
            head = _range_head(s)
            if head is not None:
                decls, assigns = head
                rvars = [d.var for d in decls]
                info.ranges[id(s)] = RangeInfo(s, rvars, decls, assigns)
                for a in assigns:
                    info.range_assign_loop[id(a)] = s
                for v in rvars:
                    info.range_var_loop[id(v)] = s
                    possibly[id(v)] = False
                state["depth"] += 1
                expr(s.cond)
                stmt(s.post)
                stmt(s.body)
                state["depth"] -= 1
                for v in rvars:
                    if possibly.get(id(v)):
                        info.per_iter.add(id(v))
                return
            for v in s.per_iter:
                possibly[id(v)] = False
            state["depth"] += 1
            expr(s.cond)
            stmt(s.post)
            stmt(s.body)
            state["depth"] -= 1
            leaked = [v for v in s.per_iter if possibly.get(id(v))]
            if leaked:
                info.three_clause[id(s)] = leaked
                for v in leaked:
                    info.per_iter.add(id(v))
                    info.three_clause_var[id(v)] = s
            return
        exprs, stmts = stmt_children(s)
        for e in exprs:
            expr(e)
        for c in stmts:
            stmt(c)

    stmt(fn.body)
