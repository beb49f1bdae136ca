"""Building the escape graph from the IR: a port of the compiler's
`escape/expr.go`, `stmt.go`, `assign.go` and `call.go`.

The IR is a little more lowered than the compiler's (methods are functions
whose first parameter is the receiver; `p.f` through a pointer is
`FieldRef(Deref(p))`), so each IR node is mapped onto the compiler op it came
from: `FieldRef(Deref(p))` is ODOTPTR, `SliceExpr` of an array place is
OSLICEARR of `&a`, `Call` is OCALLFUNC with a static callee, `CallValue` is
OCALLFUNC through a function value, and so on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import ir
from ..types import ArrayType, SliceType, TupleType, Type
from .escape_graph import Hole, Location
from .escape_range import range_value_source
from .escape_std import STD_INTRINSICS, std_expr
from .escape_static import (
    ReassignOracle,
    is_array,
    is_zero_init,
    static_callee,
)

if TYPE_CHECKING:
    from .escape import Batch


def has_pointers(t: Type | None) -> bool:
    if t is None:
        return False
    try:
        return bool(t.has_pointers)
    except Exception:  # untyped constants and the like
        return False


def slice_elem(t: Type) -> Type | None:
    return t.elem if isinstance(t, SliceType) else None


class FuncWalker:
    """The compiler's `escape` state for one function (or closure) body."""

    def __init__(self, batch: "Batch", fn: ir.Func) -> None:
        self.b = batch
        self.g = batch.g
        self.curfn = fn
        self.loop_depth = 1

    # ---- helpers ------------------------------------------------------------

    def oracle(self) -> ReassignOracle:
        return self.b.oracle_for(self.curfn)

    def loc_of(self, v: ir.Var) -> Location:
        return self.b.var_loc(v)

    def new_temp(self, persists: bool = False) -> Location:
        return self.g.new_loc(None, self.curfn, "temp", "{temp}", self.loop_depth, persists)

    def tee_hole(self, ks: list[Hole]) -> Hole:
        if not ks:
            return self.g.discard_hole()
        if len(ks) == 1:
            return ks[0]
        loc = self.new_temp(False)
        for k in ks:
            if k.derefs < 0:
                raise AssertionError("teeHole: negative derefs")
            self.g.flow(k, loc)
        return loc.as_hole()

    def later(self, k: Hole) -> Hole:
        loc = self.new_temp(True)
        self.g.flow(k, loc)
        return loc.as_hole()

    def spill(self, k: Hole, site: ir.AllocSite, node: ir.Expr) -> Hole:
        """A new location for an allocating expression; its address flows to k."""
        loc = self.b.site_loc(site, self.curfn, self.loop_depth, node)
        self.g.flow(k.addr(node, "spill"), loc)
        return loc.as_hole()

    # ---- statements (stmt.go) ---------------------------------------------

    def block(self, blk: ir.Block | None) -> None:
        if blk is None:
            return
        old = self.loop_depth
        for s in blk.stmts:
            self.stmt(s)
        if blk.tail is not None:
            self.discard(blk.tail)
        self.loop_depth = old

    def stmts(self, lst: list[ir.Stmt]) -> None:
        for s in lst:
            self.stmt(s)

    def dcl(self, v: ir.Var) -> Hole:
        loc = self.loc_of(v)
        loc.loop_depth = self.loop_depth
        return loc.as_hole()

    def stmt(self, s: ir.Stmt | None) -> None:
        if s is None:
            return
        if isinstance(s, ir.Block):
            # A nested block statement: OBLOCK lists its statements in place.
            self.stmts(s.stmts)
            if s.tail is not None:
                self.discard(s.tail)
        elif isinstance(s, ir.Decl):
            self.decl(s)
        elif isinstance(s, ir.DeclTuple):
            targets: list[ir.Expr | None] = [
                None if v is None else ir.VarRef(v.ty, s.pos, v) for v in s.vars
            ]
            for v in s.vars:
                if v is not None:
                    self.dcl(v)
            self.assign_tuple(targets, s.init, s)
        elif isinstance(s, ir.Assign) and id(s) in self.b.range_assign_loop:
            self.range_assign(s, self.b.range_assign_loop[id(s)])
        elif isinstance(s, ir.Assign):
            c = s.values[0] if len(s.values) == 1 else None
            if (isinstance(c, ir.Concat) and c.site.silent and len(s.targets) == 1
                    and len(c.parts) == 2 and c.parts[0] is s.targets[0]):
                # `s += t` is OASOP for escape analysis (walk builds the
                # concatenation later, always on the heap): t flows into s.
                self.assign_list([s.targets[0]], [c.parts[1]], s)
            else:
                self.assign_list(list(s.targets), list(s.values), s)
        elif isinstance(s, ir.AssignTuple):
            self.assign_tuple(list(s.targets), s.value, s)
        elif isinstance(s, ir.OpAssign):
            self.assign_list([s.target], [s.value], s)
        elif isinstance(s, ir.ExprStmt):
            e = s.expr
            if isinstance(e, (ir.Call, ir.CallValue, ir.CopySlice)):
                self.call(None, e)
            else:
                self.discard(e)
        elif isinstance(s, ir.Print):
            for a in s.args:
                self.discard(a)
        elif isinstance(s, ir.If):
            self.discard(s.cond)
            self.block(s.then)
            self.block(s.else_)
        elif isinstance(s, ir.Loop):
            self.loop(s)
        elif isinstance(s, (ir.Break, ir.Continue)):
            if isinstance(s, ir.Break) and s.value is not None:
                self.discard(s.value)
        elif isinstance(s, ir.Return):
            self.ret(s)
        elif isinstance(s, ir.Drop):
            pass
        else:
            raise AssertionError(f"escape: unexpected statement {type(s).__name__}")

    def decl(self, s: ir.Decl) -> None:
        v = s.var
        b = self.b
        lp = b.range_var_loop.get(id(v))
        if lp is not None:
            # A range iteration variable. The range statement assigns it on
            # every iteration (so it counts as reassigned). Unless loopvar made
            # it per-iteration, it is declared outside the loop. ORANGE flows
            # the range temporary into Value unfiltered (escape_range).
            loc = self.loc_of(v)
            src = range_value_source(lp, s.init)
            if src is None:
                # the key: the range statement gives it no flow
                loc.loop_depth = self.loop_depth if id(v) in b.per_iter else b.loop_outer_depth[id(lp)]
                self.expr(loc.as_hole().note(s, "range"), s.init)
            elif id(v) in b.per_iter:
                # loopvar: `for v' = range x { v := v'; ... }`
                tmp = b.range_tmp(v, self.curfn)
                self.range_flow(tmp.as_hole(), src, s)
                tmp.reassigned = True
                loc.loop_depth = self.loop_depth
                if has_pointers(v.ty):
                    self.g.flow(loc.as_hole().note(s, "assign"), tmp)
            else:
                loc.loop_depth = b.loop_outer_depth[id(lp)]
                self.range_flow(loc.as_hole(), src, s)
            loc.reassigned = True
            return
        if id(v) in b.three_clause_var:
            # `z' := init` of a rewritten three-clause loop: the hidden z' is
            # a compiler temporary (no declaration: loop depth 1).
            self.expr(b.zprime(v, self.curfn).as_hole().note(s, "assign"), None if is_zero_init(s.init) else s.init)
            return
        self.dcl(v)
        self.assign_list([ir.VarRef(v.ty, s.pos, v)], [None if is_zero_init(s.init) else s.init], s)

    def range_flow(self, k: Hole, src: tuple[ir.Var, bool], where: ir.Stmt) -> None:
        """stmt.go ORANGE: `e.flow(ks[1].deref(n, "range-deref"), tmp)`, or
        `ks[1].note(n, "range")` for an array; e.flow, so no type filter."""
        rng, deref = src
        k = k.deref(where, "range-deref") if deref else k.note(where, "range")
        self.g.flow(k, self.loc_of(rng))

    def range_assign(self, s: ir.Assign, lp: ir.Loop) -> None:
        """A head assignment of `for k, v = range x` (ORANGE without Def)."""
        ks = [self.addr(t) for t in s.targets]
        src = range_value_source(lp, s.values[0])
        if src is not None:
            self.range_flow(ks[0], src, s)
        self.reassigned(ks, s)

    def loop(self, s: ir.Loop) -> None:
        if s.once:  # a switch
            self.block(s.body)
            return
        b = self.b
        b.loop_outer_depth[id(s)] = self.loop_depth
        self.loop_depth += 1
        rewritten = b.three_clause.get(id(s))
        if rewritten:
            # loopvar: z := z'; if !first { post }; if !cond { break }; body; z' = z
            for v in rewritten:
                k = self.dcl(v)
                self.g.flow(k.note(s, "assign"), b.zprime(v, self.curfn))
            self.stmt(s.post)
            self.discard(s.cond)
            self.block(s.body)
            for v in rewritten:
                self.g.flow(b.zprime(v, self.curfn).as_hole().note(s, "assign"), self.loc_of(v))
        else:
            self.discard(s.cond)
            self.stmt(s.post)
            self.block(s.body)
        self.loop_depth -= 1

    def ret(self, s: ir.Return) -> None:
        results = self.b.result_locs(self.curfn)
        if len(s.values) == 1 and len(results) > 1:
            # return f() with several results: OAS2FUNC into the results.
            ks = [r.as_hole() for r in results]
            self.call(ks, s.values[0])
            return
        holes = [r.as_hole() for r in results]
        for i, k in enumerate(holes):
            src = s.values[i] if i < len(s.values) else None
            self.expr(k.note(s, "return"), src)

    # ---- assignments (assign.go) ------------------------------------------

    def addr(self, n: ir.Expr | None) -> Hole:
        """The hole for storing into the addressable expression n."""
        if n is None:
            return self.g.discard_hole()
        k = self.g.heap_hole()
        if isinstance(n, ir.VarRef):
            if n.var.is_global:
                return k.note(n, "global")
            return self.loc_of(n.var).as_hole()
        if isinstance(n, ir.FieldRef):
            if isinstance(n.base, ir.Deref):  # ODOTPTR
                self.mutate(n.base.ptr)
                return k.note(n, "store through pointer")
            return self.addr(n.base)
        if isinstance(n, ir.IndexRef):
            self.discard(n.index)
            if is_array(n.base.ty):
                return self.addr(n.base)
            self.mutate(n.base)
            return k.note(n, "store into slice element")
        if isinstance(n, ir.Deref):
            self.mutate(n.ptr)
            return k.note(n, "store through pointer")
        raise AssertionError(f"escape: unexpected assignment target {type(n).__name__}")

    def mutate(self, n: ir.Expr) -> None:
        self.expr(self.g.mutator_hole(), n)

    def assign_list(self, dsts: list[ir.Expr | None], srcs: list[ir.Expr | None], where: ir.Stmt) -> None:
        ks = [self.addr(d) for d in dsts]
        for i, k in enumerate(ks):
            src = srcs[i] if i < len(srcs) else None
            dst = dsts[i]
            if dst is not None and src is not None and is_self_assign(dst, src):
                self.b.notes.append((where, dst, src))
                k = self.g.discard_hole()
            self.expr(k.note(where, "assign"), src)
        self.reassigned(ks, where)

    def assign_tuple(self, targets: list[ir.Expr | None], value: ir.Expr, where: ir.Stmt) -> None:
        if isinstance(value, ir.CompositeLit) and isinstance(value.ty, TupleType) and len(value.elems) == len(targets):
            # a, b := x, y (OAS2)
            self.assign_list(targets, list(value.elems), where)
            return
        # a, b := f() (OAS2FUNC)
        ks = [self.addr(t) for t in targets]
        if isinstance(value, (ir.Call, ir.CallValue)):
            self.call(ks, value)
        else:
            self.expr(self.tee_hole([k for k in ks if k.derefs >= 0]), value)
        self.reassigned(ks, where)

    def reassigned(self, ks: list[Hole], where: ir.Stmt) -> None:
        if isinstance(where, ir.Decl) and is_zero_init(where.init):
            return  # `var x T`: its initialisation, not a reassignment
        for k in ks:
            self.mark_reassigned(k.dst, where)

    def mark_reassigned(self, loc: Location, where: ir.Stmt | None) -> None:
        n = loc.n
        if isinstance(n, ir.Var) and where is not None and self.b.defn_of(n) is where:
            return
        loc.reassigned = True

    # ---- expressions (expr.go) --------------------------------------------

    def discard(self, n: ir.Expr | None) -> None:
        self.expr(self.g.discard_hole(), n)

    def expr(self, k: Hole, n: ir.Expr | None) -> None:
        if n is None:
            return
        if k.derefs >= 0 and not has_pointers(n.ty):
            k = k.with_dst(self.g.blank_loc)
        g = self.g
        if isinstance(n, (ir.Const, ir.Zero, ir.FuncRef)):
            return
        if isinstance(n, ir.VarRef):
            if n.var.is_global:
                return
            g.flow(k, self.loc_of(n.var))
        elif isinstance(n, ir.Unary):
            self.discard(n.x)
        elif isinstance(n, ir.Binary):
            self.discard(n.x)
            self.discard(n.y)
        elif isinstance(n, ir.AddrOf):
            self.expr(k.addr(n, "address-of"), n.place)
        elif isinstance(n, ir.Deref):
            self.expr(k.deref(n, "indirection"), n.ptr)
        elif isinstance(n, ir.FieldRef):
            self.expr(k.note(n, "dot"), n.base)
        elif isinstance(n, ir.IndexRef):
            if is_array(n.base.ty):
                self.expr(k.note(n, "fixed-array-index-of"), n.base)
            else:
                self.expr(k.deref(n, "dot of pointer"), n.base)
            self.discard(n.index)
        elif isinstance(n, ir.SliceExpr):
            if is_array(n.base.ty):
                # OSLICEARR slices &a: the array's address flows on.
                self.expr(k.note(n, "slice").addr(n, "address-of"), n.base)
            else:
                self.expr(k.note(n, "slice"), n.base)
            self.discard(n.lo)
            self.discard(n.hi)
        elif isinstance(n, ir.Convert):
            self.expr(k, n.x)
        elif isinstance(n, (ir.Call, ir.CallValue, ir.Append, ir.CopySlice)):
            self.call([k], n)
        elif isinstance(n, (ir.Len, ir.Cap)):
            self.discard(n.x)
        elif isinstance(n, ir.Alloc):
            kk = self.spill(k, n.site, n)
            if n.init is not None:
                self.expr(kk, n.init)
        elif isinstance(n, ir.MakeSlice):
            self.spill(k, n.site, n)
            self.discard(n.length)
            self.discard(n.cap)
        elif isinstance(n, ir.SliceLit):
            kk = self.spill(k, n.site, n)
            for el in n.elems:
                self.expr(kk.note(n, "slice-literal-element"), el)
        elif isinstance(n, ir.CompositeLit):
            why = "array literal element" if isinstance(n.ty, ArrayType) else "struct literal element"
            for el in n.elems:
                self.expr(k.note(n, why), el)
        elif isinstance(n, ir.Concat):
            # Arguments of OADDSTR never escape: concatstrings copies them.
            self.spill(k, n.site, n)
            for p in n.parts:
                self.discard(p)
        elif isinstance(n, ir.StrConvert):
            self.spill(k, n.site, n)
            self.discard(n.x)
        elif isinstance(n, ir.FuncLit):
            self.closure(k, n)
        elif isinstance(n, ir.Intrinsic) and n.name in STD_INTRINSICS:
            std_expr(self, k, n)
        elif isinstance(n, ir.Intrinsic):
            for a in n.args:
                self.discard(a)
        elif isinstance(n, ir.IfExpr):
            self.discard(n.cond)
            self.block(n.then)
            self.block(n.else_)
        elif isinstance(n, ir.BlockExpr):
            self.block(n.block)
        else:
            raise AssertionError(f"escape: unexpected expression {type(n).__name__}")

    def closure(self, k: Hole, n: ir.FuncLit) -> None:
        kk = self.spill(k, n.site, n)
        self.b.closures.append((kk, n))
        for cap in n.captures:
            loc = self.loc_of(cap.var)
            if not loc.captured:
                loc.captured = True
                # Ignore reassignments in straight-line code before the
                # first capture by a closure.
                if loc.loop_depth == self.loop_depth:
                    loc.reassigned = False
        if n.captures:
            # A real closure is analysed with its enclosing function; a
            # literal that captures nothing was analysed on its own already.
            FuncWalker(self.b, n.func).block(n.func.body)

    # ---- calls (call.go) ----------------------------------------------------

    def argument(self, k: Hole, arg: ir.Expr, call: ir.Expr) -> None:
        self.expr(k.note(call, "call parameter"), arg)

    def call(self, ks: list[Hole] | None, call: ir.Expr) -> None:
        g = self.g
        if isinstance(call, (ir.Call, ir.CallValue)):
            fns: list[ir.Func]
            if isinstance(call, ir.Call):
                fns = [call.func]
            else:
                ro = self.oracle()
                v = ro.static_value(call.callee)
                f = static_callee(v)
                if f is not None:
                    fns = [f]
                elif isinstance(v, ir.VarRef) and not v.var.is_global and not v.var.is_param:
                    fns = resolve_assigned_callees(ro.func_assignments(v.var))
                else:
                    fns = []
            # Wire result flows for in-batch callees.
            if ks is not None:
                for f in fns:
                    if self.b.in_mutual_batch(f):
                        for i, res in enumerate(self.b.result_locs(f)):
                            if i < len(ks):
                                kk = ks[i]
                                if kk.derefs >= 0 and not has_pointers(f.results[i]):
                                    continue
                                g.flow(kk, res)
            if isinstance(call, ir.CallValue):
                callee_k = g.discard_hole()
                if not fns:
                    for kk in ks or []:
                        if kk.dst is not g.blank_loc:
                            # The results flow somewhere but the callee is
                            # unknown: a closure reaching here may lose its results.
                            callee_k = g.callee_hole().note(call, "callee operand")
                            break
                self.expr(callee_k, call.callee)
            nparams = len(call.args)
            for i, arg in enumerate(call.args):
                self.argument(self.merged_tag_hole(ks, fns, i, nparams, call), arg, call)
        elif isinstance(call, ir.Append):
            assert ks is not None
            args0 = call.slice
            # The appendee may flow to the result (enough capacity), or its
            # elements may be copied into a new heap backing store.
            appendee_k = self.tee_hole([ks[0], g.mutator_hole()])
            elem = slice_elem(args0.ty)
            if elem is not None and has_pointers(elem):
                appendee_k = self.tee_hole([appendee_k, g.heap_hole().deref(call, "appendee slice")])
            self.argument(appendee_k, args0, call)
            if call.spread:
                appended_k = g.discard_hole()
                src = call.args[0]
                se = slice_elem(src.ty)
                if se is not None and has_pointers(se):
                    appended_k = g.heap_hole().deref(call, "appended slice...")
                self.argument(appended_k, src, call)
            else:
                for a in call.args:
                    self.argument(g.heap_hole().note(call, "appended value"), a, call)
            # The new backing store append may allocate; its address flows to
            # the result. A boolean prevents reuse, so it counts as outside loops.
            backing = self.spill(ks[0], call.site, call)
            backing.dst.loop_depth = 0
        elif isinstance(call, ir.CopySlice):
            self.argument(g.mutator_hole(), call.dst, call)
            copied_k = g.discard_hole()
            se = slice_elem(call.src.ty)
            if se is not None and has_pointers(se):
                copied_k = g.heap_hole().deref(call, "copied slice")
            self.argument(copied_k, call.src, call)
        else:
            raise AssertionError(f"escape: unexpected call {type(call).__name__}")

    def merged_tag_hole(self, ks: list[Hole] | None, fns: list[ir.Func], i: int, nparams: int,
                        call: ir.Expr) -> Hole:
        if not fns:
            return self.g.heap_hole().note(call, "indirect call")
        holes = []
        for f in fns:
            holes.append(self.tag_hole(ks, f, i, call))
        return self.tee_hole(holes)

    def tag_hole(self, ks: list[Hole] | None, fn: ir.Func, i: int, call: ir.Expr) -> Hole:
        g = self.g
        if self.b.in_mutual_batch(fn):
            p = fn.params[i] if i < len(fn.params) else None
            if p is None or p.name in ("", "_"):
                return g.discard_hole()
            return self.loc_of(p).as_hole()
        esc = self.b.param_tag(fn, i)
        tag_ks: list[Hole] = []
        note = (fn, i)
        if (x := esc.heap()) >= 0:
            tag_ks.append(g.heap_hole().note(note, "leaking param").shift(x))
        if (x := esc.mutator()) >= 0:
            tag_ks.append(g.mutator_hole().shift(x))
        if (x := esc.callee()) >= 0:
            tag_ks.append(g.callee_hole().shift(x))
        if ks is not None:
            for r in range(min(5, len(ks))):
                if (x := esc.result(r)) >= 0:
                    tag_ks.append(ks[r].note(note, "leaking param to result").shift(x))
        return self.tee_hole(tag_ks)


