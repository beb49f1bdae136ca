"""Scopes, declared objects, operands and tree-sitter helpers for the Go checker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from tree_sitter import Node

from .. import ir
from ..types import Type

Pos = tuple[int, int]


# ---- tree-sitter helpers --------------------------------------------------------


def pos_of(n: Node) -> Pos:
    """1-based (line, byte column) of a node's start, as gc prints positions."""
    return (n.start_point[0] + 1, n.start_point[1] + 1)


def end_pos_of(n: Node) -> Pos:
    return (n.end_point[0] + 1, n.end_point[1] + 1)


def text_of(n: Node) -> str:
    t = n.text
    return t.decode("utf-8", "surrogateescape") if t is not None else ""


def kids(n: Node) -> list[Node]:
    """Named children without comments."""
    return [c for c in n.named_children if c.type != "comment"]


def token(n: Node, tok: str) -> Node | None:
    for c in n.children:
        if c.type == tok:
            return c
    return None


def syn_pos(n: Node) -> Pos:
    """Where cmd/compile/internal/syntax puts an expression's position, which
    is where `-m` messages point: the operator of a binary expression, the
    `(` of a call, the `[` of an index or slice, the `.` of a selector, the
    `{` of a composite literal; otherwise the first token."""
    t = n.type
    if t == "binary_expression":
        op = n.child_by_field_name("operator")
        if op is not None:
            return pos_of(op)
    elif t == "call_expression":
        a = n.child_by_field_name("arguments")
        if a is not None:
            return pos_of(a)
    elif t == "type_conversion_expression":
        p = token(n, "(")
        if p is not None:
            return pos_of(p)
    elif t in ("index_expression", "slice_expression"):
        b = token(n, "[")
        if b is not None:
            return pos_of(b)
    elif t == "selector_expression":
        d = token(n, ".")
        if d is not None:
            return pos_of(d)
    elif t == "composite_literal":
        b = n.child_by_field_name("body")
        if b is not None:
            return pos_of(b)
    return pos_of(n)


# ---- objects ----------------------------------------------------------------------


class CascadeError(ir.UnsupportedError):
    """A use of a declaration that already failed: not reported again."""


class Obj:
    kind = "obj"


class PoisonObj(Obj):
    """Stands for a declaration whose checking failed."""

    kind = "poison"


@dataclass(eq=False)
class VarObj(Obj):
    var: ir.Var
    ctx: "FuncCtx | None"  # declaring function; None for package-level vars
    node: Node | None = None
    used: bool = False
    check_unused: bool = False
    kind = "var"


@dataclass(eq=False)
class ConstObj(Obj):
    name: str
    node: Node | None  # the name identifier
    expr_node: Node | None = None
    type_node: Node | None = None
    iota: int = 0
    scope: "Scope | None" = None
    ty: Type | None = None
    val: Any = None
    state: int = 0  # 0 unresolved, 1 resolving, 2 done
    kind = "const"


@dataclass(eq=False)
class TypeObj(Obj):
    name: str
    node: Node | None
    type_node: Node | None = None
    scope: "Scope | None" = None
    ty: Type | None = None
    state: int = 0
    kind = "type"


@dataclass(eq=False)
class FuncObj(Obj):
    func: ir.Func
    sig: Type  # FuncType
    node: Node | None = None
    kind = "func"


@dataclass(eq=False)
class BuiltinObj(Obj):
    name: str
    kind = "builtin"


@dataclass(eq=False)
class NilObj(Obj):
    kind = "nil"


@dataclass(eq=False)
class ConstValueObj(Obj):
    """true / false (universe constants)."""

    ty: Type
    val: Any
    kind = "constval"


@dataclass(eq=False)
class IotaObj(Obj):
    kind = "iota"


class Scope:
    def __init__(self, parent: "Scope | None", kind: str = "block") -> None:
        self.parent = parent
        self.kind = kind  # "universe", "package", "func", "block"
        self.names: dict[str, Obj] = {}
        self.vars: list[ir.Var] = []  # vars declared directly here (Block.scope)

    def lookup(self, name: str) -> Obj | None:
        s: Scope | None = self
        while s is not None:
            o = s.names.get(name)
            if o is not None:
                return o
            s = s.parent
        return None

    def lookup_local(self, name: str) -> Obj | None:
        return self.names.get(name)


@dataclass(eq=False)
class FuncCtx:
    """The function whose body is being lowered (closures nest)."""

    func: ir.Func
    outer: "FuncCtx | None"
    results: list[Type]
    named_results: list[ir.Var] = field(default_factory=list)
    # outer-level var -> capture, for variables this closure captures
    capmap: dict[ir.Var, ir.Capture] = field(default_factory=dict)
    lit_count: int = 0
    # loop stack: labels of enclosing loops (None for unlabeled) in this function
    loops: list[str | None] = field(default_factory=list)
    labels_used: set[str] = field(default_factory=set)
    var_objs: list[VarObj] = field(default_factory=list)
    temp_count: int = 0


@dataclass(eq=False)
class Operand:
    """An expression being checked.

    mode: "const" (val holds the value), "value", "var" (addressable),
    "type", "builtin", "novalue" (a call without results), "tuple" (a call
    with several results), "nil".
    """

    mode: str
    ty: Type | None
    node: Node
    expr: ir.Expr | None = None
    val: Any = None
    # Untyped non-constant operands (shifts of untyped constants by a
    # variable count) are lowered once their type is known.
    delayed: "Callable[[Type], ir.Expr] | None" = None
    func: ir.Func | None = None  # a declared function, for direct calls
    name: str = ""  # builtin name
    stmt: ir.Stmt | None = None  # println as a statement
