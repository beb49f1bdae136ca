"""Statement dispatch, step accounting and blocks (with heap-variable packing)."""

from __future__ import annotations

from typing import Any

from ...lang import ir
from ..intrinsics import STMT_HOOKS
from ..machine import Frame, RunError
from .base import (
    Exec, RETURN, Pack, Propagate, STRAIGHT, TERMINAL, catching_stmt, may_propagate,
    packable, splits_block,
)


class BlockMixin:
    # ---- statements ------------------------------------------------------------

    def stmt_inner(self, s: ir.Stmt) -> Exec:
        """A statement's closure without its step accounting."""
        meth = getattr(self, "s_" + s.__class__.__name__, None)
        if meth is not None:
            return meth(s)
        name = s.__class__.__name__.lower()
        hook = STMT_HOOKS.get(name)
        if hook is None:
            raise ir.UnsupportedError(
                f"unsupported: statement {s.__class__.__name__}", s.pos, self.p.file
            )
        return hook(self, s)

    def stmt(self, s: ir.Stmt) -> Exec:
        inner = self.stmt_inner(s)
        if isinstance(s, (ir.Block, ir.If, ir.Loop)):
            return inner  # they count their own condition steps
        if not self.go and may_propagate(s):
            inner = catching_stmt(inner)
        return self.stepped(inner, s.pos)

    def stmt_list(self, stmts: list[ir.Stmt]) -> list[Exec]:
        """Compile a statement list. Without a recorder, runs of straight-line
        statements share one step-accounting wrapper (same counts, one
        Python call less per statement); the GC's safe point moves to the
        start of the run, which changes when a cycle starts, not what it frees."""
        if self.go:
            self._plan_packing(stmts)
        if self.m.rec is not None:
            return [self.stmt(s) for s in stmts]
        out: list[Exec] = []
        group: list[Exec] = []
        first: list[ir.Pos] = []

        def flush() -> None:
            if group:
                out.append(self.stepped_group(list(group), first[0]))
                group.clear()
                first.clear()

        for st in stmts:
            if (isinstance(st, STRAIGHT) and (self.go or not may_propagate(st))) \
                    or isinstance(st, TERMINAL):
                group.append(self.stmt_inner(st))
                first.append(st.pos)
                if isinstance(st, TERMINAL):
                    flush()
            else:
                flush()
                out.append(self.stmt(st))
        flush()
        return out

    def _plan_packing(self, stmts: list[ir.Stmt]) -> None:
        """Go 1.27 (ssagen newHeapaddr): small pointer-free variables moved
        to the heap in one SSA basic block share a single allocation of at
        most 16 bytes (maxAggregatedHeapAllocation), laid out by decreasing
        alignment. A branch (bounds check, &&, a division check, append's
        growth test, any control statement) ends the block."""
        pending: list[ir.Var] = []
        used = 0

        def flush() -> None:
            nonlocal used
            if len(pending) > 1:
                order = sorted(pending, key=lambda v: -v.ty.align)
                off = 0
                plan = Pack(off=0, size=0)
                for v in order:
                    plan.offsets[id(v)] = off
                    off += v.ty.size
                plan.size = (off + order[0].ty.align - 1) // order[0].ty.align * order[0].ty.align
                for v in pending:
                    self._packs[id(v)] = (plan, v is pending[0])
            pending.clear()
            used = 0

        for st in stmts:
            if isinstance(st, ir.Decl) and packable(st.var):
                if used + st.var.ty.size > 16:
                    flush()
                pending.append(st.var)
                used += st.var.ty.size
                if st.init is not None and splits_block(st.init):
                    flush()
            elif isinstance(st, STRAIGHT) and not splits_block(st):
                continue
            else:
                flush()
        flush()

    def stepped_group(self, inners: list[Exec], pos: ir.Pos) -> Exec:
        if len(inners) == 1:
            return self.stepped(inners[0], pos)
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        go = self.go
        k = len(inners)
        body = inners[:-1]
        last = inners[-1]

        def group(fr: Frame) -> Any:
            t.steps += k
            if t.steps > limit:
                raise RunError(f"step limit exceeded: {limit:,} steps (an infinite loop?)", pos)
            if go:
                if m.gc_pending:
                    fr.pins.clear()
                    m.safe_point()
                elif fr.pins:
                    fr.pins.clear()
            for s in body:
                s(fr)
            return last(fr)
        return group

    def stepped(self, inner: Exec, pos: ir.Pos) -> Exec:
        """Count a step at `pos` before running `inner`; the GC runs here, at
        a safe point."""
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        rec = m.rec
        go = self.go
        line, col = pos

        def over() -> RunError:
            return RunError(
                f"step limit exceeded: {limit:,} steps (an infinite loop?)", pos
            )

        if rec is None:
            if go:
                def step_go(fr: Frame) -> Any:
                    t.steps += 1
                    if t.steps > limit:
                        raise over()
                    if m.gc_pending:
                        fr.pins.clear()
                        m.safe_point()
                    elif fr.pins:
                        fr.pins.clear()
                    return inner(fr)
                return step_go

            def step(fr: Frame) -> Any:
                t.steps += 1
                if t.steps > limit:
                    raise over()
                return inner(fr)
            return step

        record = rec.step  # attached before the compile (trace.Recorder.attach)
        if go:
            def step_rec_go(fr: Frame) -> Any:
                t.steps += 1
                if t.steps > limit:
                    raise over()
                fr.pins.clear()
                if m.gc_pending:  # (before recording: see Recorder.attach)
                    record(line, col, fr)
                    m.safe_point()
                    return inner(fr)
                record(line, col, fr)
                return inner(fr)
            return step_rec_go

        def step_rec(fr: Frame) -> Any:
            t.steps += 1
            if t.steps > limit:
                raise over()
            record(line, col, fr)
            return inner(fr)
        return step_rec

    def block(self, b: ir.Block, fn_body: bool = False) -> Exec:
        stmts = self.stmt_list(b.stmts)
        tail = self.expr(b.tail) if b.tail is not None else None
        rec = self.m.rec
        scope = tuple(b.scope)  # (one tuple shared by every SCOPE_END event of the block)
        ended = rec.scope_end_site(scope) if rec is not None and scope else None
        if tail is not None:
            # a Rust body whose tail is its value
            tail_s = self.stepped(tail, b.tail.pos)

            def run_tail(fr: Frame) -> Any:
                for s in stmts:
                    r = s(fr)
                    if r is not None:
                        return r
                fr.ret = tail_s(fr)
                return RETURN if fn_body else None
            if not fn_body:
                return self._wrap_block_value(b, stmts, tail_s)
            return run_tail

        if len(stmts) == 1 and ended is None:
            return stmts[0]

        def run(fr: Frame) -> Any:
            for s in stmts:
                r = s(fr)
                if r is not None:
                    return r
            if ended is not None:
                ended(fr)
            return None
        return run

    def _wrap_block_value(self, b: ir.Block, stmts: list[Exec], tail: Exec) -> Exec:
        """A non-function block with a tail used as a statement: run it and
        drop the value (the front end wraps tails it wants in BlockExpr)."""
        def run(fr: Frame) -> Any:
            for s in stmts:
                r = s(fr)
                if r is not None:
                    return r
            tail(fr)
            return None
        return run

    def block_value(self, b: ir.Block) -> Exec:
        """A block used as an expression (Rust): its tail's value."""
        stmts = [self.stmt(s) for s in b.stmts]
        tail = self.expr(b.tail) if b.tail is not None else (lambda fr: ())

        def run(fr: Frame) -> Any:
            for s in stmts:
                r = s(fr)
                if r is not None:
                    raise Propagate(r)
            return tail(fr)
        return run

    def s_Block(self, s: ir.Block) -> Exec:
        return self.block(s)