def resolve_assigned_callees(assigns: list[tuple[ir.Stmt, ir.Expr]] | None) -> list[ir.Func]:
    if not assigns:
        return []
    fns = []
    for _, rhs in assigns:
        f = static_callee(rhs)
        if f is None:
            return []
        fns.append(f)
    return fns


# ---- self-assignment (utils.go) ---------------------------------------------


def _dotptr_base(e: ir.Expr) -> ir.Expr | None:
    """X of an ODEREF / ODOTPTR expression, else None."""
    if isinstance(e, ir.Deref):
        return e.ptr
    if isinstance(e, ir.FieldRef) and isinstance(e.base, ir.Deref):
        return e.base.ptr
    return None


def is_slice_self_assign(dst: ir.Expr, src: ir.Expr) -> bool:
    dst_x = _dotptr_base(dst)
    if not isinstance(dst_x, ir.VarRef):
        return False
    if not isinstance(src, ir.SliceExpr) or is_array(src.base.ty):
        return False
    base_x = _dotptr_base(src.base)
    if not isinstance(base_x, ir.VarRef):
        return False
    return dst_x.var is base_x.var


def _op(e: ir.Expr) -> str:
    if isinstance(e, ir.FieldRef):
        return "ODOTPTR" if isinstance(e.base, ir.Deref) else "ODOT"
    return type(e).__name__


