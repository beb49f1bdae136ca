"""`defer` inside a loop: runtime.deferproc, one record per execution.

The records come from the per-P defer pool (runtime/panic.go newdefer), so
once a program has run they cost no allocation; what does allocate is the
closure typecheck.normalizeGoDeferCall wraps the call in: every deferred
call except one with no parameters and no results becomes `func() { f(a,
b) }`, capturing the callee and every argument that is not a constant or a
global function. In a loop that closure escapes (one heap object per
execution, reported by nobody); so do the captured values. The deferred
calls run last in first out when the function returns.

Lowering: a hidden chain variable, declared at the function's start; each
`defer` pushes `(callee, arguments)` onto it (`defer_push`, evaluated where
the `defer` stands); the function's exits run `defer_run`, through the same
once-loop as the open-coded defers (defer.py).
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from .. import ir
from ..types import BOOL, UNIT, FuncType, IntType
from .scope import kids, pos_of, syn_pos

DEFER_CHAIN, DEFER_PUSH, DEFER_RUN = "defer_chain", "defer_push", "defer_run"
DEFER_INTRINSICS = frozenset({DEFER_CHAIN, DEFER_PUSH, DEFER_RUN})
#: the goroutine's list of pending defer records (one opaque cell)
CHAIN = IntType("runtime._defer list", 8, False)


def deferred_call(ck: Any, n: Node) -> tuple[Node, Any]:
    """The call a `defer` statement defers (its node and checked operand),
    or go's error when it is not a function call."""
    k = kids(n)
    if not k or k[0].type != "call_expression":
        ck.err(k[0] if k else n, "expression in defer must be function call")
    op = ck.expr(k[0])
    if op.mode == "builtin" or (op.stmt is None and op.expr is None):
        ck.err(k[0], "expression in defer must be function call")
    return k[0], op


def loop_defer(ck: Any, n: Node) -> list[ir.Stmt]:
    ctx = ck.ctx
    node, op = deferred_call(ck, n)
    e = op.expr
    if isinstance(op.stmt, ir.Print) or not isinstance(e, (ir.Call, ir.CallValue)):
        ck.unsupported(node, "defer of a built-in or library call inside a loop")
    pos = pos_of(n)
    chain = getattr(ctx, "defer_chain", None)
    if chain is None:
        chain = ctx.defer_chain = ck.temp("dchain", CHAIN, pos, scope=None)
        flag = ck.temp("dloop", BOOL, pos, scope=None)
        run = ir.ExprStmt(pos, ir.Intrinsic(UNIT, pos, DEFER_RUN, [ir.VarRef(CHAIN, pos, chain)]))
        ctx.defers = [(flag, run)]
    flag = ctx.defers[0][0]
    if isinstance(e, ir.Call):
        nparams, nresults = len(e.func.params), len(e.func.results)
        values = list(e.args)
    else:
        ft = e.callee.ty
        assert isinstance(ft, FuncType)
        nparams, nresults = len(ft.params), len(ft.results)
        values = [e.callee] + list(e.args)
    captured = [a for a in values if not isinstance(a, (ir.Const, ir.FuncRef))]
    site = None
    if (nparams or nresults) and captured:
        site = ck.site(syn_pos(n), "defer_wrapper", "defer wrapper closure")
        site.silent = True
        site.placement = "heap"
        site.reason = "defer in a loop wraps the call in a closure holding its arguments, on the heap"
    push = ir.Intrinsic(UNIT, pos, DEFER_PUSH, [ir.VarRef(CHAIN, pos, chain)] + values, site, e)
    return [ir.ExprStmt(pos, push), ir.Assign(pos, [ir.VarRef(BOOL, pos, flag)], [ir.Const(BOOL, pos, True)])]


def chain_decls(ctx: Any, pos: ir.Pos) -> list[ir.Stmt]:
    chain = getattr(ctx, "defer_chain", None)
    if chain is None:
        return []
    return [ir.Decl(pos, chain, ir.Intrinsic(CHAIN, pos, DEFER_CHAIN, []))]


def defer_escape(w: Any, k: Any, n: ir.Intrinsic) -> None:
    """escape/call.go goDeferStmt: outside the top level, the deferred
    closure (and what it captures) flows to the heap."""
    g = w.g
    if n.name == DEFER_PUSH:
        w.discard(n.args[0])
        for a in n.args[1:]:
            w.expr(g.heap_hole().note(n, "defer func arg"), a)
    else:
        for a in n.args:
            w.discard(a)
