"""GameSession: loading, moving (by deltas), loops, narration, badges, the
heap map, frames, the cache, forced GC cycles.

The runs are hand-built IR programs (the front ends are tested elsewhere),
so line numbers and step counts are exact; a last group plays every
built-in snippet the front ends can already parse.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from stackvsheap.game.session import GameSession, LoadError
from stackvsheap.game.valuefmt import pieces_text, tag_letters
from stackvsheap.game.snippets import Snippet, catalog
from stackvsheap.lang import ir
from stackvsheap.lang.types import BOOL, GO_INTS, RUST_INTS, PtrType, SliceType

# ---- hand-built programs ------------------------------------------------------

BOXES_GO = """package main

// createManyBoxes returns n pointers, each to its own value.
func createManyBoxes() []*int {
	boxes := make([]*int, N)
	for i := range boxes {
		value := i
		boxes[i] = &value
	}
	return boxes
}
"""
BOXES_REASON = "its address is stored in `boxes`, which is returned"


def boxes_program(n: int = 100) -> ir.Program:
    """go/create_many_boxes with n boxes, lowered by hand: `value` is moved
    to the heap. With n = 100 the heap stays under the GC's first trigger."""
    INT = GO_INTS["int"]
    PI = PtrType(INT)
    SPI = SliceType(PI)
    boxes = ir.Var("boxes", SPI, (5, 2))
    i = ir.Var("i", INT, (6, 6))
    value = ir.Var("value", INT, (7, 3), addr_taken=True, placement="heap", reason=BOXES_REASON)
    mk = ir.AllocSite((5, 11), "make", f"make([]*int, {n})", "heap", "it is returned (leaks to the result)")
    body = ir.Block((6, 22), [
        ir.Decl((7, 3), value, ir.VarRef(INT, (7, 12), i)),
        ir.Assign((8, 3), [ir.IndexRef(PI, (8, 3), ir.VarRef(SPI, (8, 3), boxes), ir.VarRef(INT, (8, 9), i))],
                  [ir.AddrOf(PI, (8, 14), ir.VarRef(INT, (8, 15), value))]),
    ], scope=[value], end_pos=(9, 2))
    cond = ir.Binary(BOOL, (6, 6), "<", ir.VarRef(INT, (6, 6), i),
                     ir.Len(INT, (6, 17), ir.VarRef(SPI, (6, 17), boxes)))
    loop = ir.Loop((6, 2), cond, body,
                   post=ir.OpAssign((6, 6), ir.VarRef(INT, (6, 6), i), "+", ir.Const(INT, (6, 6), 1)),
                   cond_pos=(6, 2))
    fbody = ir.Block((4, 32), [
        ir.Decl((5, 2), boxes, ir.MakeSlice(SPI, (5, 11), mk, ir.Const(INT, (5, 20), n), None)),
        ir.Block((6, 2), [ir.Decl((6, 6), i, ir.Const(INT, (6, 6), 0)), loop], scope=[i]),
        ir.Return((10, 2), [ir.VarRef(SPI, (10, 9), boxes)]),
    ], scope=[boxes], end_pos=(11, 1))
    f = ir.Func("createManyBoxes", (4, 1), [], [SPI], fbody, locals=[boxes, i, value], end_pos=(11, 1))
    sites = [ir.Site(5, 15, "expr", "heap", mk.reason, expr=mk.text),
             ir.Site(7, 3, "var", "heap", value.reason, name="value")]
    return ir.Program("go", "create_many_boxes.go", BOXES_GO.replace("N)", f"{n})"), {"createManyBoxes": f},
                      [], [], sites, all_funcs=[f])


CALLS_GO = """package main

func add(a, b int) int {
	s := a + b
	return s
}

func work() int {
	p := new(int)
	*p = add(1, 2)
	return *p
}
"""


