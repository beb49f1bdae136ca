"""Loading a snippet or file and running it headless, with errors as one
`FILE:LINE:COL: message` line. Shared by the CLI, the picker, levels and packs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Loaded:
    """A source file parsed and ready to run."""

    snippet: Any       # game.snippets.Snippet
    program: Any       # lang.ir.Program
    display: str       # the name used in messages and JSON


class LoadError(Exception):
    """A one-line `FILE:LINE:COL: message`: bad input, never a traceback."""


def load(ref: str) -> Loaded:
    from .snippets import resolve

    try:
        snip = resolve(ref)
    except (FileNotFoundError, ValueError) as e:
        raise LoadError(f"{ref}:1:1: {e}") from None
    display = snip.path.name if snip.id != str(snip.path) else ref
    try:
        source = snip.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LoadError(f"{display}:1:1: cannot read file: {e}") from None
    return load_source(source, display, snip)


def load_source(source: str, display: str, snippet: Any) -> Loaded:
    """Parse `source` as a new version of `snippet` (the fix-it editor, graders):
    the snippet gives the language and the declared entry."""
    from ..lang.ir import UnsupportedError
    from ..lang.load import parse_source

    try:
        program = parse_source(source, display, snippet.language)
    except UnsupportedError as e:
        e.file = display
        raise LoadError(str(e).replace("\n", "; ")) from None
    return Loaded(snippet, program, display)


def run_loaded(
    loaded: Loaded, entry: str | None, *, accesses: bool = False, realistic: bool = False,
    max_steps: int | None = None, cache: Any = None,
):
    from ..lang.ir import UnsupportedError
    from ..sim.machine import Limits
    from ..sim.run import CacheConfig, run_program

    limits = Limits() if max_steps is None else Limits(max_steps=max_steps)
    try:
        result = run_program(
            loaded.program, entry, declared_entry=loaded.snippet.entry,
            accesses=accesses, realistic_gc=realistic, limits=limits,
            cache=cache or CacheConfig(),
        )
    except UnsupportedError as e:
        e.file = loaded.display
        raise LoadError(str(e).replace("\n", "; ")) from None
    if result.error is not None:
        line, col = result.error.pos
        msg = result.error.message.replace("\n", "; ")
        raise LoadError(f"{loaded.display}:{max(line, 1)}:{max(col, 1)}: {msg}")
    return result


def trace_json(loaded: Loaded, result: Any, accesses: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "language": loaded.program.language,
        "file": loaded.display,
        "entry": result.entry,
        "sites": [s.to_json() for s in loaded.program.sites],
        "totals": result.totals.to_json(),
        "output": result.output,
    }
    if accesses:
        out["accesses"] = [list(a) for a in result.accesses]
    return out
