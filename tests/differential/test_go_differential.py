"""The simulator against the real Go toolchain: allocations per call and output.

For every built-in Go snippet and every corpus file, `heap_allocs` of one
simulated call must equal `testing.AllocsPerRun` of the real program (built
with -gcflags=-l), and the printed output must match. The toolchain's
results are cached per source hash (go_oracle.py), so this runs offline.
Site-by-site agreement with `-gcflags='-m -l'` is tests/lang/test_go_escape.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stackvsheap.game.snippets import parse_header
from stackvsheap.lang.go.frontend import parse_go
from stackvsheap.sim.run import run_program

from .go_oracle import CORPUS_DIR, SNIPPETS_DIR, OracleUnavailable, all_go_files, cached_oracle

FILES = all_go_files()


def _oracle(path: Path) -> dict:
    try:
        return cached_oracle(path)
    except OracleUnavailable as e:
        pytest.skip(str(e))


@pytest.mark.differential
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_allocs_and_output_match_go(path: Path) -> None:
    expected = _oracle(path)
    source = path.read_text()
    program = parse_go(source, path.name)
    entry = parse_header(source).get("entry")
    result = run_program(program, expected["entry"], declared_entry=entry)
    assert result.error is None, result.error
    assert result.totals.heap_allocs == expected["allocs"], (
        f"{path.name}: simulator {result.totals.heap_allocs} allocations per call, "
        f"testing.AllocsPerRun {expected['allocs']}"
    )
    assert result.output == expected["output"]


def test_corpus_is_large_enough() -> None:
    assert len(list(CORPUS_DIR.glob("*.go"))) >= 40
    assert len(list(SNIPPETS_DIR.glob("*.go"))) >= 15