def calls_program() -> ir.Program:
    """A call (frames push and pop) and a `new(int)` that stays on the stack."""
    INT = GO_INTS["int"]
    PI = PtrType(INT)
    a, b = ir.Var("a", INT, (3, 10), is_param=True), ir.Var("b", INT, (3, 13), is_param=True)
    s = ir.Var("s", INT, (4, 2))
    add = ir.Func("add", (3, 1), [a, b], [INT], ir.Block((3, 23), [
        ir.Decl((4, 2), s, ir.Binary(INT, (4, 7), "+", ir.VarRef(INT, (4, 7), a), ir.VarRef(INT, (4, 11), b))),
        ir.Return((5, 2), [ir.VarRef(INT, (5, 9), s)]),
    ], scope=[s]), locals=[s])
    p = ir.Var("p", PI, (9, 2))
    site = ir.AllocSite((9, 7), "new", "new(int)", "stack", "new(int) does not escape")
    work = ir.Func("work", (8, 1), [], [INT], ir.Block((8, 17), [
        ir.Decl((9, 2), p, ir.Alloc(PI, (9, 7), site, None)),
        ir.Assign((10, 2), [ir.Deref(INT, (10, 2), ir.VarRef(PI, (10, 3), p))],
                  [ir.Call(INT, (10, 7), add, [ir.Const(INT, (10, 11), 1), ir.Const(INT, (10, 14), 2)])]),
        ir.Return((11, 2), [ir.Deref(INT, (11, 9), ir.VarRef(PI, (11, 10), p))]),
    ], scope=[p]), locals=[p])
    sites = [ir.Site(9, 7, "expr", "stack", site.reason, expr="new(int)")]
    return ir.Program("go", "calls.go", CALLS_GO, {"add": add, "work": work}, [], [], sites,
                      all_funcs=[add, work])


BOXES_RS = """fn make_boxes() -> i64 {
    let mut total = 0;
    let mut i = 0;
    while i < 5 {
        let b = Box::new(i);
        total += *b;
        i += 1;
    }
    total
}
"""


def rust_boxes_program() -> ir.Program:
    """Five `Box::new` in a loop (no drops: enough for the chunk map)."""
    I64 = RUST_INTS["i64"]
    PB = PtrType(I64, "box")
    total = ir.Var("total", I64, (2, 13), mutable=True)
    i = ir.Var("i", I64, (3, 13), mutable=True)
    b = ir.Var("b", PB, (5, 13), mutable=False)
    site = ir.AllocSite((5, 17), "box", "Box::new(i)", "heap", "Box::new always allocates")
    body = ir.Block((4, 17), [
        ir.Decl((5, 9), b, ir.Alloc(PB, (5, 17), site, ir.VarRef(I64, (5, 26), i))),
        ir.OpAssign((6, 9), ir.VarRef(I64, (6, 9), total), "+", ir.Deref(I64, (6, 18), ir.VarRef(PB, (6, 19), b)),
                    checked=True),
        ir.OpAssign((7, 9), ir.VarRef(I64, (7, 9), i), "+", ir.Const(I64, (7, 14), 1), checked=True),
    ], scope=[b], end_pos=(8, 5))
    loop = ir.Loop((4, 5), ir.Binary(BOOL, (4, 11), "<", ir.VarRef(I64, (4, 11), i), ir.Const(I64, (4, 15), 5)),
                   body, cond_pos=(4, 5))
    fbody = ir.Block((1, 24), [
        ir.Decl((2, 5), total, ir.Const(I64, (2, 21), 0)),
        ir.Decl((3, 5), i, ir.Const(I64, (3, 17), 0)),
        loop,
    ], scope=[total, i], tail=ir.VarRef(I64, (9, 5), total), end_pos=(10, 1))
    f = ir.Func("make_boxes", (1, 1), [], [I64], fbody, locals=[total, i, b], end_pos=(10, 1))
    sites = [ir.Site(5, 17, "expr", "heap", site.reason, expr="Box::new(i)")]
    return ir.Program("rust", "boxes.rs", BOXES_RS, {"make_boxes": f}, [], [], sites, all_funcs=[f])


def snippet(**kw: object) -> Snippet:
    base = dict(id="go/create_many_boxes", language="go", path=Path("create_many_boxes.go"),
                title="A thousand boxes", entry="createManyBoxes", lesson="escape",
                claim="Taking the address of a loop-local value moves it to the heap.",
                truth=None, pair=None, par=None)
    base.update(kw)
    return Snippet(**base)  # type: ignore[arg-type]


def rust_session() -> GameSession:
    """The Rust run; skipped while the simulator's Rust side is being built."""
    try:
        return GameSession.from_program(rust_boxes_program())
    except LoadError as e:
        if "internal" in str(e):
            pytest.skip(f"the simulator cannot run Rust yet: {e}")
        raise


@pytest.fixture
def boxes() -> GameSession:
    return GameSession.from_program(boxes_program(100), snippet=snippet())


# ---- loading -------------------------------------------------------------------


