"""Rewriting a function's `return` statements in place, wherever they sit in
its blocks, ifs and loops (named results, deferred calls)."""

from __future__ import annotations

from typing import Callable

from .. import ir


def rewrite_returns(body: ir.Block, rewrite: Callable[[ir.Return], ir.Stmt | None]) -> None:
    """Replace each `return` in `body` by `rewrite(ret)`, unless that is None."""

    def fix(stmts: list[ir.Stmt]) -> None:
        for i, s in enumerate(stmts):
            if isinstance(s, ir.Return):
                new = rewrite(s)
                if new is not None:
                    stmts[i] = new
            else:
                visit(s)

    def visit(s: ir.Stmt | None) -> None:
        if isinstance(s, ir.Block):
            fix(s.stmts)
        elif isinstance(s, ir.If):
            visit(s.then)
            visit(s.else_)
        elif isinstance(s, ir.Loop):
            visit(s.body)

    visit(body)
