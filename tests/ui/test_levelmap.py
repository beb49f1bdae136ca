"""The level map: locks, stars, best scores; finishing a level saves it and
opens the next, and a restart finds it all again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Static

from stackvsheap.game.levels import load_levels
from stackvsheap.game.saves import SAVE_NAME, Progress
from stackvsheap.ui.app import make_app
from stackvsheap.ui.levelmap import LevelMapScreen

from .conftest import shown_text

LEVELS = load_levels().levels


def _row(screen: LevelMapScreen, i: int) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(getattr(c, "plain", c)) for c in table.get_row_at(i)]


async def test_fresh_map_has_only_the_first_level_open(tmp_path: Path) -> None:
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, LevelMapScreen)
        assert screen.query_one(DataTable).row_count == len(LEVELS)
        assert _row(screen, 0)[3] == "open" and _row(screen, 1)[3] == "locked"
        assert "0/%d done" % len(LEVELS) in shown_text(screen.query_one("#levels-heading", Static))
        await pilot.press("down", "enter")  # the second level is locked
        await pilot.pause()
        assert app.screen is screen
        assert "Locked" in shown_text(screen.query_one("#levels-detail", Static))


async def test_enter_plays_a_level_in_its_mode(tmp_path: Path) -> None:
    """Level 2 (the blog's new(int) claim) opens in predict mode."""
    Progress.load(tmp_path).record_result(LEVELS[0].id, 1, 1)
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "enter")  # the cursor starts on the next level to play
        play = await _until_play(pilot)
        assert app.current_level.id == LEVELS[1].id and LEVELS[1].predict
        assert play.session.snippet_id == LEVELS[1].snippet.id
        assert play.session.par == LEVELS[1].par  # the level's par, not the snippet header's
        assert play.predict
        goal = [n.message for n in app._notifications if n.title == LEVELS[1].title]
        assert goal == [f"Goal: {LEVELS[1].goal.text} · par {LEVELS[1].par}"]


async def _until_play(pilot: Any) -> Any:
    for _ in range(400):
        await pilot.pause(0.05)
        if type(pilot.app.screen).__name__ == "PlayScreen":
            return pilot.app.screen
    raise AssertionError(f"no play screen, on {pilot.app.screen}")


async def test_save_and_restore_cycle(tmp_path: Path) -> None:
    """Finish level 1 for real, quit, start again: its stars and the unlock are back."""
    first = LEVELS[0]
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "enter")
        play = await _until_play(pilot)
        assert play.session.snippet_id == first.snippet.id
        play.goto(play.session.n_steps)
        for _ in range(200):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "ResultsScreen":
                break
        results = app.screen
        assert type(results).__name__ == "ResultsScreen"
        assert "Level complete" in shown_text(results.query_one("#results-goal", Static))
        await pilot.press("l")  # back to the map: level 1 done, level 2 open
        await pilot.pause()
        assert isinstance(app.screen, LevelMapScreen)
        assert _row(app.screen, 0)[3] == "★★★" and _row(app.screen, 1)[3] == "open"
        assert len(app.screen_stack) == 3  # the map sits on the title, not on the old run
    saved = Progress.load(tmp_path)
    assert saved.records[first.id].best_score == first.par and saved.records[first.id].stars == 3
    assert (tmp_path / SAVE_NAME).is_file()

    again = make_app(frozen=True, data_dir=tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = again.screen
        assert _row(screen, 0)[3] == "★★★" and _row(screen, 0)[4] == str(first.par)
        assert _row(screen, 1)[3] == "open" and _row(screen, 2)[3] == "locked"
        assert screen.query_one(DataTable).cursor_row == 1  # on the next level to play


async def test_corrupt_save_is_told_once_and_the_map_starts_fresh(tmp_path: Path) -> None:
    (tmp_path / SAVE_NAME).write_text("{broken")
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert [n.title for n in app._notifications] == ["Save reset"]
        assert _row(app.screen, 0)[3] == "open"
    assert any(p.name.startswith(SAVE_NAME + ".broken-") for p in tmp_path.iterdir())


async def test_a_broken_level_file_is_reported_and_skipped(tmp_path: Path, monkeypatch) -> None:
    levels_root = tmp_path / "levels"
    levels_root.mkdir()
    (levels_root / "good.toml").write_text(
        'order = 1\ntitle = "Good"\ncode = "go/sum_value"\ngoal = "heap_allocs == 0"\npar = 700\n')
    (levels_root / "bad.toml").write_text('order = 2\ntitle = "Bad\n')
    monkeypatch.setattr("stackvsheap.game.levels.levels_dir", lambda: levels_root)
    app = make_app(frozen=True, data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LevelMapScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        notes = [n for n in app._notifications if n.title == "Level skipped"]
        assert len(notes) == 1 and notes[0].message.startswith("bad.toml:2:")


async def test_results_of_a_fixit_level_offer_the_editor(tmp_path: Path) -> None:
    progress = Progress.load(tmp_path)
    target = next(i for i, lv in enumerate(LEVELS) if lv.fixit)
    for lv in LEVELS[:target]:
        progress.record_result(lv.id, 1, 1)
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "enter")
        play = await _until_play(pilot)
        play.predict = False
        play.goto(play.session.n_steps)
        for _ in range(200):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "ResultsScreen":
                break
        results = app.screen
        assert "Goal not met yet" in shown_text(results.query_one("#results-goal", Static))
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "FixItScreen"
        assert app.screen.level.id == LEVELS[target].id


async def test_a_save_that_cannot_be_written_is_reported_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    from stackvsheap.game import saves

    def full(path, text):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves, "atomic_write", full)
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        stars = app.complete_level(LEVELS[0], {"heap_allocs": 0, "score": LEVELS[0].par})
        await pilot.pause()
        assert stars == 3
        assert [n.title for n in app._notifications] == ["Not saved"]
        assert app.progress.completed(LEVELS[0].id)  # this session still knows