def test_unknown_ref_is_a_load_error() -> None:
    with pytest.raises(LoadError) as e:
        GameSession.load("go/no_such_snippet")
    assert str(e.value).startswith("go/no_such_snippet:1:1: ")


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as e:
        GameSession.load(str(tmp_path / "gone.go"))
    assert str(e.value) == f"{tmp_path / 'gone.go'}:1:1: no such file"


def test_bad_entry_is_a_load_error() -> None:
    with pytest.raises(LoadError) as e:
        GameSession.from_program(boxes_program(3), entry="nope")
    assert str(e.value) == "create_many_boxes.go:1:1: no function named nope"


def test_syntax_error_is_file_line_col(tmp_path: Path) -> None:
    bad = tmp_path / "bad.go"
    bad.write_text("package main\n\nfunc f() int {\n\treturn (\n}\n")
    with pytest.raises(LoadError) as e:
        GameSession.load(str(bad))
    text = str(e.value)
    assert text.startswith(str(bad) + ":") or text.startswith("bad.go:")
    assert "\n" not in text and "Traceback" not in text


# ---- moving ----------------------------------------------------------------------


def test_starts_at_zero_with_the_entry_frame_pushed(boxes: GameSession) -> None:
    assert boxes.position == 0 and boxes.at_start and not boxes.at_end
    assert boxes.n_steps == 404
    assert [fv.frame.func.name for fv in boxes.frames()] == ["createManyBoxes"]
    assert boxes.current_line() == 0 and boxes.next_line_no() == 5
    assert boxes.heap.live_blocks == 0


def test_step_back_jump_clamp(boxes: GameSession) -> None:
    assert boxes.step() and boxes.position == 1
    assert boxes.step(3) and boxes.position == 4
    assert boxes.back() and boxes.position == 3
    assert not boxes.jump(3)
    assert boxes.jump(10**9) and boxes.at_end
    assert not boxes.step()
    assert boxes.jump(-5) and boxes.at_start
    assert not boxes.back()
    assert boxes.end() and boxes.position == boxes.n_steps
    assert boxes.start() and boxes.position == 0


def test_back_undoes_one_step_without_replaying(boxes: GameSession) -> None:
    boxes.jump(300)
    calls = {"fwd": 0, "back": 0}
    cur = boxes.cursor
    fwd, bwd = cur._forward, cur._backward
    cur._forward = lambda a, b: (calls.__setitem__("fwd", calls["fwd"] + b - a), fwd(a, b))[1]  # type: ignore[method-assign]
    cur._backward = lambda a, b: (calls.__setitem__("back", calls["back"] + b - a), bwd(a, b))[1]  # type: ignore[method-assign]
    boxes.back()
    assert calls == {"fwd": 0, "back": 1}  # one step undone


def test_next_line_steps_to_another_line(boxes: GameSession) -> None:
    boxes.next_line()
    assert (boxes.position, boxes.current_line()) == (1, 5)
    boxes.next_line()
    assert boxes.current_line() == 6
    seen = []
    for _ in range(4):
        boxes.next_line()
        seen.append(boxes.current_line())
    assert seen == [7, 8, 6, 7]


def test_next_line_steps_over_calls() -> None:
    s = GameSession.from_program(calls_program(), entry="work")
    s.next_line()
    assert s.current_line() == 9
    s.next_line()  # line 10 calls add: its lines are stepped over
    assert s.current_line() == 10 and len(s.frames()) == 2
    s.next_line()  # the return on line 11 is the last step: work's frame is popped
    assert s.current_line() == 11 and s.at_end and s.frames() == []


def test_loops_skip_an_iteration_and_leave(boxes: GameSession) -> None:
    boxes.jump(3)  # the first condition check has run
    lp = boxes.current_loop()
    assert lp is not None and (lp.cond_line, lp.first_line, lp.last_line) == (6, 6, 9)
    k = boxes.position
    assert boxes.skip_iteration()
    assert boxes.position == k + 4 and boxes.current_line() == 6
    assert boxes.skip_iteration() and boxes.position == k + 8
    assert boxes.end_of_loop()
    assert boxes.next_line_no() == 10 and boxes.current_line() == 6
    assert boxes.heap.live_blocks == 101
    # after the loop, there is no loop to skip
    boxes.step()
    assert boxes.current_loop() is None and boxes.skip_iteration_target() is None


