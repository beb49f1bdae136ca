"""The results screen: score, par, stars, and where the cycles went."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from stackvsheap.sim.cost import Totals
from stackvsheap.ui.results import (
    ResultsScreen,
    RunSummary,
    breakdown_table,
    star_text,
    stars_for,
)

from .conftest import go_boxes, shown_text


@pytest.mark.parametrize(
    ("score", "par", "stars"),
    [(700, 650, 3), (650, 650, 3), (600, 650, 2), (585, 650, 2), (584, 650, 1), (10, 650, 1),
     (500, None, None)],
)
def test_stars(score: int, par: int | None, stars: int | None) -> None:
    assert stars_for(score, par) == stars


def test_star_text() -> None:
    assert star_text(2) == "★★☆"
    assert star_text(None) == "no par"


def test_breakdown_covers_every_cycle() -> None:
    t = Totals(steps=10, cache_hits=5, cache_misses=1, alloc_cycles=50, frame_cycles=4)
    table = breakdown_table(t)
    assert table.row_count == len(t.breakdown()) + 1
    assert sum(c for _, c in t.breakdown()) == t.cycles


async def test_finishing_a_run_shows_results_and_replay_goes_back(fake_app) -> None:
    fake_app.target = "go/create_many_boxes"
    async with fake_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        play = fake_app.screen
        assert type(play).__name__ == "PlayScreen"
        session = play.session
        session.jump(session.n_steps - 1)
        await pilot.press("space")
        await pilot.pause()
        results = fake_app.screen
        assert isinstance(results, ResultsScreen)
        s = results.summary
        assert s.score == session.final_totals.score and s.par == 500
        assert shown_text(results.query_one("#results-stars", Static)) == star_text(s.stars)
        assert f"score {s.score}" in shown_text(results.query_one("#results-score", Static))
        await pilot.press("r")
        await pilot.pause()
        assert fake_app.screen is play
        assert session.position == 0


async def test_results_pick_another_opens_the_picker(fake_app) -> None:
    async with fake_app.run_test(size=(120, 40)) as pilot:
        summary = RunSummary.from_session(go_boxes())
        fake_app.push_screen(ResultsScreen(summary))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert type(fake_app.screen).__name__ == "PickerScreen"


async def test_results_wait_for_the_play_screen(fake_app) -> None:
    """Autoplay can finish while the help is open: the results come after."""
    fake_app.target = "go/create_many_boxes"
    async with fake_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        play = fake_app.screen
        await pilot.press("question_mark")
        play.session.jump(play.session.n_steps)
        play.post_message(play.Finished(play.session))
        await pilot.pause()
        assert type(fake_app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(fake_app.screen, ResultsScreen)
        assert fake_app.screen.summary.snippet_id == "go/create_many_boxes"
