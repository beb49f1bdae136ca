"""The fix-it editor: edit a copy, ctrl+s runs it in a worker, errors are
marked at their line and column with the player's text kept, and a save that
meets the goal completes the level and keeps the solution (reopenable)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from stackvsheap.game.levels import load_levels
from stackvsheap.game.saves import Progress
from stackvsheap.ui.app import make_app
from stackvsheap.ui.fixit import CodeEditor, CodeError, FixItScreen

from .conftest import shown_text

LEVEL = load_levels().get("slice_escape")
SOLUTION = LEVEL.solution.source
BROKEN = SOLUTION.replace("\ttotal := 0\n", "\ttotal := 0 +\n")


def test_code_error_parse() -> None:
    assert CodeError.parse("x.go:4:2: unsupported: defer statement") == CodeError(4, 2, "unsupported: defer statement")
    assert CodeError.parse("no position") == CodeError(1, 1, "no position")


async def _save(pilot: Any, screen: FixItScreen) -> None:
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete([w for w in pilot.app.workers if w.group == "fixit"])
    await pilot.pause()
    assert not screen.running


async def test_syntax_error_then_a_save_that_meets_the_goal(tmp_path: Path) -> None:
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_fixit(LEVEL.snippet, LEVEL)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FixItScreen)
        editor = screen.query_one(CodeEditor)
        assert editor.text == LEVEL.snippet.source and editor.language == "go"

        editor.load_text(BROKEN)
        await _save(pilot, screen)
        line = BROKEN.splitlines().index("\ttotal := 0 +") + 1  # where the front end stops
        assert screen.result == "error"
        assert editor.error is not None and editor.error.line == line
        status = shown_text(screen.query_one("#fixit-status", Static))
        assert status.startswith(f"slice_escape.go:{line}:") and "syntax error" in status
        assert editor.text == BROKEN  # the player's text is kept
        assert editor.cursor_location[0] == line - 1
        assert app.fix_drafts[LEVEL.id] == BROKEN
        assert not Progress.load(tmp_path).completed(LEVEL.id)

        editor.load_text(LEVEL.snippet.source)  # runs, but misses the goal
        await _save(pilot, screen)
        assert screen.result == "not met" and editor.error is None
        assert "goal not met" in shown_text(screen.query_one("#fixit-status", Static))

        editor.load_text(SOLUTION)
        await _save(pilot, screen)
        assert screen.result == "met"
        assert "Level complete" in shown_text(screen.query_one("#fixit-status", Static))
    saved = Progress.load(tmp_path).records[LEVEL.id]
    assert saved.solution == SOLUTION and saved.stars == 3 and saved.best_score == LEVEL.par


async def test_unsupported_construct_is_refused_by_name(tmp_path: Path) -> None:
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_fixit(LEVEL.snippet, LEVEL)
        await pilot.pause()
        screen = app.screen
        screen.editor.load_text(SOLUTION.replace("\ttotal := 0\n", "\ttotal := 0\n\tgo println(1)\n"))
        await _save(pilot, screen)
        assert screen.result == "error"
        assert "unsupported: go statement" in shown_text(screen.query_one("#fixit-status", Static))


async def test_e_on_the_play_screen_and_reopening_the_solution(tmp_path: Path) -> None:
    progress = Progress.load(tmp_path)
    for lv in load_levels().levels[:4]:  # open everything up to slice_escape
        progress.record_result(lv.id, 1, 1)
    progress.record_result(LEVEL.id, LEVEL.par, 3, "// my solution\n" + SOLUTION)
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        table = app.screen.query_one("DataTable")
        table.move_cursor(row=[lv.id for lv in app.campaign.levels].index(LEVEL.id))
        await pilot.press("e")  # from the level map: the saved solution
        await pilot.pause()
        assert isinstance(app.screen, FixItScreen)
        assert app.screen.editor.text.startswith("// my solution")
        await pilot.press("escape")
        await pilot.press("enter")  # play it, then `e` on the play screen
        for _ in range(400):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "PlayScreen":
                break
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FixItScreen) and app.screen.level.id == LEVEL.id
        assert app.screen.editor.text.startswith("// my solution")  # the draft kept on escape


async def test_editor_on_a_plain_snippet_just_runs(tmp_path: Path) -> None:
    app = make_app("go/sum_value", frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "PlayScreen":
                break
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FixItScreen) and screen.level is None
        await _save(pilot, screen)
        assert screen.result == "ran"
        assert "heap_allocs=0" in shown_text(screen.query_one("#fixit-status", Static))


async def test_the_screen_stays_responsive_while_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    import threading

    from stackvsheap.game import levels

    release = threading.Event()
    real = levels.check_code

    def slow(level, source, display):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(level, source, display)

    monkeypatch.setattr(levels, "check_code", slow)
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_fixit(LEVEL.snippet, LEVEL)
        await pilot.pause()
        screen = app.screen
        screen.editor.load_text(SOLUTION)
        screen.editor.cursor_location = (0, 0)
        await pilot.press("ctrl+s")
        assert screen.running
        await pilot.press("x")  # typing while the simulator runs
        assert screen.editor.text.startswith("x")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.running and screen.result == "met"


async def test_leaving_mid_run_still_saves_a_met_goal_and_only_the_last_save_counts(
    tmp_path: Path, monkeypatch,
) -> None:
    import threading

    from stackvsheap.game import levels

    gates = [threading.Event(), threading.Event()]
    real = levels.check_code
    calls: list[str] = []

    def gated(level, source, display):  # type: ignore[no-untyped-def]
        gate = gates[len(calls)]
        calls.append(source)
        gate.wait(10)
        return real(level, source, display)

    monkeypatch.setattr(levels, "check_code", gated)
    app = make_app(frozen=True, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_fixit(LEVEL.snippet, LEVEL)
        await pilot.pause()
        screen = app.screen
        screen.editor.load_text(BROKEN)
        await pilot.press("ctrl+s")  # first save: a syntax error, still running...
        screen.editor.load_text(SOLUTION)
        await pilot.press("ctrl+s")  # ...second save: the solution
        await pilot.press("escape")  # leave before either run ends
        assert not isinstance(app.screen, FixItScreen)
        gates[1].set()
        gates[0].set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [BROKEN, SOLUTION]
        assert screen.result is None  # the screen is gone: nothing drawn, nothing crashed
    assert Progress.load(tmp_path).records[LEVEL.id].solution == SOLUTION