def test_heap_map_follows_the_cursor_both_ways(boxes: GameSession) -> None:
    rng = random.Random(4)
    for _ in range(60):
        boxes.jump(rng.randrange(0, boxes.n_steps + 1)) if rng.random() < 0.3 else (
            boxes.step(rng.randrange(1, 40)) if rng.random() < 0.5 else boxes.back(rng.randrange(1, 40)))
        live = {b.id for sp in boxes.heap.spans.values() for bl in sp.slots.values() for b in bl}
        assert live == set(boxes.cursor.heap)
        assert boxes.heap.live_blocks == len(boxes.cursor.heap)
        assert [b for b, _ in boxes.heap.span_bases] == sorted(b for b, _ in boxes.heap.span_bases)


def test_go_spans_by_size_class(boxes: GameSession) -> None:
    boxes.jump(12)
    spans = list(boxes.heap.spans_in_order())
    assert [(sp.size_class, sp.elem) for sp in spans] == [(31, 896), (2, 16)]
    tiny = spans[1]
    # the tiny allocator packs two 8-byte ints into each 16-byte slot
    assert tiny.nelems == 504 and [len(v) for v in tiny.slots.values()] == [2, 1]


# ---- what a step means ------------------------------------------------------------


def test_narration_of_each_kind_of_step(boxes: GameSession) -> None:
    assert boxes.narration().startswith("createManyBoxes is about to run. Press space to run line 5")
    boxes.step()
    assert boxes.narration().startswith(
        "`make([]*int, 100)` allocates 800 B on the heap at 0xc000000008, size class 31 (896 B slots)")
    boxes.step()
    assert boxes.narration().startswith("`i` (int) is stored in createManyBoxes's frame at 0x")
    boxes.step()
    assert boxes.narration().startswith("Line 6: the loop checks its condition")
    boxes.step()
    assert boxes.narration().startswith(f"`value` moves to the heap: {BOXES_REASON}.")
    assert "(The claim holds.)" in boxes.narration()
    boxes.end()
    text = boxes.narration()
    assert "createManyBoxes returns" in text and "Done: createManyBoxes returned after 404 steps" in text


def test_narration_says_where_the_claim_is_wrong() -> None:
    truth = "Only `value` moves: the slice would too, but it is returned."
    s = GameSession.from_program(boxes_program(4), snippet=snippet(truth=truth))
    s.jump(4)
    assert s.current_line() == 7
    assert s.narration().endswith(f"The claim says otherwise — {truth}")
    s.jump(2)
    assert "claim" not in s.narration()


def test_narration_of_calls_and_stack_sites() -> None:
    s = GameSession.from_program(calls_program(), entry="work")
    s.step()
    assert s.narration().startswith("`new(int)` stays on the stack: new(int) does not escape")
    s.step()
    assert s.narration().startswith("Call add: SP moves down")
    assert s.sp_delta() < 0
    s.step(2)  # add's two lines; the return pops its frame
    assert s.narration().startswith("add returns: its frame is popped")
    assert s.sp_delta() > 0


def test_badges_appear_when_the_run_reaches_a_site(boxes: GameSession) -> None:
    assert boxes.site_lines() == {5: "H", 7: "H"}
    assert boxes.badges() == {}
    boxes.step()
    assert boxes.badges() == {5: "H"}
    boxes.jump(4)
    assert boxes.badges() == {5: "H", 7: "H"}
    boxes.back(3)
    assert boxes.badges() == {5: "H"}
    s = GameSession.from_program(calls_program(), entry="work")
    s.step()
    assert s.badges() == {9: "S"}


def test_score_against_par(boxes: GameSession) -> None:
    sv = boxes.score_vs_par()
    assert sv.par is None and sv.delta is None and sv.score >= sv.final
    s = GameSession.from_program(boxes_program(100), snippet=snippet(par=450))
    sv = s.score_vs_par()
    assert sv.final == s.final_totals.score and sv.delta == sv.final - 450


# ---- frames ----------------------------------------------------------------------------


def test_frame_rows_by_address_and_locals_appear(boxes: GameSession) -> None:
    fb = boxes.frame_box(0)
    assert [r.kind for r in fb.rows] == ["ret", "fp", "reserved"]
    assert fb.rows[2].name == "value, i, boxes"  # highest address first
    boxes.jump(4)
    fb = boxes.frame_box(0)
    assert [r.name for r in fb.rows] == ["return addr", "saved FP", "value", "i", "boxes"]
    addrs = [r.addr for r in fb.rows]
    assert addrs == sorted(addrs, reverse=True)
    assert fb.top - fb.bottom == 64 and fb.bottom == boxes.sp()
    value = fb.rows[2]
    assert value.moved and pieces_text(value.pieces, boxes.tag) == "●b = 0"
    assert pieces_text(fb.rows[4].pieces, boxes.tag) == "●a len 100 cap 100"


