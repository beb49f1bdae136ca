"""The loops of a program, found once in its IR, for the loop keys (i, l)."""

from __future__ import annotations

from typing import Any

from ..lang import ir
from .views import LoopInfo


# ---- loops in the IR --------------------------------------------------------------


def find_loops(program: ir.Program) -> list[LoopInfo]:
    out: list[LoopInfo] = []
    funcs = program.all_funcs or list(program.funcs.values())
    for f in funcs:
        _loops_in(f.body, f.name, out)
    return out


def _lines_of(node: Any, acc: list[int]) -> None:
    for n in ir.walk(node):
        pos = getattr(n, "pos", None)
        if isinstance(n, ir.Stmt) and pos:
            acc.append(pos[0])
        end = getattr(n, "end_pos", None)
        if isinstance(n, ir.Block) and end:
            acc.append(end[0])


def _loops_in(node: Any, fname: str, out: list[LoopInfo]) -> None:
    for n in ir.walk(node):
        if isinstance(n, ir.Loop):
            lines: list[int] = [n.pos[0]]
            _lines_of(n.body, lines)
            if n.post is not None:
                _lines_of(n.post, lines)
            cond = n.cond_pos or n.pos
            # Go's map range and Rust's HashMap iterators (sim/rust/hashmap.py)
            over_map = isinstance(n.cond, ir.Intrinsic) and (
                n.cond.name == "gomap_next" or n.cond.name.startswith("map_for_next_"))
            out.append(LoopInfo(fname, cond[0], cond[1], min(lines), max(lines), over_map))
