"""The duel: lockstep by source line, and the line-by-line scorecard."""

from __future__ import annotations

from stackvsheap.ui.duel import (
    DuelPlan,
    DuelScreen,
    LineRun,
    ScorecardScreen,
    line_runs,
    rounds,
    scorecard,
)

from .conftest import FakeRec, go_boxes, rust_boxes, settle, shown_text


def test_line_runs_step_over_calls() -> None:
    # line 3 calls a function (lines 10-11, one frame deeper), then line 4
    rec = FakeRec([3, 10, 11, 3, 4, 4], depths=[1, 2, 2, 1, 1, 1])
    assert line_runs(rec) == [LineRun(3, 0, 4), LineRun(4, 4, 6)]


def test_line_runs_of_a_loop() -> None:
    rec = FakeRec([2, 3, 4, 3, 4, 6])
    assert [r.line for r in line_runs(rec)] == [2, 3, 4, 3, 4, 6]


def test_rounds_wait_for_the_slower_side() -> None:
    a = [LineRun(1, 0, 2), LineRun(2, 2, 3)]
    b = [LineRun(5, 0, 1)]
    assert rounds(a, 3, b, 4) == [(0, 0), (1, 1), (3, 4)]
    assert rounds([], 0, [], 0) == [(0, 0)]


def test_scorecard_stack_vs_stack_ties_and_heap_vs_heap_both_pay() -> None:
    # a: line 1 stack site, line 2 heap alloc; b: line 7 stack site, line 8 heap alloc
    a = FakeRec([1, 2], costs={1: (1, 16, 50)})
    b = FakeRec([7, 8, 9], costs={1: (1, 16, 40)})
    card = scorecard(a, b, {1: "S", 2: "H"}, {7: "S", 8: "H"},
                     _totals(a), _totals(b), ("Go", "Rust"))
    assert [r.verdict("Go", "Rust") for r in card.rows] == ["tie", "both pay"]
    assert card.rows[1].a.allocs == card.rows[1].b.allocs == 1
    assert card.quiet == 1  # Rust's line 9


def test_scorecard_one_side_pays() -> None:
    a = FakeRec([1, 2], costs={1: (1, 8, 25)})
    b = FakeRec([7, 8])
    card = scorecard(a, b, {2: "H"}, {8: "S"}, _totals(a), _totals(b), ("Go", "Rust"))
    assert [r.verdict("Go", "Rust") for r in card.rows] == ["Go pays"]


def test_scorecard_counts_sites_reached_through_a_call() -> None:
    # b's line 4 runs a closure on line 9 (deeper) that allocates
    a = FakeRec([1])
    b = FakeRec([4, 9, 9], depths=[1, 2, 2], costs={1: (1, 4, 40), 2: (1, 4, 40)})
    card = scorecard(a, b, {}, {9: "H"}, _totals(a), _totals(b), ("Go", "Rust"))
    assert len(card.rows) == 1
    row = card.rows[0]
    assert (row.b.line, row.b.badge, row.b.allocs) == (9, "H", 2)  # shown at the site it ran
    assert row.verdict("Go", "Rust") == "Rust pays"


def test_plan_of_the_twins() -> None:
    plan = DuelPlan.build(go_boxes(), rust_boxes())
    assert plan.names == ("Go", "Rust")
    assert plan.rounds[0] == (0, 0) and plan.rounds[-1] == (11, 8)
    verdicts = [r.verdict(*plan.names) for r in plan.card.rows]
    assert verdicts == ["both pay", "both pay"]
    assert [r.a.runs for r in plan.card.rows] == [1, 3]


def _totals(rec: FakeRec):  # type: ignore[no-untyped-def]
    from stackvsheap.sim.cost import Totals
    from stackvsheap.sim.trace import COUNTERS, NC

    base = rec.nsteps * NC
    return Totals(**dict(zip(COUNTERS, rec.counters[base:base + NC])))


async def test_duel_steps_both_sides_in_lockstep(fake_app) -> None:
    async with fake_app.run_test(size=(120, 40)) as pilot:
        fake_app.duel("go/create_many_boxes", "rust/create_many_boxes")
        await pilot.pause(0.3)
        duel = fake_app.screen
        assert isinstance(duel, DuelScreen)
        assert duel.check_action("retreat", ()) is None
        await pilot.press("space")
        assert (duel.a.position, duel.b.position) == (1, 1)
        await pilot.press("space", "space")
        assert (duel.a.position, duel.b.position) == duel.plan.rounds[3]
        assert duel.b.rec.step_line[duel.b.position - 1] == 4  # Rust on its push line
        await pilot.press("left")
        assert (duel.a.position, duel.b.position) == duel.plan.rounds[2]
        status = shown_text(duel.query_one("#duel-status"))
        assert "Go on line" in status and "Rust on line" in status


async def test_finished_side_waits_and_the_scorecard_comes_at_the_end(fake_app) -> None:
    async with fake_app.run_test(size=(120, 40)) as pilot:
        fake_app.duel("go/create_many_boxes", "rust/create_many_boxes")
        await pilot.pause(0.3)
        duel = fake_app.screen
        for _ in range(len(duel.plan.runs_b) + 1):
            await pilot.press("space")
        assert duel.b.at_end and not duel.a.at_end
        assert "Rust finished, waits" in shown_text(duel.query_one("#duel-status"))
        await pilot.press("end")
        await pilot.pause()
        assert isinstance(fake_app.screen, ScorecardScreen)
        text = shown_text(fake_app.screen.query_one("#scorecard-totals"))
        assert "winner:" in text
        await pilot.press("escape")
        assert fake_app.screen is duel
        assert duel.check_action("advance", ()) is None
        await pilot.press("home")
        assert (duel.a.position, duel.b.position) == (0, 0)


async def test_far_moves_run_in_a_worker(fake_app, monkeypatch) -> None:
    monkeypatch.setattr(DuelScreen, "FAR_STEPS", 2)
    async with fake_app.run_test(size=(120, 40)) as pilot:
        fake_app.duel("go/create_many_boxes", "rust/create_many_boxes")
        await pilot.pause(0.3)
        duel = fake_app.screen
        await pilot.press("end")
        await settle(fake_app, "duel-seek")
        await pilot.pause()
        assert not duel.busy
        assert (duel.a.position, duel.b.position) == duel.plan.rounds[-1]
        assert isinstance(fake_app.screen, ScorecardScreen)