def is_self_assign(dst: ir.Expr, src: ir.Expr) -> bool:
    if is_slice_self_assign(dst, src):
        return True
    if _op(dst) != _op(src):
        return False
    if isinstance(dst, ir.FieldRef) and isinstance(src, ir.FieldRef):
        a = dst.base.ptr if isinstance(dst.base, ir.Deref) else dst.base
        b = src.base.ptr if isinstance(src.base, ir.Deref) else src.base
        return same_safe_expr(a, b)
    if isinstance(dst, ir.IndexRef) and isinstance(src, ir.IndexRef):
        if may_affect_memory(dst.index) or may_affect_memory(src.index):
            return False
        return same_safe_expr(dst.base, src.base)
    return False


def may_affect_memory(n: ir.Expr) -> bool:
    if isinstance(n, (ir.VarRef, ir.Const)):
        return False
    if isinstance(n, ir.Binary):
        if n.op in ("+", "-", "|", "^", "*", "<<", ">>", "&", "&^", "/", "%"):
            return may_affect_memory(n.x) or may_affect_memory(n.y)
        return True
    if isinstance(n, ir.IndexRef):
        return may_affect_memory(n.base) or may_affect_memory(n.index)
    if isinstance(n, ir.Convert):
        return may_affect_memory(n.x)
    if isinstance(n, (ir.Len, ir.Cap)):
        return may_affect_memory(n.x)
    if isinstance(n, ir.Unary):
        return may_affect_memory(n.x)
    if isinstance(n, ir.FieldRef):
        return may_affect_memory(n.base)
    if isinstance(n, ir.Deref):
        return may_affect_memory(n.ptr)
    return True


