"""Statements, `let`, assignments and jumps (`return`, `break`, `continue`) of a function body."""

from __future__ import annotations

from .. import ir
from ..types import IntType, PtrType, UnitType
from . import ast as A
from . import reasons
from .moves import INIT, MAYBE, MOVED, UNINIT
from .rtypes import UNIT, NeverT, is_copy, needs_drop
from .lower_common import LoopFrame, PlaceInfo, Pos, Scope, _is_place_expr, _never


class StmtLower:
    # ---- statements --------------------------------------------------------------------------

    def lower_stmt(self, s: A.Stmt) -> None:
        if not self.reachable:
            return
        temps = self.push_scope("temps")
        if isinstance(s, A.Let):
            self.lower_let(s, temps)
        elif isinstance(s, A.ExprStmt):
            self.lower_expr_stmt(s.expr, s.pos)
        else:
            self.fail("unsupported: statement", s.pos)
        if self.scopes and self.scopes[-1] is temps:
            self.pop_scope(temps, s.pos)
        else:  # pragma: no cover - defensive
            self.scopes.remove(temps)

    def lower_expr_stmt(self, e: A.Expr, pos: Pos) -> None:
        """An expression whose value is not used: dropped right away."""
        if isinstance(e, (A.If, A.Match, A.While, A.Loop, A.For, A.Block)) and \
                (isinstance(e.ty, (UnitType, NeverT)) or isinstance(e, (A.While, A.For))):
            self.lower_stmt_form(e)
            return
        if isinstance(e, A.Assign):
            self.lower_assign(e)
            return
        if isinstance(e, A.CompoundAssign):
            self.lower_compound(e)
            return
        if isinstance(e, (A.Return, A.Break, A.Continue)):
            self.lower_jump(e)
            return
        if isinstance(e, A.PrintMacro):
            self.lower_print(e)
            return
        if isinstance(e, A.PanicMacro):
            self.emit(ir.ExprStmt(e.pos, self.panic(e)))
            self.unreachable()
            return
        if isinstance(e, A.Call) and getattr(e, "callee", None) == ("builtin", "drop"):
            self.lower_drop_call(e)
            return
        if _is_place_expr(e) and is_copy(e.ty):
            return
        v = self.value(e)
        t = e.ty
        if isinstance(t, NeverT):
            self.emit(ir.ExprStmt(pos, v))
            self.unreachable()
            return
        if needs_drop(v.ty):  # (the lowered value: a dropped Drain is a `()` intrinsic)
            t = v.ty
            tmp = self.hidden(e, "discard", t, "<temporary>")
            self.emit(ir.Decl(pos, tmp, v))
            self.emit(ir.Drop(pos, ir.VarRef(t, pos, tmp)))
        else:
            self.emit(ir.ExprStmt(pos, v))

    def lower_stmt_form(self, e: A.Expr) -> None:
        """Control flow used as a statement (its value, if any, is ())."""
        if isinstance(e, A.If):
            self.lower_if_stmt(e)
        elif isinstance(e, A.Match):
            self.lower_match(e, None)
        elif isinstance(e, A.While):
            self.lower_while(e)
        elif isinstance(e, A.Loop):
            if getattr(e, "ty", None) is not None and not isinstance(e.ty, (UnitType, NeverT)):
                v = self.lower_loop_expr(e)
                self.emit(ir.ExprStmt(e.pos, v))
            else:
                self.lower_loop_stmt(e)
        elif isinstance(e, A.For):
            self.lower_for(e)
        elif isinstance(e, A.Block):
            self.lower_block_stmt(e)

    def lower_block_stmt(self, b: A.Block) -> None:
        sc = self.push_scope("block")
        saved = self.cur
        self.cur = []
        for s in b.stmts:
            self.lower_stmt(s)
        if b.tail is not None and self.reachable:
            temps = self.push_scope("temps")
            self.lower_expr_stmt(b.tail, b.tail.pos)
            if self.scopes[-1] is temps:
                self.pop_scope(temps, b.tail.pos)
        scope_vars = [e.var for e in sc.entries if not getattr(e.var, "hidden", False)]
        self.pop_scope(sc, b.end_pos)
        blk_stmts = self.cur
        self.cur = saved
        self.emit(ir.Block(b.pos, blk_stmts, scope_vars, None, b.end_pos))

    def lower_let(self, s: A.Let, temps: Scope) -> None:
        pat = s.pattern
        block_scope = self.scopes[-2]
        if s.init is None:
            for b in self._pattern_bindings(pat):
                v = self.var_for(b, b.pos)
                self.declare(v, b.pos, False, block_scope)
            return
        init = s.init
        if isinstance(pat, A.PIdent):
            b = pat.binding  # type: ignore[attr-defined]
            if isinstance(init, A.VecMacro):
                n = len(init.elems) if init.repeat is None else None
                if init.repeat is not None and isinstance(init.repeat[1], A.Lit):
                    n = init.repeat[1].value
                if n is not None:
                    self.cl.var_counts[b] = n
            elif isinstance(init, A.Call) and getattr(init, "callee", None) in (
                    ("builtin", "Vec::new"), ("builtin", "String::new")):
                self.cl.var_counts[b] = 0
            if isinstance(init, A.Ref) and not _is_place_expr(init.x) and not isinstance(init.x, A.Lit) \
                    and not getattr(init.x, "slice", False):
                # `let r = &temp();`: the temporary lives as long as the binding
                value = self.borrow_extended(init, block_scope)
            else:
                if isinstance(init, A.Closure):
                    init.let_bound = True  # type: ignore[attr-defined]  # (move_into_closure)
                value = self.value(init)
                value = self.coerced(init, value)
            if not self.reachable:  # `let x = { loop {} };` still runs its initialiser
                self.run_diverged(value, init.pos)
                return
            v = self.var_for(b, b.pos)
            self.emit(ir.Decl(b.pos, v, value))
            self.declare(v, b.pos, True, block_scope)
            if getattr(init, "moved_in", None):
                # the closure owns its captures: they drop when it does
                block_scope.entries[-1].kind = "move_closure"
                block_scope.entries[-1].extra = init.moved_in  # type: ignore[attr-defined]
            return
        if isinstance(pat, A.PWild):
            # `let _ = expr;`: a place is not even read; a value is dropped at once
            if _is_place_expr(init):
                self.place(init)
                return
            self.lower_expr_stmt(init, s.pos)
            return
        # tuple patterns (and `&x`): put the value somewhere, then bind from it
        src = self.scrutinee(init, s.pos, temps, [pat])
        if not self.reachable:
            return
        self.bind_pattern(pat, src, block_scope)

    def borrow_extended(self, e: A.Ref, scope: Scope) -> ir.Expr:
        x = e.x
        t = x.ty
        tmp = self.hidden(e, "extended", t, "<temporary>")
        val = self.value(x)
        self.emit(ir.Decl(e.pos, tmp, val))
        self.declare(tmp, e.pos, True, scope)
        return ir.AddrOf(e.ty, e.pos, ir.VarRef(t, e.pos, tmp))

    # ---- assignment -----------------------------------------------------------------------

    def lower_assign(self, e: A.Assign) -> None:
        if getattr(e, "discard", False):
            self.lower_expr_stmt(e.value, e.pos)
            return
        target = e.target
        t = target.ty
        value = self.coerced(e.value, self.value(e.value))
        if not self.reachable:
            self.run_diverged(value, e.value.pos)
            return
        pl = self.place(target)
        if pl.path is not None and pl.path[1] == () and not pl.mutable and pl.why_not == "immutable":
            var = pl.path[0]
            if self.state.get(var) != UNINIT:
                self.fail(f"cannot assign twice to immutable variable `{pl.desc}`", e.pos)
        elif not pl.mutable:
            if pl.path is not None and pl.why_not == "immutable":
                var, proj = pl.path
                self.fail(f"cannot assign to `{pl.desc}`, as `{var.name}` is not declared as mutable", e.pos)
            self.require_mutable(pl, e.pos, "assign")
        if pl.path is not None:
            # assigning into a field of a moved-out local is not allowed
            var, proj = pl.path
            if proj:
                parent_state = self.state.get(var, ())
                if parent_state in (UNINIT, MOVED, MAYBE):
                    self.fail(f"assign to part of moved value: `{var.name}`", e.pos)
        if needs_drop(t) and pl.path is None and not _pure_place(pl.ir):
            # a place behind a computed pointer (`*cell.borrow_mut() = v`): evaluate it once,
            # for both the drop of the old value and the store
            pt = PtrType(t, "mut")
            ptr = self.hidden(e, "target", pt, "<place>")
            self.emit(ir.Decl(e.pos, ptr, ir.AddrOf(pt, e.pos, pl.ir)))
            pl = PlaceInfo(ir.Deref(t, e.pos, ir.VarRef(pt, e.pos, ptr)), None, True, desc=pl.desc)
        if needs_drop(t):
            old = self.state.get(pl.path[0], pl.path[1]) if pl.path is not None else INIT
            if old in (UNINIT, MOVED):
                self.emit(ir.Assign(e.pos, [pl.ir], [value]))
            else:
                tmp = self.hidden(e, "new value", t, "<new value>")
                self.emit(ir.Decl(e.pos, tmp, value))
                drops: list[ir.Stmt] = []
                if pl.path is not None:
                    self.drop_path(pl.path, pl.ir, t, old, e.pos, drops)
                else:
                    drops.append(ir.Drop(e.pos, pl.ir))
                self.cur.extend(drops)
                self.emit(ir.Assign(e.pos, [pl.ir], [ir.VarRef(t, e.pos, tmp)]))
        else:
            self.emit(ir.Assign(e.pos, [pl.ir], [value]))
        if pl.path is not None:
            self.mark_init(pl.path, e.pos)

    def lower_compound(self, e: A.CompoundAssign) -> None:
        if getattr(e, "string_push", False):
            pl = self.place(e.target)
            self.require_mutable(pl, e.pos, "borrow")
            self.check_usable(pl.path, e.pos, "borrow", pl.desc)
            v = self.coerced(e.value, self.value(e.value))
            site = self.cl.site(e, "push_str", reasons.expr_reason("push_str"))
            self.emit(ir.ExprStmt(e.pos, ir.Intrinsic(UNIT, e.pos, "string_push_str", [pl.ir, v], site=site)))
            return
        v = self.derefd(self.value(e.value), getattr(e, "vderefs", 0), e.pos)
        pl = self.place(e.target)
        self.check_usable(pl.path, e.pos, "use", pl.desc)
        if not pl.mutable:
            if pl.why_not == "immutable" and pl.path is not None and not pl.path[1]:
                self.fail(f"cannot assign twice to immutable variable `{pl.desc}`", e.pos)
            self.require_mutable(pl, e.pos, "assign")
        t = e.target.ty
        self.emit(ir.OpAssign(e.pos, pl.ir, e.op, v, checked=isinstance(t, IntType)))

    def v_Assign(self, e: A.Assign) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_assign(e), e.pos)

    def v_CompoundAssign(self, e: A.CompoundAssign) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_compound(e), e.pos)

    # ---- control flow -----------------------------------------------------------------------

    def lower_jump(self, e: A.Expr) -> None:
        if isinstance(e, A.Return):
            self.lower_return(e)
        elif isinstance(e, A.Break):
            self.lower_break(e)
        elif isinstance(e, A.Continue):
            self.lower_continue(e)

    def v_Return(self, e: A.Return) -> ir.Expr:
        stmts, _ = self.capture_stmts(lambda: self.lower_return(e))
        return self.seq(stmts, _never(e.pos), e.pos)

    def v_Break(self, e: A.Break) -> ir.Expr:
        stmts, _ = self.capture_stmts(lambda: self.lower_break(e))
        return self.seq(stmts, _never(e.pos), e.pos)

    def v_Continue(self, e: A.Continue) -> ir.Expr:
        stmts, _ = self.capture_stmts(lambda: self.lower_continue(e))
        return self.seq(stmts, _never(e.pos), e.pos)

    def lower_return(self, e: A.Return) -> None:
        value = None
        if e.value is not None:
            value = self.coerced(e.value, self.value(e.value))
            if not self.reachable:
                self.run_diverged(value, e.value.pos)
                return
        drops = self.exit_drops(0, e.pos)
        if value is not None and not isinstance(self.ret, UnitType):
            if drops:
                rv = self.hidden(e, "ret", self.ret, "<return value>")
                self.emit(ir.Decl(e.pos, rv, value))
                self.cur.extend(drops)
                self.emit(ir.Return(e.pos, [ir.VarRef(self.ret, e.pos, rv)]))
            else:
                self.emit(ir.Return(e.pos, [value]))
        else:
            if value is not None:
                self.emit(ir.ExprStmt(e.pos, value))
            self.cur.extend(drops)
            self.emit(ir.Return(e.pos, []))
        self.unreachable()

    def find_loop(self, label: str | None, pos: Pos) -> LoopFrame:
        for lf in reversed(self.loops):
            if label is None or lf.label == label:
                return lf
        self.fail("`break` outside of a loop", pos)

    def lower_break(self, e: A.Break) -> None:
        lf = self.find_loop(e.label, e.pos)
        value = None
        if e.value is not None:
            value = self.coerced(e.value, self.value(e.value))
            if not self.reachable:
                self.run_diverged(value, e.value.pos)
                return
        drops = self.exit_drops(lf.depth, e.pos)
        label = lf.label
        if value is not None and lf.value_var is not None and not isinstance(value.ty, UnitType):
            if drops:
                self.emit(ir.Decl(e.pos, lf.value_var, value))
                self.cur.extend(drops)
                value = ir.VarRef(value.ty, e.pos, lf.value_var)
            self.emit(ir.Break(e.pos, label, value))
        else:
            if value is not None:
                self.emit(ir.ExprStmt(e.pos, value))
            self.cur.extend(drops)
            self.emit(ir.Break(e.pos, label, None))
        st = self.state.copy()
        for sc in self.scopes[lf.depth:]:
            for en in sc.entries:
                st.forget(en.var)
        lf.breaks.append(st)
        self.unreachable()

    def lower_continue(self, e: A.Continue) -> None:
        lf = self.find_loop(e.label, e.pos)
        drops = self.exit_drops(lf.depth, e.pos)
        self.cur.extend(drops)
        self.emit(ir.Continue(e.pos, lf.label))
        st = self.state.copy()
        for sc in self.scopes[lf.depth:]:
            for en in sc.entries:
                st.forget(en.var)
        lf.continues.append(st)
        self.unreachable()


def _pure_place(e: ir.Expr) -> bool:
    """A place whose evaluation has no effects (a local, its fields, through loaded pointers)."""
    if isinstance(e, ir.VarRef):
        return True
    if isinstance(e, (ir.FieldRef, ir.Deref)):
        return _pure_place(e.base if isinstance(e, ir.FieldRef) else e.ptr)
    if isinstance(e, ir.IndexRef):
        return _pure_place(e.base) and isinstance(e.index, (ir.Const, ir.VarRef))
    return False
