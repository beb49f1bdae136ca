"""The Rust front end: source text -> `ir.Program`.

    parse.py    tree-sitter-rust -> syntax tree (macros re-parsed for real)
    typeck.py   names, types, inference, method resolution, coercions
    lower.py    moves, borrows, drops (with drop flags) -> IR

Everything outside the subset, every syntax error and every compile error
the subset can detect is an `UnsupportedError` carrying rustc's position;
no other exception escapes.
"""

from __future__ import annotations

import sys

from ..ir import Program, UnsupportedError
from .lower import lower_crate
from .parse import parse_crate
from .typeck import check_crate


def parse_rust(source: str, file: str = "<input>") -> Program:
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as e:
        before = source[: e.start]
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        raise UnsupportedError("syntax error: stream did not contain valid UTF-8", (line, col), file) from None
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20_000))
    try:
        crate = parse_crate(source, file)
        ck = check_crate(crate)
        return lower_crate(ck)
    except UnsupportedError as e:
        e.file = e.file or file
        raise
    except RecursionError:
        raise UnsupportedError("unsupported: nesting too deep", (1, 1), file) from None
    except Exception as e:  # a front-end bug must still be a clean error, never a traceback
        raise UnsupportedError(f"unsupported: internal front-end error ({type(e).__name__}: {e})",
                               (1, 1), file) from e
    finally:
        sys.setrecursionlimit(old)
