"""Shared pieces of the compiler: slots, frame code, jumps and small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ...lang import ir
from ...lang.types import ArrayType, IntType, StructType, Type
from ..machine import Frame, RunError
from ..memory import Block, Ptr

Exec = Callable[[Frame], Any]
Loc = Callable[[Frame], tuple[Block, int]]

BREAK = 1
CONTINUE = 2
RETURN = 3


@dataclass(eq=False)
class VarSlot:
    """Where a variable lives in its frame (or the globals block)."""

    base: int                 # first leaf index in the frame block
    offset: int               # byte offset in the frame
    nleaves: int
    indirect: bool            # the slot holds a pointer to the real storage
    is_global: bool = False


@dataclass(eq=False)
class FuncCode:
    func: ir.Func
    frame_type: StructType
    slots: dict[int, VarSlot]                    # id(var) -> slot
    temps: dict[int, VarSlot]                    # id(site or node) -> stack temp slot
    body: Exec | None = None
    param_slots: list[VarSlot] = field(default_factory=list)
    name: str = ""


class Jump:
    """A labelled break/continue travelling outwards."""

    __slots__ = ("kind", "label", "value")

    def __init__(self, kind: int, label: str | None, value: Any = None) -> None:
        self.kind = kind
        self.label = label
        self.value = value


def walk_stmts(node: Any, visit: Callable[[Any], None]) -> None:
    """Call `visit` on every IR node below `node` (see `ir.walk`)."""
    for n in ir.walk(node):
        visit(n)




class Propagate(Exception):
    """Carries a break/continue/return out of a block used as a value."""

    def __init__(self, code: Any) -> None:
        self.code = code


def catching_stmt(fn: Exec) -> Exec:
    """A Rust statement whose value block (`match`/`if`/`loop` as an
    expression) may `return`/`break`/`continue`: the jump travels out of the
    expression as `Propagate` and becomes the statement's jump code here."""
    def catching(fr: Frame) -> Any:
        try:
            return fn(fr)
        except Propagate as p:
            return p.code
    return catching


def may_propagate(node: Any) -> bool:
    """Does `node` evaluate a value block that contains a jump?"""
    found = False

    def inner(n: Any) -> None:
        nonlocal found
        if isinstance(n, (ir.Return, ir.Break, ir.Continue)):
            found = True

    def visit(n: Any) -> None:
        if not found and isinstance(n, (ir.BlockExpr, ir.IfExpr, ir.LoopExpr)):
            walk_stmts(n, inner)

    walk_stmts(node, visit)
    return found


class View:
    """A stack temp inside a frame block, used like a Block by new_object's callers."""

    __slots__ = ("block", "index", "offset", "elem", "count")

    def __init__(self, block: Block, index: int, offset: int, elem: Type, count: int) -> None:
        self.block = block
        self.index = index
        self.offset = offset
        self.elem = elem
        self.count = count


class EnvView:
    """A closure environment that lives inside a frame block (a closure that
    does not escape): reads go to the frame's cells."""

    def __init__(self, block: Block, base: int) -> None:
        self.block = block
        self.base = base

    @property
    def alive(self) -> bool:
        return self.block.alive

    @property
    def cells(self) -> list[Any]:
        return self.block.cells[self.base:]

    def cell_addr(self, i: int) -> int:
        return self.block.cell_addr(self.base + i)


def deref_fault(p: Ptr | None, go: bool, pos: ir.Pos) -> RunError:
    """`*p` of nil, or of memory that is gone (which escape analysis or the
    borrow checker should have made impossible: reported as internal)."""
    if p is None:
        return RunError(
            "panic: runtime error: invalid memory address or nil pointer dereference"
            if go else "thread 'main' panicked: null pointer dereference",
            pos,
        )
    return RunError(f"internal error: use of dead memory {p.block.label} at {p.addr:#x}", pos)


def ptr_to(b: Any, i: int) -> Ptr:
    if isinstance(b, View):
        return Ptr(b.block, b.index + i)
    return Ptr(b, i)


@dataclass(eq=False)
class Pack:
    """Heap variables that share one allocation."""

    off: int
    size: int
    offsets: dict[int, int] = field(default_factory=dict)


def packable(v: ir.Var) -> bool:
    return v.placement == "heap" and not v.ty.has_pointers and 0 < v.ty.size < 16


def splits_block(node: Any) -> bool:
    """Does evaluating `node` branch (and so end an SSA basic block)?"""
    found = False

    def visit(n: Any) -> None:
        nonlocal found
        if found:
            return
        if isinstance(n, ir.IndexRef):
            if not (isinstance(n.base.ty, ArrayType) and isinstance(n.index, ir.Const)):
                found = True
        elif isinstance(n, (ir.SliceExpr, ir.Append, ir.IfExpr, ir.LoopExpr, ir.BlockExpr)):
            found = True
        elif isinstance(n, ir.MakeSlice) and not isinstance(n.cap or n.length, ir.Const):
            found = True
        elif (isinstance(n, ir.Intrinsic) and n.name in ("gomap_make", "gomap_lit")
              and n.site is not None and n.site.placement == "stack"):
            # walkMakeMap: `if hint <= 8 { m.dirPtr = &group }` for a map in the frame
            hint = len(n.args) // 2 if n.name == "gomap_lit" else (n.args[0] if n.args else 0)
            found = not isinstance(hint, int | ir.Const) or (
                (hint if isinstance(hint, int) else hint.value) <= 8)
        elif isinstance(n, ir.Binary) and (
            n.op in ("&&", "||") or (n.op in ("/", "%") and not isinstance(n.y, ir.Const))
        ):
            found = True

    walk_stmts(node, visit)
    return found


STRAIGHT = (ir.Decl, ir.DeclTuple, ir.Assign, ir.AssignTuple, ir.OpAssign, ir.ExprStmt,
             ir.Print, ir.Drop)
TERMINAL = (ir.Return, ir.Break, ir.Continue)
UINTPTR = IntType("uintptr", 8, False)
BYTE = IntType("byte", 1, False)
