"""Pilot tests of predict mode on real snippets: the play screen stops before
each allocation site, `s`/`h` (or a number for a loop) answers, a wrong answer
shows the compiler's reason, the streak counts, and the results show the tally."""

from __future__ import annotations

from textual.widgets import Input, Static

from stackvsheap.ui.app import make_app
from stackvsheap.ui.play import PlayScreen

import pytest

from .conftest import SIZES, shown_text
from .test_snapshots import SIZE_IDS, wait_loaded


async def _play(app, pilot):
    for _ in range(50):
        await pilot.pause(0.1)
        if isinstance(app.screen, PlayScreen):
            return app.screen
    raise AssertionError("the play screen did not open")


def _prompt(screen) -> str:
    return shown_text(screen.query_one("#predict-text", Static))


async def test_predict_new_int_right_wrong_streak_and_tally() -> None:
    app = make_app("go/inefficient_sum", frozen=True, predict=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _play(app, pilot)
        await pilot.pause()
        assert screen.asking is not None and "new(int)" in _prompt(screen)
        await pilot.press("space")  # stepping waits for the answer
        assert screen.session.position == 0
        await pilot.press("s")  # the blog said heap; the compiler says stack
        assert "right" in _prompt(screen) and screen.tally.streak == 1
        await pilot.press("space")
        assert screen.asking is not None and screen.asking.line == 13
        await pilot.press("s")
        assert screen.tally.streak == 2 and screen.tally.score == 300
        await pilot.press("left", "space")  # step back: no question again
        assert screen.asking is None
        await pilot.press("space", "space", "space")
        assert screen.asking is not None and screen.asking.line == 16
        await pilot.press("h")
        assert "wrong" in _prompt(screen)
        assert "does not escape the function" in _prompt(screen)
        assert screen.tally.streak == 0
        await pilot.press("end")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "ResultsScreen"
        tally = shown_text(app.screen.query_one("#results-predictions", Static))
        assert "2/3 right" in tally and "score 300" in tally


async def test_loop_question_takes_a_number_and_p_toggles() -> None:
    app = make_app("go/append_growth", frozen=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _play(app, pilot)
        assert screen.asking is None
        await pilot.press("P")
        assert screen.predict
        await pilot.press("space")
        q = screen.asking
        assert q is not None and q.kind == "loop"
        assert q.answer == screen.session.final_totals.heap_allocs
        box = screen.query_one("#predict-number", Input)
        assert box.has_focus
        await pilot.press(*str(q.answer), "enter")
        assert "right" in _prompt(screen) and screen.tally.right == 1


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_prediction_prompt_snapshot(snap_compare, size) -> None:
    """The blog's `new(int)` question, asked before the run reaches it."""
    async def run_before(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.pause(0.1)

    assert snap_compare(make_app("go/inefficient_sum", frozen=True, predict=True),
                        run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_prediction_feedback_snapshot(snap_compare, size) -> None:
    """A wrong answer shows the compiler's reason."""
    async def run_before(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("h")
        await pilot.pause(0.1)

    assert snap_compare(make_app("go/inefficient_sum", frozen=True, predict=True),
                        run_before=run_before, terminal_size=size)
