"""Generic traversal of the IR (children of any node), for analyses."""

from __future__ import annotations

from typing import Any, Iterator

from .. import ir

# Fields that hold references to things that are not children in the tree.
_NOT_CHILDREN = {"ty", "pos", "site", "var", "vars", "func", "scope", "end_pos", "cond_pos", "per_iter", "captures", "label", "op", "checked", "spread", "name", "extra", "fmt"}


def children(node: Any) -> Iterator[Any]:
    """The sub-expressions and sub-statements of an IR node, in field order."""
    for k, v in vars(node).items():
        if k in _NOT_CHILDREN:
            continue
        if isinstance(v, (ir.Expr, ir.Stmt)):
            yield v
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, (ir.Expr, ir.Stmt)):
                    yield x


def walk(node: Any) -> Iterator[Any]:
    """Pre-order walk of a statement or expression tree (closure bodies excluded)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        yield n
        kids = list(children(n))
        stack.extend(reversed(kids))
