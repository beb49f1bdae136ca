"""Goals over the `trace` totals, as levels and workshop packs write them:
`heap_allocs == 0 and cache_misses <= 4`. Parsed with Python's own expression
grammar but only a whitelist of node kinds is accepted, so a goal can never run code."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

# The field names of TRACE.md's `totals`, the only names a goal may use.
TOTALS: tuple[str, ...] = (
    "steps", "heap_allocs", "heap_reallocs", "heap_frees", "heap_bytes",
    "stack_peak_bytes", "gc_cycles", "gc_marked", "gc_swept", "cache_hits",
    "cache_misses", "cycles", "score",
)

_COMPARE = {
    ast.Eq: int.__eq__, ast.NotEq: int.__ne__, ast.Lt: int.__lt__,
    ast.LtE: int.__le__, ast.Gt: int.__gt__, ast.GtE: int.__ge__,
}


class GoalError(ValueError):
    """A goal that does not parse; `col` is 1-based within the goal text."""

    def __init__(self, message: str, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.col = col


@dataclass(frozen=True)
class Goal:
    text: str
    _tree: ast.expr

    @classmethod
    def parse(cls, text: str) -> Goal:
        if not isinstance(text, str) or not text.strip():
            raise GoalError("empty goal")
        try:
            tree = ast.parse(text.strip(), mode="eval").body
        except SyntaxError as e:
            raise GoalError(f"goal does not parse: {e.msg}", e.offset or 1) from None
        _validate(tree)
        return cls(text.strip(), tree)

    def check(self, totals: Mapping[str, int]) -> bool:
        return bool(_eval(self._tree, totals))

    def names(self) -> list[str]:
        return sorted({n.id for n in ast.walk(self._tree) if isinstance(n, ast.Name)})

    def __str__(self) -> str:
        return self.text


def _validate(node: ast.expr) -> None:
    col = getattr(node, "col_offset", 0) + 1
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _validate(v)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _validate(node.operand)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARE:
                raise GoalError("only ==, !=, <, <=, >, >= compare totals", col)
        for side in (node.left, *node.comparators):
            _validate_operand(side)
    else:
        raise GoalError("a goal is comparisons of totals joined by and/or/not", col)


def _validate_operand(node: ast.expr) -> None:
    col = getattr(node, "col_offset", 0) + 1
    if isinstance(node, ast.Name):
        if node.id not in TOTALS:
            raise GoalError(f"unknown total '{node.id}' (known: {', '.join(TOTALS)})", col)
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        pass
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _validate_operand(node.operand)
    else:
        raise GoalError("compare a total with an integer or another total", col)


def _eval(node: ast.expr, totals: Mapping[str, int]) -> int | bool:
    if isinstance(node, ast.BoolOp):
        vals = (_eval(v, totals) for v in node.values)
        return all(vals) if isinstance(node.op, ast.And) else any(vals)
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, totals)
        return (not v) if isinstance(node.op, ast.Not) else -int(v)
    if isinstance(node, ast.Compare):
        left = int(_eval(node.left, totals))
        for op, right_node in zip(node.ops, node.comparators):
            right = int(_eval(right_node, totals))
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Name):
        return int(totals[node.id])
    assert isinstance(node, ast.Constant)
    return int(node.value)
