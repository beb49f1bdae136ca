"""A snippet whose lesson is a compile error shows rustc's message and the lesson."""

from __future__ import annotations

from textual.widgets import Static

from stackvsheap.ui.app import LoadingScreen, make_app


async def test_unboxed_cons_list_shows_the_error_and_its_lesson() -> None:
    app = make_app("rust/cons_list_unboxed", frozen=True)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, LoadingScreen) and app.screen.error:
                break
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        assert screen.error == "cons_list_unboxed.rs:8:1: recursive type `List` has infinite size"
        text = str(screen.query_one("#loading-error", Static).render())
        assert "This refusal is the lesson." in text and "Box<List>" in text
