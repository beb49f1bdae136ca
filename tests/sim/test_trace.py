"""The recorded trace: any step reachable forward or back, with the same state."""

from __future__ import annotations

from typing import Any

import pytest

from stackvsheap.game.snippets import catalog
from stackvsheap.lang.load import parse_source
from stackvsheap.sim.memory import Ptr, SliceV, StrV
from stackvsheap.sim.run import run_program
from stackvsheap.sim.trace import TraceCursor


def _cell(v: Any) -> Any:
    if isinstance(v, Ptr):
        return ("ptr", v.block.id, v.index)
    if isinstance(v, SliceV):
        return ("slice", v.block.id if v.block else None, v.start, v.length, v.cap)
    if isinstance(v, StrV):
        return ("str", v.text)
    return v


def snapshot(c: TraceCursor) -> tuple:
    """Everything the UI reads at the cursor."""
    frames = tuple(
        (fv.frame.func.name, fv.frame.block.addr, tuple(v.name for v in fv.visible),
         tuple(_cell(x) for x in fv.frame.block.cells))
        for fv in c.stack
    )
    heap = tuple(sorted(
        (b.id, b.addr, b.count, b.mark, tuple(_cell(x) for x in b.cells[: b.count * b.nleaves]))
        for b in c.heap.values()
    ))
    return (c.line(), c.sp(), frames, heap, c.totals().to_json(), tuple(c.output), c.gc_phase)


def recorded(sid: str):
    snip = catalog()[sid]
    prog = parse_source(snip.source, snip.path.name, snip.language)
    res = run_program(prog, declared_entry=snip.entry, record=True)
    assert res.error is None
    return res


@pytest.mark.parametrize("sid", ["go/create_many_boxes", "go/gc_churn", "go/closure_capture",
                                 "rust/sum_vec_of_boxes", "rust/drop_prints", "rust/hashmap_lazy_table"])
def test_back_and_forth_agree(sid: str) -> None:
    res = recorded(sid)
    c = TraceCursor(res.recorder)
    n = c.n
    assert n == res.totals.steps
    end = snapshot(c)
    c.seek(0)
    start = snapshot(c)
    assert start[3] == () and start[4]["heap_allocs"] == 0
    probes = sorted({0, 1, 2, n // 3, n // 2, n - 2, n - 1, n})
    forward = {}
    for k in probes:
        c.seek(k)
        forward[k] = snapshot(c)
    assert forward[n] == end
    for k in reversed(probes):
        c.seek(k)
        assert snapshot(c) == forward[k], f"step {k} differs going back"
    # single steps back from the middle equal the forward states
    mid = n // 2
    c.seek(mid + 3)
    for k in (mid + 2, mid + 1, mid):
        c.seek(k)
        c.seek(k)  # idempotent
    assert snapshot(c) == forward[n // 2] if mid == n // 2 else True


def test_totals_at_end_match_the_run() -> None:
    res = recorded("go/gc_churn")
    c = TraceCursor(res.recorder)
    t = c.totals()
    assert t.heap_allocs == res.totals.heap_allocs
    assert t.gc_cycles == res.totals.gc_cycles > 0
    assert t.cache_hits == res.totals.cache_hits


def test_recording_does_not_change_the_numbers() -> None:
    snip = catalog()["go/create_many_boxes"]
    prog = parse_source(snip.source, snip.path.name, "go")
    plain = run_program(prog, declared_entry=snip.entry).totals.to_json()
    rec = run_program(
        parse_source(snip.source, snip.path.name, "go"), declared_entry=snip.entry, record=True
    ).totals.to_json()
    assert plain == rec


def test_cache_at_any_step_replays_to_the_same_counters() -> None:
    res = recorded("go/create_many_boxes")
    c = TraceCursor(res.recorder)
    for k in (0, 5, c.n // 2, c.n):
        c.seek(k)
        cache = c.cache_at()
        t = c.totals()
        assert (cache.hits, cache.misses) == (t.cache_hits, t.cache_misses)


def test_a_loop_reuses_its_declaration_events() -> None:
    """Each iteration's DECL of the loop variable is the same tuple (8
    bytes an iteration), and stepping back over them still restores the
    visible locals of every step."""
    res = recorded("rust/sum_vec_of_boxes")
    decls = [e for e in res.recorder.events if e[0] == "decl"]
    assert len(decls) > len({id(e) for e in decls})
    c = TraceCursor(res.recorder)
    seen = []
    for k in range(c.n + 1):
        c.seek(k)
        seen.append(snapshot(c)[2])
    for k in range(c.n, -1, -1):
        c.seek(k)
        assert snapshot(c)[2] == seen[k], f"step {k}"


GROWING = {
    "go": ("grow.go", """package main

func grow() int {
	var xs []int
	var ps []*int
	for i := 0; i < 40; i++ {
		v := i
		xs = append(xs, i)
		ps = append(ps, &v)
		xs[0] = len(ps)
	}
	// a fill overwriting a cell this step already wrote, and a fill of a
	// block allocated a step before
	ys := append(append(make([]int, 0, 10), 5)[:0], xs...)
	dst := make([]int, 8)
	copy(dst, xs)
	sinkY, sinkD = ys, dst // (to the heap)
	return len(xs) + *ps[3] + ys[0] + dst[1]
}

var sinkY, sinkD []int

func main() { println(grow()) }
"""),
    "rust": ("grow.rs", """fn main() {
    let mut v: Vec<u64> = Vec::new();
    for i in 0..30 {
        v.push(i);
        let w = v.clone();
        v[0] = w.len() as u64;
    }
    println!("{}", v[0]);
}
"""),
}


@pytest.mark.parametrize("lang", ["go", "rust"])
def test_unlogged_fills_of_fresh_blocks_rewind_exactly(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """growslice's and clone's copies into a block the step just allocated
    are not logged (Recorder.logs_fill_of); every position, reached going
    back and then forward again, equals the run that logs every fill."""
    from stackvsheap.sim.trace import Recorder

    name, src = GROWING[lang]

    def walk() -> tuple[int, list[tuple]]:
        prog = parse_source(src, name, lang)
        res = run_program(prog, record=True)
        assert res.error is None
        c = TraceCursor(res.recorder)
        names: dict[int, str] = {}  # block ids differ between runs: name them by first sight
        for ev in res.recorder.events:
            if ev[0] in ("alloc", "realloc", "call"):
                for b in ev[1:3] if ev[0] == "realloc" else [ev[1].block] if ev[0] == "call" else ev[1:2]:
                    names.setdefault(b.id, f"B{len(names)}")

        def named(x: Any) -> Any:
            if isinstance(x, tuple):
                return tuple(named(y) for y in x)
            return names.get(x, x) if type(x) is int else x
        out = []
        for k in [*range(c.n, -1, -1), *range(c.n + 1)]:
            c.seek(k)
            snap = named(snapshot(c))
            out.append(snap[:3] + (sorted(snap[3], key=repr),) + snap[4:])
        return len(res.recorder.wlog), out

    fast_writes, fast = walk()
    monkeypatch.setattr(Recorder, "logs_fill_of", lambda self, b: True)
    slow_writes, slow = walk()
    assert fast_writes < slow_writes  # some fills went unlogged
    assert fast == slow
