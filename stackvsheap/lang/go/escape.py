"""Go escape analysis, as `go build -gcflags='-m -l'` (Go 1.27) does it.

`analyze(program)` decides, for every allocation site and every variable whose
address is taken or that a closure captures, whether the real compiler puts it
on the stack or the heap, and why:

* `AllocSite.placement` / `.reason` / `.silent` / `.stack_buffer_bytes` /
  `.zero_copy`, `Var.placement` / `.reason`, `Capture.by_ref`;
* `program.sites`: the trace's `sites` (TRACE.md), in source order;
* `program.escape_leaks`: the parameter summaries the compiler prints
  (`leaking param: p`, `p does not escape`, ...), as `"line:col: message"`.

It is a port of `cmd/compile/internal/escape`: functions are analysed callees
first, in batches of mutually recursive functions (`ir.VisitFuncsBottomUp`),
closures together with the function that contains them (a function literal
that captures nothing is no closure to the compiler: it is analysed alone,
before its user); each batch builds a
data-flow graph (escape_walk), solves it (escape_graph) and tags every
parameter with its leaks, which callers in later batches use instead of the
callee's body (inlining is off: `-l`).

Module layout:
  escape_graph.py   locations, holes, leaks and the solver (graph.go, solve.go, leaks.go)
  escape_static.py  syntactic facts and the reassignment oracle (ir/reassignment.go)
  escape_walk.py    IR -> graph (expr.go, stmt.go, assign.go, call.go, utils.go)
  escape_range.py   the front end's lowered loops vs ORANGE / OFOR after loopvar
  escape_report.py  verdicts, the player's reasons, sites and leak messages
  escape.py         batches, size limits (HeapAllocReason), finishing
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import PtrType, SliceType, Type
from .escape_graph import Graph, Leaks, Location, heap_leaks
from .escape_range import LoopInfo, find_loops
from .escape_report import analyze_global_inits, finish_batch, finish_program, make_static_size
from .escape_std import devirt_callee
from .iface import ICALL
from .escape_static import FuncFacts, ReassignOracle, collect_facts, walk_func
from .escape_walk import FuncWalker

# cmd/compile/internal/ir/cfg.go
#: Largest explicitly declared variable kept on the stack.
MAX_STACK_VAR_SIZE = 128 * 1024
#: Largest implicit variable (new, &T{}, make, closures) kept on the stack.
MAX_IMPLICIT_STACK_VAR_SIZE = 64 * 1024
#: cmd/compile/internal/base/flag.go: Debug.VariableMakeThreshold, and
#: walk.tmpstringbufsize: the stack buffer for run-time-sized make results,
#: non-escaping concatenations and string<->[]byte conversions.
STACK_BUFFER_BYTES = 32


class Analysis:
    """Whole-program state: parameter tags of analysed functions, facts."""

    def __init__(self, program: ir.Program) -> None:
        self.program = program
        funcs: list[ir.Func] = list(program.all_funcs) or list(program.funcs.values())
        for f in program.funcs.values():
            if f not in funcs:
                funcs.append(f)
        self.top: list[ir.Func] = [f for f in funcs if f.outer is None]
        # closure inner var -> the captured var in the enclosing function
        self.canonical: dict[int, ir.Var] = {}
        self.funclit_of: dict[int, ir.FuncLit] = {}
        self.closures_of: dict[int, list[ir.Func]] = {}
        self.global_funclits: set[int] = set()
        for s in program.global_inits:
            for e in _stmt_funclits(s):
                self.global_funclits.add(id(e.func))
        for f in self.top:
            self._index_closures(f)
        self.root_of: dict[int, ir.Func] = {}
        for f in self.top:
            self.root_of[id(f)] = f
            for c in self.closures_of.get(id(f), []):
                self.root_of[id(c)] = f
        self.loops: dict[int, LoopInfo] = {id(f): find_loops(f) for f in self.top}
        range_vars: dict[int, ir.Loop] = {}
        for info in self.loops.values():
            range_vars.update(info.range_var_loop)
        self.facts: dict[int, FuncFacts] = {
            id(f): collect_facts(f, self.canonical, range_vars) for f in self.top
        }
        self.oracles: dict[int, ReassignOracle] = {}
        self.tags: dict[int, list[Leaks]] = {}
        self.tagged: set[int] = set()
        self.leak_messages: list[tuple[tuple[int, int], str]] = []
        #: every AllocSite met, in walk order
        self.all_sites: list[ir.AllocSite] = []
        #: variables whose address is taken or that a closure captures
        self.reported_vars: list[ir.Var] = []

    def _index_closures(self, root: ir.Func) -> None:
        found: list[ir.Func] = []

        def on_expr(e: ir.Expr) -> None:
            if isinstance(e, ir.FuncLit):
                self.funclit_of[id(e.func)] = e
                found.append(e.func)
                for cap in list(e.captures) + list(e.func.captures):
                    if cap.inner is not cap.var:
                        self.canonical[id(cap.inner)] = cap.var

        walk_func(root, on_expr=on_expr)
        self.closures_of[id(root)] = found

    def is_per_iteration(self, v: ir.Var) -> bool:
        """Whether cmd/compile/internal/loopvar gives loop variable v a fresh
        copy per iteration (its address is taken, or a closure captures it,
        outside a `return`). A heap variable it leaves shared is allocated
        once for the whole loop."""
        return any(id(v) in info.per_iter for info in self.loops.values())

    def canon(self, v: ir.Var) -> ir.Var:
        while id(v) in self.canonical:
            v = self.canonical[id(v)]
        return v

    def root(self, fn: ir.Func) -> ir.Func:
        return self.root_of.get(id(fn), fn)

    def oracle_for(self, fn: ir.Func) -> ReassignOracle:
        r = self.root(fn)
        o = self.oracles.get(id(r))
        if o is None:
            o = ReassignOracle(self.facts[id(r)])
            self.oracles[id(r)] = o
        return o

    def batches(self) -> list[list[ir.Func]]:
        """ir.VisitFuncsBottomUp: strongly connected components of the
        reference graph, callees first; closures join their function's batch."""
        out: list[list[ir.Func]] = []
        node_id: dict[int, int] = {}
        stack: list[ir.Func] = []
        gen = [0]
        done = 1 << 62

        def refs(fn: ir.Func) -> list[ir.Func]:
            found: list[ir.Func] = []

            def on_expr(e: ir.Expr) -> None:
                if isinstance(e, ir.Call):
                    found.append(e.func)
                elif isinstance(e, ir.FuncRef):
                    found.append(e.func)
                elif isinstance(e, ir.FuncLit):
                    found.append(e.func)
                elif isinstance(e, ir.Intrinsic) and e.name == "method_value":
                    found.append(e.extra)
                elif isinstance(e, ir.Intrinsic) and e.name == ICALL:
                    f = devirt_callee(self.oracle_for(fn), self.program, e)
                    if f is not None:
                        found.append(f)

            walk_func(fn, on_expr=on_expr, into_closures=False)
            return found

        def visit(n: ir.Func) -> int:
            if id(n) in node_id:
                return node_id[id(n)]
            gen[0] += 1
            my = gen[0]
            node_id[id(n)] = my
            gen[0] += 1
            min_gen = gen[0]
            stack.append(n)
            for d in refs(n):
                m = visit(d)
                if m < min_gen:
                    min_gen = m
            if (min_gen == my or min_gen == my + 1) and not is_closure(n):
                i = len(stack) - 1
                while i >= 0:
                    node_id[id(stack[i])] = done
                    if stack[i] is n:
                        break
                    i -= 1
                out.append(stack[i:])
                del stack[i:]
            return min_gen

        # Function literals that capture nothing are not closures to the
        # compiler (ir.Func.IsClosure): they are analysed on their own, as
        # roots, before the functions that use them.
        for f in self.top:
            visit(f)
            for c in self.closures_of.get(id(f), []):
                if not is_closure(c):
                    visit(c)
        return out


