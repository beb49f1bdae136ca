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

from trace_golden import DATA, ROOT, entry

GOLDEN: dict[str, dict[str, str]] = json.loads(DATA.read_text())


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_trace_json_is_byte_identical(name: str) -> None:
    path = ROOT / name
    if not path.is_file():
        pytest.skip(f"{name} is gone")
    got = entry(path)
    want = GOLDEN[name]
    if got["source"] != want["source"]:
        pytest.skip(f"{name} changed since the golden hashes were taken")
    assert got["json"] == want["json"], f"{name}: trace --json differs"
    assert got["accesses"] == want["accesses"], f"{name}: trace --json --accesses differs"


def test_golden_set_covers_snippets_and_corpus() -> None:
    assert sum(n.startswith("assets/snippets/") for n in GOLDEN) >= 30
    assert sum(n.startswith("tests/differential/") for n in GOLDEN) >= 200
