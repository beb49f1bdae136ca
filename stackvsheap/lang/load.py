"""Pick the front end for a source file."""

from __future__ import annotations

from .ir import Program, UnsupportedError


def parse_source(source: str, file: str, language: str) -> Program:
    """Parse, type-check, lower and analyse `source`; raises UnsupportedError
    (`file:line:col: message`) for anything the simulator cannot run."""
    try:
        if language == "go":
            from .go.frontend import parse_go

            return parse_go(source, file)
        if language == "rust":
            from .rust.frontend import parse_rust

            return parse_rust(source, file)
    except UnsupportedError as e:
        e.file = e.file or file
        raise
    except RecursionError:
        raise UnsupportedError("unsupported: nesting too deep", (1, 1), file) from None
    raise UnsupportedError(f"unsupported language {language!r}", (1, 1), file)
