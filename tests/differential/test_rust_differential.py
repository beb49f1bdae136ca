"""The simulator against the real rustc: allocator calls of one call and output.

For every built-in Rust snippet and every corpus file, one simulated call of
the entry function must make exactly the allocator calls a counting
`#[global_allocator]` sees in a debug build: `heap_allocs` (alloc +
alloc_zeroed), `heap_reallocs`, `heap_frees`, `heap_bytes`, and print the
same output. The real results are cached per source hash by
`rust_oracle.py`, so this runs without a Rust toolchain; a file without a
cached result is skipped only when rustc is absent.

Stricter than the totals: the order of the calls (`events`: which
allocation, reallocation and free happens when) must match too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stackvsheap.lang.rust.frontend import parse_rust
from stackvsheap.sim import machine as machine_mod
from stackvsheap.sim.run import RunResult, run_program

from . import rust_oracle
from .rust_oracle import CORPUS_DIR, LEVELS_DIR, SNIPPETS_DIR

FILES = rust_oracle.default_paths()
REFUSED = [p for p in sorted(SNIPPETS_DIR.glob("*.rs")) if rust_oracle.refused(p)]


def _id(p: Path) -> str:
    if p.is_relative_to(LEVELS_DIR):
        return f"level/{p.parent.name}/{p.stem}"
    return f"{'snippet' if p.parent == SNIPPETS_DIR else 'corpus'}/{p.stem}"


def _oracle(path: Path) -> dict[str, Any]:
    try:
        result = rust_oracle.cached_oracle(path)
    except rust_oracle.OracleError as e:  # pragma: no cover - a broken toolchain
        pytest.fail(f"rustc could not build {path.name}: {e}")
    if result is None:
        pytest.skip(f"{path.name}: no cached rustc result and no rustc on this machine "
                    f"(run: python tests/differential/rust_oracle.py)")
    return result


def _run(path: Path, expected: dict[str, Any]) -> RunResult:
    source = path.read_text(encoding="utf-8")
    program = parse_rust(source, path.name)
    return run_program(program, expected["entry"])


def _totals(r: RunResult) -> dict[str, Any]:
    t = r.totals
    return {"allocs": t.heap_allocs, "reallocs": t.heap_reallocs, "frees": t.heap_frees,
            "bytes": t.heap_bytes, "output": r.output}


def _expected(o: dict[str, Any]) -> dict[str, Any]:
    return {k: o[k] for k in ("allocs", "reallocs", "frees", "bytes", "output")}


@pytest.mark.differential
@pytest.mark.parametrize("path", FILES, ids=_id)
def test_allocator_calls_and_output_match_rustc(path: Path) -> None:
    expected = _oracle(path)
    result = _run(path, expected)
    assert result.error is None, f"{path.name}: {result.error.message} at {result.error.pos}"
    assert _totals(result) == _expected(expected)


class _EventLog:
    """The allocator calls of a run, in the oracle's notation."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[str] = []
        M = machine_mod.Machine
        alloc, free, realloc = M.rust_alloc, M.rust_free, M.rust_realloc
        log = self.events

        def rust_alloc(m: Any, elem: Any, count: int, *a: Any, **k: Any) -> Any:
            b = alloc(m, elem, count, *a, **k)
            if elem.size * count:
                log.append(f"a:{elem.size * count}")
            return b

        def rust_free(m: Any, b: Any) -> None:
            if b.size:
                log.append(f"d:{b.size}")
            free(m, b)

        def rust_realloc(m: Any, b: Any, count: int, pos: Any) -> Any:
            old = b.size
            nb = realloc(m, b, count, pos)
            if old:  # (from nothing, realloc calls rust_alloc, which logged it)
                log.append(f"r:{old}>{b.elem_size * count}")
            return nb

        monkeypatch.setattr(M, "rust_alloc", rust_alloc)
        monkeypatch.setattr(M, "rust_free", rust_free)
        monkeypatch.setattr(M, "rust_realloc", rust_realloc)


@pytest.mark.differential
@pytest.mark.parametrize("path", FILES, ids=_id)
def test_allocator_call_order_matches_rustc(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _oracle(path)
    source = path.read_text(encoding="utf-8")
    program = parse_rust(source, path.name)
    log = _EventLog(monkeypatch)
    result = run_program(program, expected["entry"])
    assert result.error is None
    want = [e.replace("z:", "a:") for e in expected["events"]]  # alloc_zeroed counts as alloc
    got = log.events
    if want and want[-1] == "...":
        want = want[:-1]
        got = got[: len(want)]
    assert got == want


def test_agreement_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """Files fully matched (totals and output) out of all files with a result."""
    matched = 0
    total = 0
    misses: list[str] = []
    for path in FILES:
        expected = rust_oracle.lookup_cache(path)
        if expected is None:
            continue
        total += 1
        try:
            result = _run(path, expected)
            ok = result.error is None and _totals(result) == _expected(expected)
        except Exception as e:  # noqa: BLE001 - counted as a miss, reported below
            ok = False
            misses.append(f"{path.name}: {type(e).__name__}: {e}")
        if ok:
            matched += 1
        elif not misses or not misses[-1].startswith(path.name):
            misses.append(path.name)
    with capsys.disabled():
        print(f"\nRust differential agreement: {matched}/{total} files fully matched")
    assert total >= len(FILES) - 2
    assert matched == total, misses


def test_score_ranks_plain_values_above_boxes() -> None:
    """Three boxes cost three allocations and frees: the plain version must score higher."""
    def score(name: str) -> int:
        path = SNIPPETS_DIR / f"{name}.rs"
        source = path.read_text(encoding="utf-8")
        r = run_program(parse_rust(source, path.name), declared_entry=rust_oracle.default_entry(source))
        assert r.error is None
        return r.totals.score

    assert score("sum_value") > score("sum_value_boxed")


@pytest.mark.parametrize("path", REFUSED, ids=_id)
def test_refused_snippets_fail_as_rustc_does(path: Path) -> None:
    """A snippet whose lesson is a compile error: the front end gives rustc's
    message at rustc's line and column (rustc itself is asked when present)."""
    from stackvsheap.lang.ir import UnsupportedError

    message = rust_oracle.refused(path)
    assert message is not None
    with pytest.raises(UnsupportedError) as exc:
        parse_rust(path.read_text(encoding="utf-8"), path.name)
    assert message in str(exc.value)
    if rust_oracle.rustc_version() is not None:
        first = rust_oracle.compile_error(path)
        assert first.startswith("error[") and first.endswith("]: " + message)


def test_files_exist() -> None:
    assert len(FILES) >= 70
