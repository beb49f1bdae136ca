"""The help screen: every key and every pane, over any screen."""

from __future__ import annotations

from textual.widgets import Static

from stackvsheap.ui.help import KEYS, PANES, HelpScreen

from .conftest import shown_text


def test_every_play_screen_key_is_explained() -> None:
    keys = " ".join(k for _, rows in KEYS for k, _ in rows)
    for key in ("space", "←", "n", "home", "end", "g", "p", "+", "-", "c", "o", "?", "q", "t"):
        assert key in keys.split() or key in keys, key
    assert [p for p, _ in PANES] == ["Code", "Stack", "Heap", "L1 cache", "Score", "Narration"]


async def test_question_mark_opens_and_closes_help(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.check_action("help", ()) is None  # greyed while it is open
        text = shown_text(app.screen.query_one("#help-panes", Static))
        assert "grows down" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert app.check_action("help", ()) is True


async def test_help_lays_out_in_two_columns_when_wide(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        columns = app.screen.query_one("#help-columns")
        assert columns.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not columns.has_class("-wide")