def is_closure(fn: ir.Func) -> bool:
    """ir.Func.IsClosure: a function literal that captures at least one variable."""
    return fn.outer is not None and len(fn.captures) > 0


def _stmt_funclits(s: ir.Stmt) -> list[ir.FuncLit]:
    found: list[ir.FuncLit] = []
    fake = ir.Func("init", s.pos, [], [], ir.Block(s.pos, [s]))

    def on_expr(e: ir.Expr) -> None:
        if isinstance(e, ir.FuncLit):
            found.append(e)

    walk_func(fake, on_expr=on_expr, into_closures=False)
    return found


class Batch:
    """One batch: functions analysed together (escape.go `batch`)."""

    def __init__(self, an: Analysis, fns: list[ir.Func]) -> None:
        self.an = an
        self.fns = fns
        self.fn_ids = {id(f) for f in fns}
        self.g = Graph()
        self.g.contains_closure = self.contains_closure
        self.g.in_mutual_batch = self.in_mutual_batch
        self.g.closure_func_of = self.closure_func_of
        self.g.result_locs_of = self.result_locs
        self.var_locs: dict[int, Location] = {}
        self.results: dict[int, list[Location]] = {}
        self.sites: list[tuple[ir.AllocSite, Location, ir.Expr]] = []
        self.site_nodes: dict[int, ir.Expr] = {}
        self.site_fn: dict[int, ir.Func] = {}
        self.closures: list[tuple[Any, ir.FuncLit]] = []
        self.notes: list[Any] = []
        # loops of the batch's top-level functions (escape_range)
        self.per_iter: set[int] = set()
        self.range_var_loop: dict[int, ir.Loop] = {}
        self.range_assign_loop: dict[int, ir.Loop] = {}
        self.three_clause: dict[int, list[ir.Var]] = {}
        self.three_clause_var: dict[int, ir.Loop] = {}
        for f in fns:
            li = an.loops.get(id(an.root(f)))
            if li is not None:
                self.per_iter |= li.per_iter
                self.range_var_loop.update(li.range_var_loop)
                self.range_assign_loop.update(li.range_assign_loop)
                self.three_clause.update(li.three_clause)
                self.three_clause_var.update(li.three_clause_var)
        self.loop_outer_depth: dict[int, int] = {}
        self.zprimes: dict[int, Location] = {}
        self.range_tmps: dict[int, Location] = {}

    # ---- lookups --------------------------------------------------------

    def oracle_for(self, fn: ir.Func) -> ReassignOracle:
        return self.an.oracle_for(fn)

    def defn_of(self, v: ir.Var) -> ir.Stmt | None:
        loc = self.var_locs.get(id(self.an.canon(v)))
        fn = loc.curfn if loc is not None and loc.curfn is not None else None
        if fn is None:
            return None
        facts = self.an.facts.get(id(self.an.root(fn)))
        return facts.defn.get(id(self.an.canon(v))) if facts else None

    def in_mutual_batch(self, fn: ir.Func) -> bool:
        return id(fn) in self.fn_ids and id(fn) not in self.an.tagged

    def contains_closure(self, f: ir.Func | None, c: ir.Func | None) -> bool:
        """ir.ContainsClosure: c is a closure nested (at any depth) in f."""
        if f is None or c is None or f is c or c.outer is None:
            return False
        p = c.outer
        while p is not None:
            if p is f:
                return True
            p = p.outer
        return False

    def closure_func_of(self, loc: Location) -> ir.Func | None:
        node = self.site_nodes.get(id(loc))
        return node.func if isinstance(node, ir.FuncLit) else None

    def var_loc(self, v: ir.Var) -> Location:
        v = self.an.canon(v)
        loc = self.var_locs.get(id(v))
        if loc is None:
            # Not declared in this batch's functions (defensive).
            loc = self.g.new_loc(v, self.fns[0], "var", v.name, 1, True)
            self.var_locs[id(v)] = loc
        return loc

    def result_locs(self, fn: ir.Func) -> list[Location]:
        return self.results.get(id(fn), [])

    def site_loc(self, site: ir.AllocSite, fn: ir.Func, loop_depth: int, node: ir.Expr) -> Location:
        loc = self.g.new_loc(site, fn, "site", site.text, loop_depth, False)
        self.sites.append((site, loc, node))
        self.site_nodes[id(loc)] = node
        self.site_fn[id(node)] = fn
        return loc

    def zprime(self, v: ir.Var, fn: ir.Func) -> Location:
        loc = self.zprimes.get(id(v))
        if loc is None:
            loc = self.g.new_loc(None, fn, "temp", f"{v.name}'", 1, True)
            self.zprimes[id(v)] = loc
        return loc

    def range_tmp(self, v: ir.Var, fn: ir.Func) -> Location:
        """loopvar's `v'` for a per-iteration range variable v: the range
        statement assigns v', and `v := v'` starts the body. An autotmp
        (typecheck.TempAt) with no declaration: loop depth 1."""
        loc = self.range_tmps.get(id(v))
        if loc is None:
            loc = self.g.new_loc(None, fn, "temp", f"{v.name}'", 1, True)
            self.range_tmps[id(v)] = loc
        return loc

    def param_tag(self, fn: ir.Func, i: int) -> Leaks:
        tags = self.an.tags.get(id(fn))
        if tags is None or i >= len(tags):
            return heap_leaks()
        return tags[i]

    # ---- escape.go Batch --------------------------------------------------

    def run(self) -> None:
        for fn in self.fns:
            self.init_func(fn)
        for fn in self.fns:
            if not is_closure(fn):
                FuncWalker(self, fn).block(fn.body)
        # Now every reassignment and address-taking is known: decide how
        # closures capture their free variables.
        for k, clo in self.closures:
            self.flow_closure(k, clo)
        self.closures = []
        for loc in list(self.g.all_locs):
            why = self.heap_alloc_reason(loc)
            if why:
                loc.heap_reason = why
                self.g.flow(self.g.heap_hole().addr(loc.n, why), loc)
        self.g.walk_all()

    def init_func(self, fn: ir.Func) -> None:
        for p in fn.params:
            loc = self.g.new_loc(p, fn, "var", p.name, 1, True)
            loc.param = True
            self.var_locs[id(p)] = loc
        named = named_results(fn)
        for v in fn.locals:
            if id(v) in self.var_locs or self.an.canon(v) is not v:
                continue  # a closure's view of a captured variable
            self.var_locs[id(v)] = self.g.new_loc(v, fn, "var", v.name, 1, True)
        res = []
        for i, t in enumerate(fn.results):
            if named is not None:
                loc = self.var_locs[id(named[i])]
            else:
                loc = self.g.new_loc(None, fn, "result", f"~r{i}", 1, True)
            loc.param_out = True
            loc.result_index = 1 + i
            res.append(loc)
        self.results[id(fn)] = res

    def flow_closure(self, k: Any, clo: ir.FuncLit) -> None:
        for cap in clo.captures:
            loc = self.var_loc(cap.var)
            v = self.an.canon(cap.var)
            # Capture by value: at most 128 bytes, never reassigned, address
            # never taken (escape.go flowClosure).
            byval = not loc.addrtaken and not loc.reassigned and safe_size(v.ty) <= 128
            cap.by_ref = not byval
            kk = k if byval else k.addr(cap.var, "reference")
            self.g.flow(kk.note(cap.var, "captured by a closure"), loc)

    def heap_alloc_reason(self, loc: Location) -> str:
        """escape.HeapAllocReason: objects the compiler never puts on the stack."""
        n = loc.n
        if isinstance(n, ir.Var):
            if n.is_param or loc.param_out or n.name.startswith("."):
                # Parameters are always passed on the stack; the front end's
                # hidden temporaries (".range") are compiler autotmps.
                return ""
            size = safe_size(n.ty)
            if size > MAX_STACK_VAR_SIZE:
                return f"too large for the stack ({size} B > 128 KiB)"
            return ""
        if not isinstance(n, ir.AllocSite):
            return ""
        node = self.site_nodes.get(id(loc))
        if isinstance(node, ir.Alloc) and isinstance(node.ty, PtrType):
            size = safe_size(node.ty.elem)
            if size > MAX_IMPLICIT_STACK_VAR_SIZE:
                return f"too large for the stack ({size} B > 64 KiB)"
        if isinstance(node, ir.MakeSlice) and isinstance(node.ty, SliceType):
            esize = safe_size(node.ty.elem)
            if esize == 0:
                return "its elements are zero-sized, which the compiler never stack-allocates"
            r = make_static_size(self, node)
            if r is not None and r > MAX_IMPLICIT_STACK_VAR_SIZE // esize:
                return f"too large for the stack ({r * esize} B > 64 KiB)"
        return ""


