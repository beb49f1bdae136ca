"""Control flow: if, loops, break, continue, return."""

from __future__ import annotations

from typing import Any

from ...lang import ir
from ..machine import Frame, RunError
from ..memory import Ptr
from .base import BREAK, CONTINUE, Exec, Jump, RETURN, STRAIGHT


class ControlMixin:
    def s_If(self, s: ir.If) -> Exec:
        cond = self.stepped(self.expr(s.cond), s.pos)
        then = self.block(s.then)
        els = self.block(s.else_) if s.else_ is not None else None
        if els is None:
            def if_(fr: Frame) -> Any:
                if cond(fr):
                    return then(fr)
                return None
            return if_

        def if_else(fr: Frame) -> Any:
            if cond(fr):
                return then(fr)
            return els(fr)
        return if_else

    def s_Loop(self, s: ir.Loop) -> Exec:
        pos = s.cond_pos or s.pos
        raw_cond = self.expr(s.cond) if s.cond is not None else (lambda fr: True)
        if self.m.rec is None:
            cond = self._counted_cond(raw_cond, pos)
        else:
            cond = self.stepped(raw_cond, pos)
        body = self.block(s.body)
        post = self.stmt(s.post) if s.post is not None else None
        label = s.label
        m = self.m
        # Go 1.22: loop variables moved to the heap get a fresh object per
        # iteration, copied from the previous one before the post statement.
        fresh = [(v, self.slot(v), self.load_fn(v.ty), self.store_fn(v.ty))
                 for v in s.per_iter if v.placement == "heap" and v.per_iteration]

        def renew(fr: Frame) -> None:
            fb = fr.block
            for v, sl, load, store in fresh:
                old = fb.cells[sl.base]
                val = load(old.block, old.index)
                hb = m.go_alloc(v.ty, 1, v.name, v, v.pos)
                m.put(fb, sl.base, [Ptr(hb, 0)])
                m.access_w(fb.addr + sl.offset, 8)
                store(hb, 0, val)

        if not fresh and label is None and (s.post is None or isinstance(s.post, STRAIGHT)):
            return self._fast_loop(s, raw_cond, body, pos)

        def loop(fr: Frame) -> Any:
            while cond(fr):
                r = body(fr)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == CONTINUE:
                        pass
                    elif r == RETURN:
                        return r
                    elif isinstance(r, Jump):
                        if r.label is not None and r.label != label:
                            return r
                        if r.kind == BREAK:
                            break
                if fresh:
                    renew(fr)
                if post is not None:
                    post(fr)
            return None
        return loop

    def _fast_loop(self, s: ir.Loop, cond: Exec, body: Exec, pos: ir.Pos) -> Exec:
        """The unlabelled loop with the condition's and the post statement's
        step accounting (and recording: `stepped`'s order) done inline, two
        calls fewer per turn."""
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        go = self.go
        record = m.rec.step if m.rec is not None else None
        post = self.stmt_inner(s.post) if s.post is not None else None
        ppos = s.post.pos if s.post is not None else pos
        (line, col), (pline, pcol) = pos, ppos

        def over(at: ir.Pos) -> RunError:
            return RunError(f"step limit exceeded: {limit:,} steps (an infinite loop?)", at)

        def loop(fr: Frame) -> Any:
            while True:
                t.steps += 1
                if t.steps > limit:
                    raise over(pos)
                if record is not None:
                    if go:
                        fr.pins.clear()
                    record(line, col, fr)
                if go and m.gc_pending:
                    fr.pins.clear()
                    m.safe_point()
                if not cond(fr):
                    return None
                r = body(fr)
                if r is not None:
                    if r == BREAK:
                        return None
                    if r == RETURN or isinstance(r, Jump):
                        if isinstance(r, Jump) and r.label is None:
                            if r.kind == BREAK:
                                return None
                        else:
                            return r
                if post is not None:
                    t.steps += 1
                    if t.steps > limit:
                        raise over(ppos)
                    if record is not None:
                        if go:
                            fr.pins.clear()
                        record(pline, pcol, fr)
                    if go:
                        if m.gc_pending:
                            fr.pins.clear()
                            m.safe_point()
                        elif fr.pins:
                            fr.pins.clear()
                    post(fr)
        return loop

    def _counted_cond(self, cond: Exec, pos: ir.Pos) -> Exec:
        """A loop condition with its step accounting folded in."""
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        go = self.go

        def counted(fr: Frame) -> Any:
            t.steps += 1
            if t.steps > limit:
                raise RunError(f"step limit exceeded: {limit:,} steps (an infinite loop?)", pos)
            if go and m.gc_pending:
                fr.pins.clear()
                m.safe_point()
            return cond(fr)
        return counted

    def s_Break(self, s: ir.Break) -> Exec:
        if s.value is not None:
            val = self.expr(s.value)
            label = s.label
            return lambda fr: Jump(BREAK, label, val(fr))
        if s.label is None:
            return lambda fr: BREAK
        j = Jump(BREAK, s.label)
        return lambda fr: j

    def s_Continue(self, s: ir.Continue) -> Exec:
        if s.label is None:
            return lambda fr: CONTINUE
        j = Jump(CONTINUE, s.label)
        return lambda fr: j

    def s_Return(self, s: ir.Return) -> Exec:
        vals = [self.expr(v) for v in s.values]
        if not vals:
            return lambda fr: RETURN
        if len(vals) == 1:
            v0 = vals[0]

            def ret1(fr: Frame) -> int:
                fr.ret = v0(fr)
                return RETURN
            return ret1
        scal = [x.ty.nleaves == 1 and not x.ty.is_aggregate for x in s.values]

        def retn(fr: Frame) -> int:
            out: list[Any] = []
            for v, sc in zip(vals, scal):
                x = v(fr)
                if sc:
                    out.append(x)
                else:
                    out.extend(x)
            fr.ret = tuple(out)
            return RETURN
        return retn
