"""`defer` outside loops: the open-coded defers of cmd/compile (ssagen), whose
records never reach the heap. A defer inside a loop goes through
runtime.deferproc (lang/go/deferloop.py).

`defer f(a, b)` evaluates f and its arguments where it stands, into hidden
temporaries, and sets a hidden flag (open-coded defers keep a bit per defer,
so a defer under an `if` runs only if it was reached). The function body is
wrapped in a once-loop `.defer`; every `return v` becomes `results = v;
break .defer`, and after the loop the deferred calls whose flag is set run
in reverse order, then the function returns the (possibly changed) results.
Escape analysis sees what it sees in Go: the arguments flow to the callee's
parameters (goDeferStmt: top-level defer arguments only have to last until
the call), and a deferred func literal that is only called does not escape.
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from .. import ir
from ..types import BOOL
from .returns import rewrite_returns
from .scope import pos_of
from .switch import SwitchTarget
from .deferloop import chain_decls, deferred_call, loop_defer

LABEL = ".defer"


def defer_statement(ck: Any, n: Node) -> list[ir.Stmt]:
    ctx = ck.ctx
    in_loop = any(not isinstance(lp, SwitchTarget) for lp in ctx.loops)
    if in_loop or getattr(ctx, "defer_chain", None) is not None:
        if getattr(ctx, "defers", None) and getattr(ctx, "defer_chain", None) is None:
            ck.unsupported(n, "defer inside a loop in a function that also defers outside one")
        if not in_loop:
            ck.unsupported(n, "defer outside a loop after one inside a loop")
        return loop_defer(ck, n)
    node, op = deferred_call(ck, n)
    pos = pos_of(n)
    pre: list[ir.Stmt] = []
    defers = _defers(ctx)
    tag = f"d{len(defers)}"

    def hoist(x: ir.Expr) -> ir.Expr:
        if isinstance(x, (ir.Const, ir.FuncRef)):
            return x
        v = ck.temp(f"{tag}arg{len(pre)}", x.ty, x.pos)
        pre.append(ir.Decl(x.pos, v, x))
        return ir.VarRef(x.ty, x.pos, v)

    if isinstance(op.stmt, ir.Print):
        call: ir.Stmt = ir.Print(op.stmt.pos, [hoist(a) for a in op.stmt.args])
    else:
        e = op.expr
        if isinstance(e, ir.CallValue):
            e.callee = hoist(e.callee)
        if not isinstance(e, (ir.Call, ir.CallValue, ir.Intrinsic, ir.CopySlice, ir.Append)):
            ck.err(node, "expression in defer must be function call")
        if isinstance(e, (ir.Call, ir.CallValue, ir.Intrinsic)):
            e.args = [hoist(a) for a in e.args]
        call = ir.ExprStmt(pos, e)
    flag = ck.temp(f"{tag}on", BOOL, pos, scope=None)
    pre.append(ir.Assign(pos, [ir.VarRef(BOOL, pos, flag)], [ir.Const(BOOL, pos, True)]))
    defers.append((flag, call))
    return pre


def _defers(ctx: Any) -> list[tuple[ir.Var, ir.Stmt]]:
    d = getattr(ctx, "defers", None)
    if d is None:
        d = ctx.defers = []
    return d


def apply_defers(ck: Any, func: ir.Func, ctx: Any) -> None:
    """Route every exit of the function through its deferred calls."""
    defers = getattr(ctx, "defers", None)
    if not defers:
        return
    body = func.body
    pos = body.pos
    end = body.end_pos or func.end_pos or pos
    rets = list(ctx.named_results) or [ck.temp(f"dret{i}", t, pos) for i, t in enumerate(ctx.results)]

    def exit_through_defers(s: ir.Return) -> ir.Stmt:
        new: list[ir.Stmt] = []
        same = len(s.values) == len(rets) and all(
            isinstance(v, ir.VarRef) and v.var is r for v, r in zip(s.values, rets))
        if s.values and not same:
            new.append(ir.Assign(s.pos, [ir.VarRef(r.ty, s.pos, r) for r in rets], s.values))
        new.append(ir.Break(s.pos, LABEL))
        return ir.Block(s.pos, new)

    rewrite_returns(body, exit_through_defers)
    decls: list[ir.Stmt] = [ir.Decl(pos, f, None) for f, _ in defers] + chain_decls(ctx, pos)
    if not ctx.named_results:
        decls += [ir.Decl(pos, r, None) for r in rets]
    inner = ir.Block(pos, body.stmts + [ir.Break(end, LABEL)], scope=body.scope, end_pos=body.end_pos)
    run = [ir.If(end, ir.VarRef(BOOL, end, f), ir.Block(end, [call]), None) for f, call in reversed(defers)]
    tail: list[ir.Stmt] = [ir.Return(end, [ir.VarRef(r.ty, end, r) for r in rets])] if rets else []
    func.body = ir.Block(pos, decls + [ir.Loop(pos, None, inner, None, [], LABEL, pos, once=True)] + run + tail,
                         end_pos=body.end_pos)