def named_results(fn: ir.Func) -> list[ir.Var] | None:
    """Named results are `Decl(r, None)` statements placed before the body's
    opening brace (frontend.py)."""
    if not fn.results:
        return None
    body = fn.body
    out: list[ir.Var] = []
    for s in body.stmts[: len(fn.results)]:
        if isinstance(s, ir.Decl) and s.init is None and s.pos < body.pos and s.var in fn.locals:
            out.append(s.var)
    return out if len(out) == len(fn.results) else None


def safe_size(t: Type) -> int:
    try:
        return t.size
    except Exception:
        return 0


def analyze(program: ir.Program) -> Analysis:
    """Run escape analysis on a lowered Go program (see the module docstring).
    Returns the analysis: later passes (slicepass.py) read the parameter tags
    (`tags`) and the reassignment oracles."""
    an = Analysis(program)
    for fns in an.batches():
        b = Batch(an, fns)
        b.run()
        finish_batch(an, b)
    analyze_global_inits(an)
    finish_program(an)
    _mark_per_iteration(an)
    return an


def _mark_per_iteration(an: Analysis) -> None:
    """Tell the simulator which loop variables loopvar really copies per
    iteration (`Var.per_iteration`); the IR declares every one per iteration."""
    from .escape_range import _range_decls

    for fn in an.program.all_funcs or list(an.program.funcs.values()):
        for node in ir.walk(fn.body):
            if isinstance(node, ir.Loop):
                for v in node.per_iter:
                    v.per_iteration = an.is_per_iteration(v)
                for d in _range_decls(node) or []:
                    d.var.per_iteration = an.is_per_iteration(d.var)
