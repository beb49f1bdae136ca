"""Parsing of `write!`, `writeln!` and `dbg!` (the rest of the macros: parse.py).

`write!(f, "...", args)` is a print into the formatter `f`; `writeln!`
appends "\\n" to the format string, as std's macro does (`concat!`).

`dbg!(e)` is std's expansion, written out as syntax:
`match e { tmp => { eprintln!("[src/main.rs:L:C] e = {:#?}", &tmp); tmp } }`,
with the file as Cargo names it, the line and column of the `dbg!` and the
expression's text (stringify!).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import ast as A
from .fmtspec import Hole

if TYPE_CHECKING:
    import tree_sitter as ts

DBG_FILE = "src/main.rs"


def parse_macro(ps: Any, name: str, tt: "ts.Node", p: A.Pos) -> A.Expr:
    if name == "dbg":
        return _dbg(ps, tt, p)
    nodes = ps._macro_args(tt, p)
    delta = ps._args_delta
    if not nodes:
        ps.fail(f"error: unexpected end of macro invocation ({name}! takes a destination)", p)
    old = ps.delta
    ps.delta = delta
    try:
        dest = ps.expr(nodes[0])
    finally:
        ps.delta = old
    if len(nodes) == 1:
        if name == "write":
            ps.fail("error: requires at least a format string argument", p)
        return A.WriteMacro(p, dest, ["\n"], [])
    pm = ps.print_nodes(nodes[1:], delta, p, False, name)
    pieces = list(pm.pieces)
    if name == "writeln":
        if pieces and not isinstance(pieces[-1], Hole):
            pieces[-1] = pieces[-1] + "\n"
        else:
            pieces.append("\n")
    return A.WriteMacro(p, dest, pieces, pm.args)


def _dbg(ps: Any, tt: "ts.Node", p: A.Pos) -> A.Expr:
    nodes = ps._macro_args(tt, p)
    if len(nodes) != 1:
        ps.unsupported_at(p, "dbg! with " + ("no argument" if not nodes else "several arguments"))
    old = ps.delta
    ps.delta = ps._args_delta
    try:
        x = ps.expr(nodes[0])
        text = " ".join(ps.txt(nodes[0]).split())
    finally:
        ps.delta = old
    tmp = A.PIdent(p, "tmp")
    line, col = p
    prefix = f"[{DBG_FILE}:{line}:{col}] {text} = "
    show = A.PrintMacro(p, [prefix, Hole("?", alt=True)], [A.Ref(p, False, A.Path(p, ["tmp"]))], True, True)
    body = A.Block(p, [A.ExprStmt(p, show, True)], A.Path(p, ["tmp"]), p)
    return A.Match(p, x, [A.Arm(p, tmp, None, body)])
