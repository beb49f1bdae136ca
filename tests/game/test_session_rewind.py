"""GameSession starts at position 0 through TraceCursor.at_start (every
write undone in one pass, only block-state events undone) instead of
rewinding step by step from the end. Both routes must give the same session
at every position: the same frames, heap map, narration, counters and block
contents, on every built-in snippet and on corpus files whose global
initialisers allocate blocks that the run then frees (the slow route)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stackvsheap.game.session import GameSession, LoadError
from stackvsheap.sim.trace import ALLOC, REALLOC, TraceCursor

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests/differential").glob("*/corpus/*.*"))
FILES = sorted((ROOT / "assets/snippets").glob("*/*.*")) + CORPUS[::7] + [
    ROOT / "tests/differential/rust/corpus/iter_into_filter_map_inplace.rs"]  # the slow route

# A global the run drops, swept by the GC during the run: the slow route.
INIT_FREED_GO = """package main

var big = make([]int, 100000)
var sink *[64]int

func churn() int {
	big = nil
	total := 0
	for i := 0; i < 3000; i++ {
		sink = new([64]int)
		total += len(sink)
	}
	return total
}
"""

_ID = re.compile(r"#\d+|0x7f[0-9a-f]{10}|at 0x[0-9a-f]+>")


def _clean(x: Any) -> str:
    """repr without Python object ids (blocks are named by their id)."""
    return _ID.sub("#", repr(x))


def _blocks(s: GameSession) -> list[str]:
    """Every block the trace names, in first-seen order, by value."""
    seen: dict[int, Any] = {}
    for ev in s.rec.events:
        if ev[0] in (ALLOC, REALLOC):
            for b in ev[1:3] if ev[0] == REALLOC else ev[1:2]:
                seen.setdefault(id(b), b)
    for b, *_ in s.rec.wlog:
        seen.setdefault(id(b), b)
    return [_clean((b.addr, b.alive, b.mark, b.count, b.size, b.cells)) for b in seen.values()]


def _gc(s: GameSession) -> Any:
    g = s.gc_view()
    if g is None:
        return None
    return (g.cycle, g.forced, [(b.addr, c) for b, c in g.order], len(g.marked), _clean(g.swept))


def _view(s: GameSession) -> tuple:
    hm = s.heap
    return (
        s.position, _clean(s.totals()), s.sp(), s.output(), s.narration(),
        [_clean(s.frame_box(d)) for d in range(len(s.frames()))],
        _gc(s), _clean(sorted(hm.spans.items())), hm.span_bases,
        hm.chunk_addrs, hm.live_blocks, hm.live_bytes, sorted(hm._sizes.values()),
        _clean(hm.newest), sorted(_clean(b) for b in s.cursor.heap.values()),
        s.cursor.gc_phase, _blocks(s),
    )


def _walk(path: Path) -> list[tuple]:
    s = GameSession.load(str(path))
    n = s.n_steps
    out = [_view(s)]
    for k in (1, 2, n // 3, n, n // 2, n - 1, 0, n // 5 + 1):
        s.jump(k)
        out.append(_view(s))
    return out


def test_a_global_freed_by_the_run_takes_the_slow_route(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "init_freed.go"
    path.write_text(INIT_FREED_GO)
    s = GameSession.load(str(path))
    assert s.final_totals.gc_cycles > 0 and TraceCursor.at_start(s.rec) is None
    test_rewinding_at_start_equals_rewinding_from_the_end(path, monkeypatch)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rewinding_at_start_equals_rewinding_from_the_end(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        fast = _walk(path)
    except LoadError as e:
        pytest.skip(f"not playable: {e}")
    monkeypatch.setattr(TraceCursor, "at_start", classmethod(lambda cls, rec: None))
    slow = _walk(path)
    assert fast == slow


def test_both_routes_are_taken() -> None:
    """The corpus has runs for each route (else the test above proves little)."""
    routes = set()
    for path in FILES:
        try:
            s = GameSession.load(str(path))
        except LoadError:
            continue
        routes.add(TraceCursor.at_start(s.rec) is not None)
    assert routes == {True, False}


@pytest.mark.parametrize("name", ["go/create_many_boxes.go", "rust/sum_vec_of_boxes.rs", "rust/vec_push_growth.rs"])
def test_a_jump_equals_single_steps(name: str) -> None:
    """A jump moves its range in two passes (writes, then events) and sorts
    the heap map's address lists once; stepping there one step at a time
    gives the same session."""
    path = ROOT / "assets/snippets" / name
    jumper, stepper = GameSession.load(str(path)), GameSession.load(str(path))
    n = jumper.n_steps
    for k in (n, n // 3, 2 * n // 3, 1, n - 1):
        jumper.jump(k)
        while stepper.position != k:
            stepper.step() if stepper.position < k else stepper.back()
        # (but the highlighted newest block: a step keeps the last one added,
        # a jump shows only the allocation of the step just run)
        a, b = _view(jumper), _view(stepper)
        assert a[:13] + a[14:] == b[:13] + b[14:], f"at {k}"
