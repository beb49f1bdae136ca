"""Control flow: branches and their move-state joins, `if`, `if let`, `match` and loops."""

from __future__ import annotations

from typing import Any, Callable
from .. import ir
from ..types import ArrayType, PtrType, SliceType, Type, UnitType
from . import ast as A
from .moves import INIT, MoveState, merge_states
from .rtypes import BOOL, UNIT, USIZE, NeverT, RangeT, needs_drop
from .lower_common import Entry, LoopFrame, PlaceInfo, _as_block, _is_place_expr, _never


class ControlLower:
    def branch(self, fn: Callable[[], Any]) -> tuple[Any, MoveState | None, list[ir.Stmt]]:
        """Lower one arm of a branch from the current state; returns its
        result, its end state (None if it never ends) and its statements."""
        saved_state = self.state
        saved_reach = self.reachable
        self.state = saved_state.copy()
        self.reachable = True
        stmts, r = self.capture_stmts(fn)
        end = self.state if self.reachable else None
        self.state = saved_state
        self.reachable = saved_reach
        return r, end, stmts

    def join(self, ends: list[MoveState | None]) -> None:
        out: MoveState | None = None
        for s in ends:
            out = merge_states(out, s)
        if out is None:
            self.unreachable()
            return
        # keep variables that are in scope here (branch-local ones were forgotten)
        self.state = out

    def cond_value(self, e: A.Expr) -> ir.Expr:
        """An `if`/`while` condition: its temporaries are dropped before the branch."""
        temps = self.push_scope("temps")
        c = self.value(e)
        if temps.entries and self.reachable:
            drops = self.scope_drops(temps, e.pos)
            if drops:
                cv = self.hidden(e, "cond", BOOL, "<condition>")
                self.emit(ir.Decl(e.pos, cv, c))
                self.cur.extend(drops)
                c = ir.VarRef(BOOL, e.pos, cv)
        self.scopes.pop()
        for en in temps.entries:
            self.state.forget(en.var)
        return c

    def lower_if_stmt(self, e: A.If) -> None:
        if isinstance(e.cond, A.LetCond):
            self.lower_if_let(e, None)
            return
        c = self.cond_value(e.cond)
        if not self.reachable:
            self.run_diverged(c, e.cond.pos)
            return
        _, s1, then = self.branch(lambda: self.lower_block_stmt(e.then))
        if e.else_ is not None:
            _, s2, els = self.branch(lambda: self.lower_else_stmt(e.else_))
        else:
            s2, els = self.state.copy(), []
        self.emit(ir.If(e.pos, c, _as_block(then, e.then.pos), _as_block(els, e.pos) if e.else_ is not None else None))
        self.join([s1, s2])

    def lower_else_stmt(self, x: A.Expr) -> None:
        if isinstance(x, A.Block):
            self.lower_block_stmt(x)
        elif isinstance(x, A.If):
            self.lower_if_stmt(x)
        else:
            self.lower_expr_stmt(x, x.pos)

    def v_If(self, e: A.If) -> ir.Expr:
        if isinstance(e.cond, A.LetCond):
            return self.lower_if_let(e, e.ty)
        t = e.ty
        if isinstance(t, UnitType) or e.else_ is None:
            return self.unit_expr(lambda: self.lower_if_stmt(e), e.pos)
        c = self.cond_value(e.cond)
        v1, s1, st1 = self.branch(lambda: self.block_value(e.then))
        v2, s2, st2 = self.branch(lambda: self.else_value(e.else_))
        self.join([s1, s2])
        then_b = ir.Block(e.then.pos, st1, [], v1)
        else_b = ir.Block(e.else_.pos, st2, [], v2)
        return ir.IfExpr(t, e.pos, c, then_b, else_b)

    def else_value(self, x: A.Expr) -> ir.Expr:
        if isinstance(x, A.Block):
            return self.block_value(x)
        return self.value(x)

    def lower_if_let(self, e: A.If, t: Type | None) -> ir.Expr | None:
        """`if let PAT = EXPR { .. } else { .. }`: the scrutinee lives to the end."""
        lc = e.cond
        assert isinstance(lc, A.LetCond)
        as_value = t is not None and not isinstance(t, UnitType)
        outer = self.push_scope("temps")
        saved = self.cur
        self.cur = []
        src = self.scrutinee(lc.value, lc.pos, outer, [lc.pattern])
        test = self.pattern_test(lc.pattern, src)
        cond = test if test is not None else ir.Const(BOOL, lc.pos, True)

        def then() -> Any:
            sc = self.push_scope("block")
            self.bind_pattern(lc.pattern, src, sc)
            if as_value:
                v = self.block_value(e.then)
                if self.reachable:
                    drops = self.scope_drops(sc, e.then.end_pos)
                    if drops:
                        tv = self.hidden(e, "arm", v.ty, "<if let value>")
                        self.emit(ir.Decl(e.pos, tv, v))
                        self.cur.extend(drops)
                        v = ir.VarRef(v.ty, e.pos, tv)
                self.scopes.pop()
                for en in sc.entries:
                    self.state.forget(en.var)
                return v
            self.lower_block_stmt(e.then)
            self.pop_scope(sc, e.then.end_pos)
            return None

        def other() -> Any:
            if e.else_ is None:
                return ir.CompositeLit(UNIT, e.pos, []) if as_value else None
            if as_value:
                return self.else_value(e.else_)
            self.lower_else_stmt(e.else_)
            return None
        v1, s1, st1 = self.branch(then)
        v2, s2, st2 = self.branch(other)
        self.join([s1, s2])
        if as_value:
            node: Any = ir.IfExpr(t, e.pos, cond, ir.Block(e.pos, st1, [], v1), ir.Block(e.pos, st2, [], v2))
            tv = self.hidden(e, "value", t, "<if let value>")
            if self.reachable:
                self.emit(ir.Decl(e.pos, tv, node))
        else:
            self.emit(ir.If(e.pos, cond, ir.Block(e.pos, st1), ir.Block(e.pos, st2) if st2 else None))
        if self.reachable:
            self.pop_scope(outer, e.pos)
        else:
            self.scopes.pop()
        stmts = self.cur
        self.cur = saved
        if as_value:
            return self.seq(stmts, ir.VarRef(t, e.pos, tv), e.pos)
        self.cur.extend(stmts)
        return None

    def v_Match(self, e: A.Match) -> ir.Expr:
        t = e.ty
        if isinstance(t, (UnitType,)):
            return self.unit_expr(lambda: self.lower_match(e, None), e.pos)
        stmts, v = self.capture_stmts(lambda: self.lower_match(e, t))
        return self.seq(stmts, v, e.pos)

    def lower_match(self, e: A.Match, t: Type | None) -> ir.Expr | None:
        """A chain of tests; arm bindings are dropped at the end of their arm,
        the scrutinee temporary at the end of the match."""
        as_value = t is not None and not isinstance(t, (UnitType, NeverT))
        outer = self.push_scope("temps")
        src = self.scrutinee(e.scrutinee, e.pos, outer, [a.pattern for a in e.arms])
        result = self.hidden(e, "value", t, "<match value>") if as_value else None
        ends: list[MoveState | None] = []
        chain: list[tuple[ir.Expr | None, list[ir.Stmt]]] = []
        for arm in e.arms:
            test = self.pattern_test(arm.pattern, src)

            def body(arm: A.Arm = arm) -> Any:
                sc = self.push_scope("block")
                self.bind_pattern(arm.pattern, src, sc)
                # an arm's body is a temporary scope: its temporaries drop before its bindings
                temps = self.push_scope("temps")
                if as_value:
                    v = self.value(arm.body) if not isinstance(arm.body, A.Block) else self.block_value(arm.body)
                    if self.reachable:
                        v = self.coerced(arm.body, v)
                        self.emit(ir.Decl(arm.pos, result, v))
                    else:  # `Err(e) => return Err(e)`: the arm's jump still runs
                        self.emit(ir.ExprStmt(arm.pos, v))
                else:
                    self.lower_expr_stmt(arm.body, arm.body.pos)
                if self.reachable and self.scopes and self.scopes[-1] is temps:
                    self.pop_scope(temps, arm.body.pos)
                elif temps in self.scopes:
                    self.scopes.remove(temps)
                if self.reachable:
                    self.pop_scope(sc, arm.body.pos)
                else:
                    self.scopes.pop()
                return None
            if arm is e.arms[-1] and arm.guard is None:
                test = None  # the match is exhaustive: the last arm needs no test
            if arm.guard is not None:
                # the guard sees the bindings; bind them (as copies/borrows) inside the test
                g, _, gstmts = self.branch(lambda arm=arm: self.guard_value(arm, src))
                test2 = self.seq(gstmts, g, arm.guard.pos)
                test = test2 if test is None else ir.Binary(BOOL, arm.pos, "&&", test, test2)
            _, end, stmts = self.branch(body)
            ends.append(end)
            chain.append((test, stmts))
            if test is None:
                break
        # build the if-else chain from the bottom
        tail: ir.Block | None = None
        for test, stmts in reversed(chain):
            blk = ir.Block(e.pos, stmts)
            if test is None:
                tail = blk
                continue
            tail = ir.Block(e.pos, [ir.If(e.pos, test, blk, tail)])
        if tail is not None:
            self.cur.extend(tail.stmts)
        last_test = chain[-1][0] if chain else None
        if last_test is not None:
            # exhaustive by type: the last arm's test cannot fail at run time
            pass
        self.join(ends)
        if self.reachable:
            self.pop_scope(outer, e.pos)
        else:
            self.scopes.pop()
        if as_value:
            return ir.VarRef(t, e.pos, result)
        return None

    def guard_value(self, arm: A.Arm, src: PlaceInfo) -> ir.Expr:
        sc = self.push_scope("block")
        # a guard only borrows: bind by reference semantics without moving
        saved = self.state.copy()
        self.bind_pattern(arm.pattern, src, sc)
        g = self.value(arm.guard)
        self.state = saved
        self.scopes.pop()
        return g

    # loops

    def loop_body(self, lf: LoopFrame, fn: Callable[[], Any]) -> tuple[Any, list[ir.Stmt], MoveState]:
        """Lower a loop body to a fixed point of the move states at its head;
        returns (result, statements, entry state)."""
        entry = self.state.copy()
        for attempt in range(6):
            self.state = entry.copy()
            self.reachable = True
            lf.breaks = []
            lf.continues = []
            self.loops.append(lf)
            try:
                stmts, r = self.capture_stmts(fn)
            finally:
                self.loops.pop()
            back = self.state if self.reachable else None
            for c in lf.continues:
                back = merge_states(back, c)
            new_entry = merge_states(entry, back) if back is not None else entry
            if new_entry == entry:
                break
            entry = new_entry
        self.state = entry
        self.reachable = True
        return r, stmts, entry

    def lower_while(self, e: A.While) -> None:
        lf = LoopFrame(e.label, e, len(self.scopes))
        if isinstance(e.cond, A.LetCond):
            lc = e.cond

            def body() -> None:
                sc = self.push_scope("temps")
                src = self.scrutinee(lc.value, lc.pos, sc, [lc.pattern])
                test = self.pattern_test(lc.pattern, src)
                if test is not None:
                    # no match: leave the loop (dropping the scrutinee temporary)
                    _, end, stmts = self.branch(lambda: self.lower_break(A.Break(e.pos, e.label, None)))
                    self.emit(ir.If(lc.pos, ir.Unary(BOOL, lc.pos, "!", test), ir.Block(lc.pos, stmts), None))
                inner = self.push_scope("block")
                self.bind_pattern(lc.pattern, src, inner)
                self.lower_block_stmt(e.body)
                if self.reachable:
                    self.pop_scope(inner, e.body.end_pos)
                    self.pop_scope(sc, e.body.end_pos)
                else:
                    self.scopes.pop()
                    self.scopes.pop()
            _, stmts, entry = self.loop_body(lf, body)
            self.emit(ir.Loop(e.pos, None, ir.Block(e.pos, stmts), label=e.label, cond_pos=lc.pos))
            exit_state = None
            for b in lf.breaks:
                exit_state = merge_states(exit_state, b)
            if exit_state is None:
                self.unreachable()
            else:
                self.state = exit_state
            return

        def body2() -> ir.Expr:
            c = self.cond_value(e.cond)
            self.lower_block_stmt(e.body)
            return c
        # the condition is evaluated at the head of every iteration
        c0, stmts, entry = self.loop_body(lf, body2)
        # split: statements emitted by cond_value come first
        cond = c0
        body_stmts = stmts
        if body_stmts and isinstance(body_stmts[-1], ir.Block):
            blk = body_stmts[-1]
            pre = body_stmts[:-1]
            if pre:
                # the condition needed statements (temporaries): loop forever, test inside
                test = ir.If(e.pos, ir.Unary(BOOL, e.pos, "!", cond), ir.Block(e.pos, [ir.Break(e.pos, e.label)]), None)
                self.emit(ir.Loop(e.pos, None, ir.Block(e.pos, pre + [test, blk]), label=e.label, cond_pos=e.cond.pos))
            else:
                self.emit(ir.Loop(e.pos, cond, blk, label=e.label, cond_pos=e.cond.pos))
        else:
            self.emit(ir.Loop(e.pos, cond, ir.Block(e.pos, body_stmts), label=e.label, cond_pos=e.cond.pos))
        exit_state = entry.copy()
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        self.state = exit_state

    def lower_loop_stmt(self, e: A.Loop) -> None:
        lf = LoopFrame(e.label, e, len(self.scopes))
        _, stmts, entry = self.loop_body(lf, lambda: self.lower_block_stmt(e.body))
        self.emit(ir.Loop(e.pos, None, ir.Block(e.pos, stmts), label=e.label))
        exit_state = None
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        if exit_state is None:
            self.unreachable()
        else:
            self.state = exit_state

    def v_Loop(self, e: A.Loop) -> ir.Expr:
        if isinstance(e.ty, (UnitType, NeverT)):
            stmts, _ = self.capture_stmts(lambda: self.lower_loop_stmt(e))
            v: ir.Expr = ir.CompositeLit(UNIT, e.pos, []) if isinstance(e.ty, UnitType) else _never(e.pos)
            return self.seq(stmts, v, e.pos)
        return self.lower_loop_expr(e)

    def lower_loop_expr(self, e: A.Loop) -> ir.Expr:
        lf = LoopFrame(e.label, e, len(self.scopes))
        lf.value_var = self.hidden(e, "break value", e.ty, "<break value>")
        _, stmts, entry = self.loop_body(lf, lambda: self.lower_block_stmt(e.body))
        exit_state = None
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        if exit_state is None:
            self.unreachable()
        else:
            self.state = exit_state
        return ir.LoopExpr(e.ty, e.pos, ir.Block(e.pos, stmts), label=e.label)

    def v_While(self, e: A.While) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_while(e), e.pos)

    def v_For(self, e: A.For) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_for(e), e.pos)

    def lower_for(self, e: A.For) -> None:
        """`for PAT in SOURCE { body }`: the source's `next()` is one
        intrinsic per iteration (it reads the iterator state, writes the item
        and advances), then the body binds the item."""
        source = e.source  # type: ignore[attr-defined]
        it = e.iter
        pos = e.pos
        outer = self.push_scope("temps")
        saved = self.cur
        self.cur = []
        pat = e.pattern
        direct = isinstance(pat, A.PIdent) and getattr(pat, "mode", "move") == "move"
        if source == "map" or (source == "iter" and getattr(it, "iter_src", None) == "map_iter"):
            state, next_name, item_ty = self.map_for_state(e)
        elif source == "range":
            r = it
            assert isinstance(r, A.Range)
            rt = r.ty
            assert isinstance(rt, RangeT)
            et = rt.elem
            i = self.hidden(e, "next", et, "<range next>")
            end = self.hidden(e, "end", et, "<range end>")
            self.emit(ir.Decl(pos, i, self.value(r.lo)))
            self.emit(ir.Decl(pos, end, self.value(r.hi)))
            state = [ir.VarRef(et, pos, i), ir.VarRef(et, pos, end)]
            if rt.inclusive:
                done = self.hidden(e, "done", BOOL, "<range exhausted>")
                self.emit(ir.Decl(pos, done, ir.Const(BOOL, pos, False)))
                state.append(ir.VarRef(BOOL, pos, done))
            next_name = "for_range_next"
            item_ty: Type = et
        elif source == "chain":
            # the pipeline in a hidden variable, dropped with the loop (lower_iter.py)
            pipe = self.open_pipe(it)
            held = self.hidden(e, "iter", pipe.ty, "<iterator>")
            self.emit(ir.Decl(pos, held, pipe))
            self.declare(held, pos, True, outer)
            state = [ir.VarRef(pipe.ty, pos, held)]
            next_name = "iter_next"
            item_ty = pipe.ty.item  # type: ignore[attr-defined]
        else:
            if source == "iter":
                key = it.iter_src  # type: ignore[attr-defined]
                rty = it.recv_ty  # type: ignore[attr-defined]
                if key == "vec_into_iter" or (key == "slice_into_iter" and isinstance(rty, ArrayType)):
                    kind = "into_iter"
                    coll = self.receiver(it)  # type: ignore[arg-type]
                else:
                    kind = "borrow"
                    coll = self.recv_place(it).ir  # type: ignore[arg-type]
                coll_t = rty
                mut = key.endswith("_mut")
            elif source == "borrow":
                kind = "borrow"
                pt = it.ty
                assert isinstance(pt, PtrType)
                if isinstance(it, A.Ref) and _is_place_expr(it.x):
                    pl = self.place(it.x)
                    self.check_usable(pl.path, it.pos, "borrow", pl.desc)
                    if it.mutable:
                        self.require_mutable(pl, it.pos, "borrow")
                    coll = pl.ir
                else:
                    coll = ir.Deref(pt.elem, it.pos, self.value(it))
                coll_t = pt.elem
                mut = pt.flavor == "mut"
            elif source == "slice":
                kind = "borrow"
                coll = self.value(it)
                coll_t = it.ty
                mut = False
            elif source in ("vec", "array"):
                kind = "into_iter"
                coll = self.value(it)
                coll_t = it.ty
                mut = False
            else:
                self.fail("unsupported: for loop source", pos)
            elem_t = coll_t.elem  # type: ignore[union-attr]
            idx = self.hidden(e, "index", USIZE, "<index>")
            if kind == "borrow":
                # slice::Iter: the (pointer, length) pair taken once
                sl_t = SliceType(elem_t, "ref")
                sv = self.hidden(e, "slice", sl_t, "<slice iter>")
                if isinstance(coll_t, ArrayType):
                    coll = ir.Intrinsic(sl_t, pos, "array_as_slice", [coll])
                elif isinstance(coll_t, SliceType) and coll_t.flavor == "vec":
                    coll = ir.Intrinsic(sl_t, pos, "vec_as_slice", [coll])
                self.emit(ir.Decl(pos, sv, coll))
                self.emit(ir.Decl(pos, idx, ir.Const(USIZE, pos, 0)))
                state = [ir.VarRef(sl_t, pos, sv), ir.VarRef(USIZE, pos, idx)]
                next_name = "for_slice_next"
                item_ty = PtrType(elem_t, "mut" if mut else "ref")
            else:
                held = self.hidden(e, "into_iter", coll_t, "<into_iter>")
                self.emit(ir.Decl(pos, held, coll))
                self.emit(ir.Decl(pos, idx, ir.Const(USIZE, pos, 0)))
                state = [ir.VarRef(coll_t, pos, held), ir.VarRef(USIZE, pos, idx)]
                next_name = "for_into_iter_next"
                item_ty = elem_t
                if not isinstance(coll_t, ArrayType) or needs_drop(coll_t):
                    self.declare(held, pos, True, outer, "into_iter", idx)
        lf = LoopFrame(e.label, e, len(self.scopes))
        if direct:
            item_var = self.var_for(pat.binding, pat.pos)  # type: ignore[attr-defined]
        else:
            item_var = self.hidden(e, "item", item_ty, "<item>")
        cond = ir.Intrinsic(BOOL, it.pos, next_name, state + [ir.VarRef(item_var.ty, pos, item_var)])

        def body() -> None:
            sc = self.push_scope("block")
            if direct:
                self.declare(item_var, pat.pos, True, sc)
            else:
                self.state.vars[item_var] = INIT
                sc.entries.append(Entry(item_var))
                src = PlaceInfo(ir.VarRef(item_ty, pos, item_var), (item_var, ()), True, desc="item")
                self.bind_pattern(pat, src, sc)
            self.lower_block_stmt(e.body)
            if self.reachable:
                self.pop_scope(sc, e.body.end_pos)
            else:
                self.scopes.pop()
        _, stmts, entry = self.loop_body(lf, body)
        self.emit(ir.Loop(pos, cond, ir.Block(pos, stmts), label=e.label, cond_pos=it.pos))
        exit_state = entry.copy()
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        self.state = exit_state
        self.reachable = True
        self.pop_scope(outer, e.body.end_pos)
        stmts2 = self.cur
        self.cur = saved
        self.emit(ir.Block(pos, stmts2, [], None))
