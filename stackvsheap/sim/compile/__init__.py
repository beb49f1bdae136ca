"""Compile the IR once into Python closures that run on a `Machine`.

Dispatch on node types happens here, once per node; running a program is
then a tree of plain closure calls, with the hot paths (scalar locals)
specialised. Statements return None to go on, or a `Jump` code.

Values: scalars are Python values; aggregates (structs, arrays, tuples) are
tuples of leaf values. A place compiles to `loc(fr) -> (block, cell)`.
"""

from __future__ import annotations

from ...lang import ir
from ..machine import Machine
from .base import BREAK, CONTINUE, RETURN, Exec, FuncCode, Jump, Loc, Pack, VarSlot
from .layout import LayoutMixin
from .places import PlaceMixin
from .exprs import ExprMixin
from .calls import CallMixin
from .alloc import AllocMixin
from .closures import ClosureMixin
from .blocks import BlockMixin
from .assign import AssignMixin
from .control import ControlMixin


__all__ = ["BREAK", "CONTINUE", "RETURN", "Compiler", "Exec", "FuncCode", "Jump", "Loc", "VarSlot"]


class Compiler(
    LayoutMixin, PlaceMixin, ExprMixin, CallMixin, AllocMixin, ClosureMixin, BlockMixin,
    AssignMixin, ControlMixin,
):
    """One program compiled for one machine; each phase of the compiler is a
    mixin in its own module, sharing the state set up here."""

    def __init__(self, program: ir.Program, machine: Machine) -> None:
        self.p = program
        self.m = machine
        self.go = program.language == "go"
        self.codes: dict[int, FuncCode] = {}
        self._packs: dict[int, tuple[Pack, bool]] = {}
        self.cur: FuncCode | None = None
        self.global_slots: dict[int, VarSlot] = {}
        self._setup_globals()
        funcs = program.all_funcs or list(program.funcs.values())
        for f in funcs:
            self.codes[id(f)] = self._layout(f)
        for f in funcs:
            code = self.codes[id(f)]
            self.cur = code
            code.body = self.block(f.body, fn_body=True)
        self.cur = None
