"""`trace --json` (with and without `--accesses`) of every built-in snippet
and corpus file is byte-identical to the golden hashes in trace_golden.json:
speed work on the machine core must not change a single byte of output.

A file whose source changed since the hashes were taken (or a new file) is
skipped; after a deliberate change of output, regenerate with
`PYTHONPATH=$PWD python -m tests.sim.trace_golden`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trace_golden import DATA, ROOT, entry, trace_text, _sha

from stackvsheap.sim.cache import L1Cache

GOLDEN: dict[str, dict[str, str]] = json.loads(DATA.read_text())


def _current(name: str) -> Path:
    """The golden file, skipping the test if it is gone or has changed."""
    path = ROOT / name
    if not path.is_file():
        pytest.skip(f"{name} is gone")
    if _sha(path.read_text(encoding="utf-8")) != GOLDEN[name]["source"]:
        pytest.skip(f"{name} changed since the golden hashes were taken")
    return path


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_trace_json_is_byte_identical(name: str) -> None:
    got = entry(_current(name))
    want = GOLDEN[name]
    assert got["json"] == want["json"], f"{name}: trace --json differs"
    assert got["accesses"] == want["accesses"], f"{name}: trace --json --accesses differs"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_pure_python_cache_gives_the_same_json(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same hashes with the compiled L1 and step log (sim/_l1c.c)
    switched off: where they are built, the test above ran them (`--accesses`
    records the run), so the two paths agree byte for byte."""
    path = _current(name)
    monkeypatch.setattr(L1Cache, "compiled", False)
    assert _sha(trace_text(path, False)) == GOLDEN[name]["json"], f"{name}: trace --json differs"
    assert _sha(trace_text(path, True)) == GOLDEN[name]["accesses"], f"{name}: trace --json --accesses differs"


def test_golden_set_covers_snippets_and_corpus() -> None:
    assert sum(n.startswith("assets/snippets/") for n in GOLDEN) >= 30
    assert sum(n.startswith("tests/differential/") for n in GOLDEN) >= 200