def test_sp_moves_with_calls() -> None:
    s = GameSession.from_program(calls_program(), entry="work")
    top = s.sp()
    s.jump(2)  # the call to add has run
    assert len(s.frames()) == 2 and s.sp() < top
    inner = s.frame_box(1)
    assert inner.func == "add" and inner.top == s.frame_box(0).bottom
    assert [r.name for r in inner.rows if r.kind == "param"] == ["b", "a"]
    assert s.call_line(1) == 10
    s.back(2)
    assert s.sp() == top


def test_tags() -> None:
    assert [tag_letters(n) for n in (0, 1, 25, 26, 27, 701, 702)] == ["a", "b", "z", "aa", "ab", "zz", "aaa"]


# ---- cache and GC ---------------------------------------------------------------------------


def test_cache_matches_a_rebuild_both_ways(boxes: GameSession) -> None:
    for k in (1, 2, 3, 50, 49, 48, 300, 10, 404, 403, 402):
        boxes.jump(k)
        assert boxes.cache().resident() == boxes.cursor.cache_at().resident()
    acc = boxes.accesses(0)
    assert acc and all(0 <= a.set < 64 and 0 <= a.way < 8 for a in acc)
    series = boxes.hit_rate_series(10)
    assert len(series) == 10 and all(0 <= v <= 1 for v in series)


def test_forced_gc_is_a_real_rerun(boxes: GameSession) -> None:
    boxes.jump(40)
    before = boxes.final_totals
    cycles = boxes.totals().gc_cycles
    s2 = boxes.with_forced_gc()
    assert s2.position == 41 and s2.forced_gc == (40,)
    gc = s2.gc_view()
    assert gc is not None and gc.forced and gc.cycle == cycles + 1
    assert len(gc.marked) == s2.heap.live_blocks and not gc.swept
    assert s2.narration().startswith(f"You forced GC cycle {cycles + 1}: marking from the roots")
    # (later cycles may shift: the forced one resets the pacer's trigger)
    assert s2.totals().gc_cycles == cycles + 1 and s2.final_totals.gc_cycles >= 1
    assert s2.final_totals != before
    # the original session is untouched
    assert boxes.position == 40 and boxes.gc_view() is None


def test_forced_gc_is_go_only() -> None:
    s = rust_session()
    with pytest.raises(ValueError):
        s.with_forced_gc()


# ---- Rust -------------------------------------------------------------------------------


def test_rust_chunks_in_address_order() -> None:
    s = rust_session()
    s.end()
    addrs = s.heap.chunk_addrs
    assert len(addrs) == 5 and addrs == sorted(addrs)
    chunk, size = s.heap.chunk_of(s.heap.chunks[addrs[0]])
    assert size == 32 and chunk == addrs[0] - 16
    s.start()
    s.jump(4)
    assert s.narration().startswith("`Box::new(i)` allocates 8 B on the heap at 0x")
    assert "32-byte malloc chunk" in s.narration()


# ---- the built-in snippets (when the front ends can parse them) ------------------------------


@pytest.mark.parametrize("sid", sorted(catalog()))
def test_builtin_snippets_play_to_the_end_and_back(sid: str) -> None:
    expected_error = catalog()[sid].error
    if expected_error:
        with pytest.raises(LoadError, match=re.escape(expected_error)):
            GameSession.load(sid)
        return
    try:
        s = GameSession.load(sid)
    except LoadError as e:
        if "internal" in str(e) or "unsupported" in str(e):
            pytest.skip(f"front end or simulator not ready: {e}")
        raise
    n = s.n_steps
    k = 0
    while not s.at_end and k < 300:
        s.step()
        assert s.narration()
        for d in range(len(s.frames())):
            s.frame_box(d)
        assert s.heap.live_bytes == sum(b.size for b in s.cursor.heap.values())
        k += 1
    s.end()
    assert s.position == n
    assert s.heap.live_bytes == sum(b.size for b in s.cursor.heap.values())
    s.back()
    s.start()
    assert s.heap.live_blocks == len(s.cursor.heap) == 0 and s.heap.live_bytes == 0
