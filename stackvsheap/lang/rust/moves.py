"""Move states: which parts of which locals are initialised, moved or maybe-moved.

Rust's borrow checker and drop elaboration reason about *move paths*: a
local, and the fields and Box contents below it (`x`, `x.0`, `(*node).next`).
At every point of the function each path is initialised, uninitialised
(declared without a value), moved, or "maybe" (moved on some paths only:
that needs a runtime drop flag). A path whose children differ is `Partial`.

States are immutable values, so the lowering can copy them at branches and
merge them where control flow joins.
"""

from __future__ import annotations

from typing import Any

INIT = "init"
UNINIT = "uninit"
MOVED = "moved"
MAYBE = "maybe"


class Partial:
    """Children with their own states; `rest` for the children not listed."""

    __slots__ = ("children", "rest")

    def __init__(self, children: dict[Any, Any], rest: Any) -> None:
        self.children = children
        self.rest = rest

    def get(self, k: Any) -> Any:
        return self.children.get(k, self.rest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Partial) and self.rest == other.rest and self._norm() == other._norm()

    def _norm(self) -> dict[Any, Any]:
        return {k: v for k, v in self.children.items() if v != self.rest}

    def __hash__(self) -> int:
        return hash((self.rest, tuple(sorted(map(repr, self._norm().items())))))

    def __repr__(self) -> str:
        return f"Partial({self.children!r}, rest={self.rest!r})"


def simplify(s: Any) -> Any:
    if isinstance(s, Partial):
        ch = {k: simplify(v) for k, v in s.children.items()}
        ch = {k: v for k, v in ch.items() if v != s.rest}
        if not ch:
            return s.rest
        return Partial(ch, s.rest)
    return s


def merge_leaf(a: str, b: str) -> str:
    if a == b:
        return a
    gone = (UNINIT, MOVED)
    if a in gone and b in gone:
        return MOVED
    return MAYBE


def merge(a: Any, b: Any) -> Any:
    """The state after a join of two control-flow paths (None: unreachable)."""
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, Partial) or isinstance(b, Partial):
        pa = a if isinstance(a, Partial) else Partial({}, a)
        pb = b if isinstance(b, Partial) else Partial({}, b)
        keys = set(pa.children) | set(pb.children)
        return simplify(Partial({k: merge(pa.get(k), pb.get(k)) for k in keys}, merge(pa.rest, pb.rest)))
    return merge_leaf(a, b)


def get(s: Any, proj: tuple) -> Any:
    for p in proj:
        if isinstance(s, Partial):
            s = s.get(p)
        else:
            return s
    return s


def set_(s: Any, proj: tuple, value: Any) -> Any:
    if not proj:
        return value
    head, rest = proj[0], proj[1:]
    if isinstance(s, Partial):
        ch = dict(s.children)
        ch[head] = set_(s.get(head), rest, value)
        return simplify(Partial(ch, s.rest))
    return simplify(Partial({head: set_(s, rest, value)}, s))


def any_moved(s: Any) -> bool:
    """Some part of the value is (maybe) gone."""
    if isinstance(s, Partial):
        return any_moved(s.rest) or any(any_moved(v) for v in s.children.values())
    return s != INIT


def describe(s: Any) -> str:
    if isinstance(s, Partial):
        return "partially moved"
    return {UNINIT: "uninitialized", MOVED: "moved", MAYBE: "maybe moved"}.get(s, "initialized")


class MoveState:
    """The state of every local in scope: var -> state tree."""

    __slots__ = ("vars",)

    def __init__(self, vars: dict[Any, Any] | None = None) -> None:
        self.vars: dict[Any, Any] = dict(vars or {})

    def copy(self) -> "MoveState":
        return MoveState(self.vars)

    def get(self, var: Any, proj: tuple = ()) -> Any:
        s = self.vars.get(var)
        if s is None:
            return None
        return get(s, proj)

    def set(self, var: Any, proj: tuple, value: Any) -> None:
        if var not in self.vars and proj:
            return
        self.vars[var] = set_(self.vars.get(var, INIT), proj, value)

    def forget(self, var: Any) -> None:
        self.vars.pop(var, None)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MoveState) and self.vars == other.vars

    def __hash__(self) -> int:  # pragma: no cover - not used as a key
        return id(self)


def merge_states(a: MoveState | None, b: MoveState | None) -> MoveState | None:
    if a is None:
        return b.copy() if b is not None else None
    if b is None:
        return a.copy()
    out = MoveState()
    for v in a.vars.keys() | b.vars.keys():
        out.vars[v] = merge(a.vars.get(v, UNINIT), b.vars.get(v, UNINIT))
    return out
