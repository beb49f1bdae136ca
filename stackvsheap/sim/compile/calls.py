"""Calls: frames pushed and popped, arguments, closures."""

from __future__ import annotations

from typing import Any, Callable

from ...lang import ir
from ..cost import FRAME as FRAME_CYCLES
from ..machine import Frame, RunError
from ..memory import STACK, Block, FuncV, Ptr
from ..shapes import shape_of
from .base import Exec, FuncCode


class CallMixin:
    # ---- calls ---------------------------------------------------------------

    def invoker(self, code: FuncCode) -> Callable[[list[Any], Block | None], Any]:
        """Run `code` with evaluated arguments: push a frame, spill the
        arguments into it (moving escaping params to the heap), run, pop."""
        m = self.m
        f = code.func
        ft = code.frame_type
        name = code.name
        params = list(zip(f.params, code.param_slots))
        param_stores = [self.store_fn(v.ty) for v in f.params]
        caps = [(c, code.slots[id(c.inner)]) for c in f.captures]
        if m.rec is None and all(
            not s.indirect and v.ty.nleaves == 1 and not v.ty.is_aggregate for v, s in params
        ):
            return self._fast_invoker(code, caps)
        go = self.go

        def invoke(args: list[Any], env: Block | None) -> Any:
            fr = m.push_frame(code, ft, name)
            fb = fr.block
            fr.env = env
            for (v, s), store, a in zip(params, param_stores, args):
                if s.indirect:
                    hb = m.go_alloc(v.ty, 1, v.name, None, v.pos) if go else None
                    m.put(fb, s.base, [Ptr(hb, 0)])
                    m.access_w(fb.addr + s.offset, 8)
                    store(hb, 0, a)
                else:
                    store(fb, s.base, a)
            if env is not None:
                # closure context: captured variables come from the env block
                for k, (c, s) in enumerate(caps, start=1):
                    m.access(env.cell_addr(k), 8)
                    val = env.cells[k]
                    if s.nleaves == 1:
                        m.put(fb, s.base, [val])
                    else:
                        m.put(fb, s.base, env.cells[k:k + s.nleaves])
            code.body(fr)
            r = fr.ret
            m.pop_frame()
            return r
        return invoke

    def _fast_invoker(self, code: FuncCode, caps: list) -> Callable[[list[Any], Block | None], Any]:
        """`invoker` for an unrecorded call whose parameters are all scalars
        held in the frame: Machine.push_frame, the argument stores and
        Machine.pop_frame inlined (a call is the Rust map closure's whole
        cost per item). Keep in step with those two methods."""
        m = self.m
        ft = code.frame_type
        name = code.name
        shape = shape_of(ft)
        fsize = (shape.size + 15) & ~15
        zeros = shape.zeros
        # where store1 would write each argument in a fresh frame block
        if len(shape.offsets) == 1:
            spills = [(s.base, 0, shape.size) for s in code.param_slots]
        else:
            spills = [(s.base, shape.offsets[s.base], shape.sizes[s.base]) for s in code.param_slots]
        one = spills[0] if len(spills) == 1 else None
        acc, acc_w, acc2 = m.access, m.access_w, m.access2
        t = m.t
        frames = m.frames
        pools = m._frame_pool
        key = id(ft)
        max_frames = m.limits.max_frames
        stack_top = m.stack_top
        go = self.go

        def invoke(args: list[Any], env: Block | None) -> Any:
            # ---- push_frame
            if len(frames) >= max_frames:
                m.push_frame(code, ft, name)  # raises the stack overflow
            before = m.sp
            sp = before - 16
            acc2(sp + 8, sp, 8)  # return address, saved frame pointer
            sp -= fsize
            m.sp = sp
            used = stack_top - sp
            if used > t.stack_peak_bytes:
                t.stack_peak_bytes = used
            t.frame_cycles += FRAME_CYCLES
            pool = pools.get(key)
            if pool:
                fb = pool.pop()
                fb.addr = sp
                fb.alive = True
                fb.cells[:] = zeros
            else:
                fb = m.new_block(ft, 1, STACK, name, sp)
            fr = Frame(code, fb, before, go)
            frames.append(fr)
            fr.env = env
            # ---- the arguments
            if one is not None:
                base, off, size = one
                acc_w(sp + off, size)
                fb.cells[base] = args[0]
            else:
                cells = fb.cells
                for (base, off, size), a in zip(spills, args):
                    acc_w(sp + off, size)
                    cells[base] = a
            if env is not None:
                for k, (c, s) in enumerate(caps, start=1):
                    acc(env.cell_addr(k), 8)
                    if s.nleaves == 1:
                        m.put(fb, s.base, [env.cells[k]])
                    else:
                        m.put(fb, s.base, env.cells[k:k + s.nleaves])
            code.body(fr)
            r = fr.ret
            # ---- pop_frame
            frames.pop()
            acc2(before - 8, before - 16, 8)
            m.sp = before
            fb.alive = False
            pool = pools.get(key)
            if pool is None:
                pools[key] = [fb]
            elif len(pool) < 64:
                pool.append(fb)
            if go and fr.pins and frames:
                frames[-1].pins.extend(fr.pins)
            return r
        return invoke

    def e_Call(self, e: ir.Call) -> Exec:
        code = self.codes[id(e.func)]
        args = [self.expr(a) for a in e.args]
        holder: list[Callable] = []

        def call(fr: Frame) -> Any:
            vals = [a(fr) for a in args]
            if not holder:
                holder.append(self.invoker(code))
            return holder[0](vals, None)
        return call

    def e_CallValue(self, e: ir.CallValue) -> Exec:
        callee = self.expr(e.callee)
        args = [self.expr(a) for a in e.args]
        pos = e.pos

        def callv(fr: Frame) -> Any:
            fv = callee(fr)
            if fv is None:
                raise RunError(
                    "panic: runtime error: invalid memory address or nil pointer dereference", pos
                )
            vals = [a(fr) for a in args]
            return self.call_funcv(fv, vals)
        return callv

    def call_funcv(self, fv: FuncV, vals: list[Any]) -> Any:
        """Call a function value (used by closures and runtime intrinsics)."""
        code = fv.func
        inv = getattr(code, "_invoke", None)
        if inv is None:
            inv = self.invoker(code)
            code._invoke = inv  # type: ignore[attr-defined]
        return inv(vals, fv.env)