def same_safe_expr(l: ir.Expr, r: ir.Expr) -> bool:
    if _op(l) != _op(r):
        return False
    if isinstance(l, ir.VarRef) and isinstance(r, ir.VarRef):
        return l.var is r.var
    if isinstance(l, ir.FieldRef) and isinstance(r, ir.FieldRef):
        if l.index != r.index:
            return False
        a = l.base.ptr if isinstance(l.base, ir.Deref) else l.base
        b = r.base.ptr if isinstance(r.base, ir.Deref) else r.base
        return same_safe_expr(a, b)
    if isinstance(l, ir.Deref) and isinstance(r, ir.Deref):
        return same_safe_expr(l.ptr, r.ptr)
    if isinstance(l, ir.Unary) and isinstance(r, ir.Unary):
        return l.op == r.op and same_safe_expr(l.x, r.x)
    if isinstance(l, ir.IndexRef) and isinstance(r, ir.IndexRef):
        return same_safe_expr(l.base, r.base) and same_safe_expr(l.index, r.index)
    if isinstance(l, ir.Binary) and isinstance(r, ir.Binary):
        if l.op != r.op or l.op not in ("+", "-", "|", "^", "*", "<<", ">>", "&", "&^", "/", "%"):
            return False
        return same_safe_expr(l.x, r.x) and same_safe_expr(l.y, r.y)
    if isinstance(l, ir.Const) and isinstance(r, ir.Const):
        return l.value == r.value and type(l.value) is type(r.value)
    return False
