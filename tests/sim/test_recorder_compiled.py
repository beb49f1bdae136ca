"""The compiled step log (sim/_l1c.c StepLog and the cache's recorded
access) against trace.Recorder's pure-Python closures: every recorded array,
counter, access, cache snapshot and event is the same, on runs long enough
to cross the packing and snapshot boundaries, with forced GC cycles, and
when the recording budget stops a run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stackvsheap.game.snippets import snippet_from_path
from stackvsheap.lang.ir import UnsupportedError
from stackvsheap.lang.load import parse_source
from stackvsheap.sim import cache as cache_mod
from stackvsheap.sim import trace as trace_mod
from stackvsheap.sim.cache import L1Cache
from stackvsheap.sim.machine import Limits
from stackvsheap.sim.run import run_program
from stackvsheap.sim.trace import TraceCursor, forcing_gc

pytestmark = pytest.mark.skipif(cache_mod._l1c is None, reason="the C extension is not built here")

ROOT = Path(__file__).resolve().parents[2]

GO_LOOP = """package main

func boxes() int {
	var keep []*int
	total := 0
	for i := 0; i < 3000; i++ {
		v := i
		keep = append(keep, &v)
		total += *keep[i/2]
	}
	return total
}
"""

RUST_LOOP = """fn main() {
    let v: Vec<Box<u64>> = (0..6000).map(|i| Box::new(i)).collect();
    let mut s = 0;
    for b in v.iter() {
        s += **b;
    }
    let mut w = Vec::new();
    for i in 0..900 {
        w.push(i * 2);
    }
    println!("{} {}", s, w.len());
}
"""


def _record(src: str, name: str, lang: str, compiled: bool, monkeypatch: pytest.MonkeyPatch,
            **kw: Any) -> Any:
    monkeypatch.setattr(L1Cache, "compiled", compiled)
    prog = parse_source(src, name, lang)
    return run_program(prog, record=True, **kw)


def _shape(res: Any) -> dict[str, Any]:
    """Everything the cursor and the JSON read from a recording, by value."""
    rec = res.recorder
    cur = TraceCursor(rec)
    heaps = []
    for k in range(0, rec.nsteps + 1, max(1, rec.nsteps // 25)):
        cur.seek(k)
        heaps.append((cur.line(), cur.sp(), cur.totals().to_json(), cur.step_accesses(min(k, rec.nsteps - 1))[:8] if rec.nsteps else [],
                      cur.cache_at().resident()))
    return {
        "cols": [list(a) for a in (rec.step_line, rec.step_col, rec.step_depth, rec.step_w,
                                   rec.step_e, rec.step_a, rec.step_sp)],
        "counters": list(rec.counters),
        "acc": (list(rec.acc_addr), list(rec.acc_meta), rec.acc_big),
        "snaps": [(n, s) for n, s in rec.cache_snaps],
        "events": [tuple(type(x).__name__ if not isinstance(x, (int, str)) else x for x in ev)
                   for ev in rec.events],
        "wlog": len(rec.wlog),
        "totals": res.totals.to_json(),
        "error": None if res.error is None else (res.error.message, res.error.pos),
        "cursor": heaps,
    }


@pytest.mark.parametrize("src,name,lang", [(GO_LOOP, "loop.go", "go"), (RUST_LOOP, "loop.rs", "rust")],
                         ids=["go", "rust"])
def test_long_recordings_match(src: str, name: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pure = _shape(_record(src, name, lang, False, monkeypatch))
    fast = _shape(_record(src, name, lang, True, monkeypatch))
    assert pure["cols"][0] and len(pure["cols"][0]) > 3 * trace_mod.CHUNK  # crosses packing
    assert len(pure["snaps"]) > 3  # and several cache snapshots
    assert fast == pure


def test_forced_gc_steps_match(monkeypatch: pytest.MonkeyPatch) -> None:
    with forcing_gc([5, 700, 5000]):
        pure = _shape(_record(GO_LOOP, "loop.go", "go", False, monkeypatch))
        fast = _shape(_record(GO_LOOP, "loop.go", "go", True, monkeypatch))
    assert pure["totals"]["gc_cycles"] >= 3
    assert fast == pure


def test_recording_budget_stops_both_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1 MiB budget is passed at the first packing boundary: same error,
    same position, same recorded prefix."""
    limits = Limits(max_record_mb=1)
    pure = _shape(_record(GO_LOOP, "loop.go", "go", False, monkeypatch, limits=limits))
    fast = _shape(_record(GO_LOOP, "loop.go", "go", True, monkeypatch, limits=limits))
    assert pure["error"] is not None and "recording limit exceeded" in pure["error"][0]
    assert fast == pure


@pytest.mark.parametrize("path", sorted((ROOT / "assets/snippets").glob("*/*.*")), ids=lambda p: p.name)
def test_snippet_recordings_match(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    snip = snippet_from_path(path)
    try:
        prog = parse_source(path.read_text(), path.name, snip.language)
    except UnsupportedError as e:  # snippets that teach a compile error
        pytest.skip(str(e))
    runs = []
    for compiled in (False, True):
        monkeypatch.setattr(L1Cache, "compiled", compiled)
        runs.append(_shape(run_program(prog, declared_entry=snip.entry, record=True)))
    assert runs[1] == runs[0]


BIG_GO = """package main

func main() {
	buf := make([]byte, 200000)
	grow := []int{}
	for i := 0; i < 20000; i++ {
		grow = append(grow, i)
	}
	println(len(buf), len(grow))
}
"""

BIG_RUST = """fn main() {
    let mut v: Vec<u64> = Vec::new();
    for i in 0..20000 {
        v.push(i);
    }
    println!("{}", v.len());
}
"""


@pytest.mark.parametrize("src,name,lang", [(BIG_GO, "big.go", "go"), (BIG_RUST, "big.rs", "rust")],
                         ids=["go", "rust"])
def test_accesses_over_64_kib_keep_their_size(src: str, name: str, lang: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A memset or a realloc's memcpy over a whole region is one access; its
    size, past the 4-byte entry's field, comes back exactly both ways."""
    runs = [_record(src, name, lang, compiled, monkeypatch, accesses=True) for compiled in (False, True)]
    pure, fast = (_shape(r) for r in runs)
    assert fast == pure
    big = pure["acc"][2]
    assert big and min(big.values()) >= 0xFFFF
    rec = runs[0].recorder
    for j, size in big.items():
        assert rec.access_size(j) == size
        assert runs[0].accesses[j][2] == size  # the JSON's `accesses`
    assert max(s for _, _, s in runs[1].accesses) == max(big.values())
