"""`stackvsheap workshop PACK`: the exercises in order, hints one at a time,
a run that meets the goal marks the exercise done."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from stackvsheap.game.packs import load_pack
from stackvsheap.game.snippets import assets_dir
from stackvsheap.ui.app import make_app
from stackvsheap.ui.workshop import WorkshopScreen, time_left

from .conftest import SIZES, shown_text
from .test_snapshots import SIZE_IDS, wait_loaded

BLOG = assets_dir() / "packs" / "blog.toml"


def _app():  # type: ignore[no-untyped-def]
    return make_app(frozen=True, workshop=load_pack(BLOG))


def test_time_left() -> None:
    assert time_left(10, 0) == "10:00 left"
    assert time_left(1.5, 31) == "0:59 left"
    assert time_left(1, 65) == "time is up (+0:05)"


async def test_hints_come_one_at_a_time() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkshopScreen)
        hints = lambda: shown_text(screen.query_one("#workshop-hints", Static))  # noqa: E731
        assert "2 hints left: press h" in hints() and "Hint 1" not in hints()
        await pilot.press("h")
        assert "Hint 1: Look at the Stack pane" in hints() and "1 hint left" in hints()
        await pilot.press("h", "h")
        assert "Hint 2:" in hints() and "No more hints." in hints()
        await pilot.press("right_square_bracket")
        assert screen.current.id == "go-new-int"
        assert "Hint 1" not in hints()  # each exercise has its own hints


async def test_a_run_that_meets_the_goal_marks_the_exercise() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # go-sum-value: heap_allocs == 0, met as it stands
        await wait_loaded(pilot)
        await pilot.press("end")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "ResultsScreen"
        assert "go-sum-value" in app.workshop_met
        await pilot.press("escape", "escape")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, WorkshopScreen)
        heading = shown_text(screen.query_one("#workshop-heading", Static))
        assert "1/9 goals met" in heading
        first = screen.query_one(OptionList).get_option_at_index(0).prompt
        assert str(first).startswith("✓ 1.")


async def test_a_run_that_misses_the_goal_does_not() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.screen.current.id == "go-return-slice"
        await pilot.press("enter")
        await wait_loaded(pilot)
        await pilot.press("end")
        await pilot.pause(0.3)
        assert app.workshop_met == {}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_workshop_snapshot(snap_compare, size) -> None:
    assert snap_compare(_app(), press=["down", "down", "down", "h"], terminal_size=size)


def test_workshop_command_refuses_a_broken_pack(tmp_path: Path, capsys) -> None:
    from stackvsheap.cli import main

    p = tmp_path / "p.toml"
    p.write_text('title = "x"\n[[exercise]]\nsnippet = "go/sum_value"\ngoal = "heap == 0"\ninstructions = "x"\n')
    assert main(["workshop", str(p)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{p}:4:9:") and "heap" in err


async def test_fix_it_in_a_workshop_meets_the_goal(tmp_path: Path) -> None:
    from stackvsheap.ui.fixit import CodeEditor, FixItScreen

    from .test_fixit import _save

    app = make_app(frozen=True, workshop=load_pack(BLOG), data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("enter")  # go-return-slice
        await wait_loaded(pilot)
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FixItScreen)
        screen.query_one(CodeEditor).load_text(
            "package main\n\nfunc createSlice() [3]int {\n\treturn [3]int{1, 2, 3}\n}\n\n"
            "func main() {\n\tprintln(len(createSlice()))\n}\n")
        await _save(pilot, screen)
        assert screen.result == "met"
        assert "go-return-slice" in app.workshop_met
        assert not list(tmp_path.iterdir()) or not any(  # the campaign save is not touched
            "go-return-slice" in p.read_text() for p in tmp_path.rglob("*.json"))
