"""Golden hashes of `stackvsheap trace --json` for every built-in snippet and
corpus file, so a change to the machine core provably keeps the output byte-
identical.

Each file gets the sha256 of its source and of the exact text `trace --json`
prints, with and without `--accesses` (every access's address, size, kind and
hit or miss: the cache path, access by access). A file that fails to load
hashes its one-line error instead.

Regenerate after a deliberate change of output (from the repository root):
    PYTHONPATH=$PWD python -m tests.sim.trace_golden
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from pathlib import Path

from stackvsheap.game.loading import LoadError, load, run_loaded, trace_json

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).with_name("trace_golden.json")
GLOBS = (
    "assets/snippets/go/*.go", "assets/snippets/rust/*.rs",
    "tests/differential/go/corpus/*.go", "tests/differential/rust/corpus/*.rs",
)


def golden_files() -> list[Path]:
    return [p for g in GLOBS for p in sorted(ROOT.glob(g))]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def trace_text(path: Path, accesses: bool) -> str:
    """What `stackvsheap trace PATH --json [--accesses]` prints (stdout, or
    the error line on stderr), run from the repository root with PATH
    relative to it (the JSON names the file as given)."""
    try:
        with contextlib.chdir(ROOT):
            loaded = load(key(path))
            result = run_loaded(loaded, None, accesses=accesses)
    except LoadError as e:
        return f"error: {e}\n"
    return json.dumps(trace_json(loaded, result, accesses), indent=1) + "\n"


def entry(path: Path) -> dict[str, str]:
    return {
        "source": _sha(path.read_text(encoding="utf-8")),
        "json": _sha(trace_text(path, False)),
        "accesses": _sha(trace_text(path, True)),
    }


def key(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def main() -> int:
    data = {key(p): entry(p) for p in golden_files()}
    DATA.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"{DATA.relative_to(ROOT)}: {len(data)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
