"""Shared pieces of the Rust lowering: scope and place records and small IR helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable
from .. import ir
from ..types import Type
from . import ast as A
from .moves import MoveState
from .rtypes import NEVER


Pos = tuple[int, int]


def min_non_zero_cap(elem: Type) -> int:
    """RawVec::MIN_NON_ZERO_CAP (library/alloc/src/raw_vec.rs)."""
    if elem.size == 1:
        return 8
    if elem.size <= 1024:
        return 4
    return 1


@dataclass(eq=False)
class Entry:
    var: ir.Var
    kind: str = "normal"     # "normal", "into_iter" (a consumed Vec), "array_iter"
    extra: Any = None        # into_iter: the index var


@dataclass(eq=False)
class Scope:
    entries: list[Entry] = field(default_factory=list)
    kind: str = "block"      # "block", "fn", "temps", "loop"


@dataclass(eq=False)
class LoopFrame:
    label: str | None
    node: Any
    depth: int                              # len(scopes) outside the loop
    breaks: list[MoveState] = field(default_factory=list)
    continues: list[MoveState] = field(default_factory=list)
    value_var: ir.Var | None = None         # `loop` with `break value`


@dataclass(eq=False)
class PlaceInfo:
    ir: ir.Expr
    path: tuple | None            # (var, projections) when the place is a move path
    mutable: bool                 # may be assigned / mutably borrowed
    why_not: str = ""             # the error when it may not
    desc: str = ""                # how rustc names the place in messages


@dataclass(eq=False)
class ChainSpec:
    """An iterator chain for the runtime: source, adapters, consumer."""

    source: str             # "range", "range_incl", "borrow", "into_iter", "array_into_iter"
    src_elem: Type          # element type of the source collection (or the range's integer type)
    items: list[Type]       # item type at the source and after each adapter
    adapters: list[str]     # "map" / "filter"
    terminal: str           # "sum", "count", "collect"
    result: Type
    array_len: int = 0
    borrow_kind: str = "vec"  # "vec", "slice", "array" for borrowing sources
    in_place: bool = False
    trusted_len: bool = True


def _walk(node: Any, visit: Callable[[Any], bool]) -> None:
    """Visit IR nodes pre-order; `visit` returning False prunes below a node."""
    stack = [node]
    while stack:
        n = stack.pop()
        if visit(n):
            stack.extend(ir.children(n))


def _closures_in(body: ir.Block) -> list[ir.Func]:
    out: list[ir.Func] = []

    def visit(n: Any) -> bool:
        if isinstance(n, ir.FuncLit):
            out.append(n.func)
            return False
        return True
    _walk(body, visit)
    return out


def _alloc_sites_in(funcs: list[ir.Func]) -> list[ir.AllocSite]:
    out: list[ir.AllocSite] = []
    seen: set[int] = set()

    def visit(n: Any) -> bool:
        s = getattr(n, "site", None)
        if isinstance(s, ir.AllocSite) and getattr(s, "listed", False) and id(s) not in seen:
            seen.add(id(s))
            out.append(s)
        return not isinstance(n, ir.FuncLit)
    for f in funcs:
        _walk(f.body, visit)
    return out


def _locals_in(body: ir.Block, params: list[ir.Var], exclude: list[ir.Var] = ()) -> list[ir.Var]:
    """Every variable the body declares or uses (a `for` loop's variable is
    written by the loop's `next` without a Decl)."""
    out: list[ir.Var] = []
    seen: set[int] = {id(p) for p in params} | {id(v) for v in exclude}

    def visit(n: Any) -> bool:
        if isinstance(n, ir.VarRef):
            if id(n.var) not in seen and not n.var.is_global:
                seen.add(id(n.var))
                out.append(n.var)
        elif isinstance(n, ir.Decl):
            if id(n.var) not in seen:
                seen.add(id(n.var))
                out.append(n.var)
        elif isinstance(n, ir.DeclTuple):
            for v in n.vars:
                if v is not None and id(v) not in seen:
                    seen.add(id(v))
                    out.append(v)
        return not isinstance(n, ir.FuncLit)
    _walk(body, visit)
    out.sort(key=lambda v: (getattr(v, "hidden", False), v.pos))
    return out


def _is_place_expr(e: A.Expr) -> bool:
    if isinstance(e, A.Path):
        return getattr(e, "binding", None) is not None
    if isinstance(e, A.Field):
        return True
    if isinstance(e, A.Index):
        return not getattr(e, "slice", False)
    if isinstance(e, A.Unary) and e.op == "*":
        return True
    return False


def _scalar(t: Type) -> bool:
    return t.nleaves == 1 and not t.is_aggregate


def _as_block(stmts: list[ir.Stmt], pos: Pos) -> ir.Block:
    if len(stmts) == 1 and isinstance(stmts[0], ir.Block):
        return stmts[0]
    return ir.Block(pos, stmts)


def _is_ir_place(e: ir.Expr) -> bool:
    return isinstance(e, (ir.VarRef, ir.FieldRef, ir.IndexRef, ir.Deref))


def _ext(path: tuple | None, proj: Any) -> tuple | None:
    """The move path one projection (a field index or "*") below `path`."""
    if path is None:
        return None
    return (path[0], path[1] + (proj,))


def _never(pos: Pos) -> ir.Expr:
    """The value of an expression that never completes (after a return/break)."""
    return ir.CompositeLit(NEVER, pos, [])


def _quiet_site(node: Any, kind: str) -> ir.AllocSite:
    """A site for an operation that allocates nothing here (zero-sized, empty)."""
    return ir.AllocSite(node.pos, kind, getattr(node, "src", kind), "heap", "")


def _retype(e: ir.Expr, t: Type) -> ir.Expr:
    """The same pointer value, typed as `t` (`&mut T` used as `&T`)."""
    if isinstance(e, ir.AddrOf):
        return ir.AddrOf(t, e.pos, e.place)
    if e.ty == t:
        return e
    e2 = ir.Convert(t, e.pos, e)
    return e2
