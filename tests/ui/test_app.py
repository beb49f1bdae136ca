"""The app around the screens: factory, size check, theme, NO_COLOR, loading."""

from __future__ import annotations

import pytest

from stackvsheap.ui.app import (
    FROZEN_ENV,
    LoadingScreen,
    StackVsHeapApp,
    TooSmall,
    make_app,
    too_small_message,
)

from .conftest import stand_in


def test_make_app_is_the_one_factory() -> None:
    app = make_app("go/sum_value", "sumValue", frozen=True)
    assert isinstance(app, StackVsHeapApp)
    assert (app.target, app.entry, app.frozen) == ("go/sum_value", "sumValue", True)


def test_frozen_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(FROZEN_ENV, "1")
    assert make_app().frozen
    monkeypatch.delenv(FROZEN_ENV)
    assert not make_app().frozen


def test_no_color_is_honoured(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app().no_color


async def test_below_80x24_says_make_the_terminal_larger_and_resizes_live(app) -> None:
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert app.too_small
        notice = app.screen.query_one(TooSmall)
        assert notice.display
        assert too_small_message(70, 20) in str(notice.render())
        assert "80x24 needed, now 70x20" in str(notice.render())
        others = [w for w in app.screen.children if not isinstance(w, TooSmall)]
        assert others and not any(w.display for w in others)
        await pilot.press("enter")  # keys do not reach hidden widgets
        assert type(app.screen).__name__ == "TitleScreen"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.too_small
        assert not notice.display and all(w.display for w in others)
        await pilot.resize_terminal(100, 23)
        await pilot.pause()
        assert "now 100x23" in str(notice.render())


async def test_too_small_covers_screens_opened_later(fake_app) -> None:
    async with fake_app.run_test(size=(60, 20)) as pilot:
        fake_app.play("go/create_many_boxes")
        await pilot.pause(0.3)
        assert type(fake_app.screen).__name__ == "PlayScreen"
        assert fake_app.screen.query_one(TooSmall).display


async def test_q_quits_even_when_too_small(app) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_theme_switches_between_dark_and_light(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.current_theme.dark
        await pilot.press("t")
        assert not app.current_theme.dark
        await pilot.press("t")
        assert app.current_theme.dark
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Toggle light/dark" in titles


async def test_target_opens_the_play_screen_directly() -> None:
    app = stand_in(make_app("go/create_many_boxes", frozen=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "PlayScreen"
        assert len(app.screen_stack) == 2  # nothing but the default screen beneath
        await pilot.press("o")
        picker = app.screen
        assert type(picker).__name__ == "PickerScreen"
        assert picker.current == "go/create_many_boxes"
        assert app.check_action("open_picker", ()) is None  # greyed: already open


async def test_a_run_that_cannot_load_shows_file_line_col() -> None:
    def broken(ref: str, entry: str | None = None):  # type: ignore[no-untyped-def]
        raise ValueError(f"{ref}:4:2: unsupported: goroutines")

    app = stand_in(make_app("spawn.go", frozen=True), loader=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        loading = app.screen
        assert isinstance(loading, LoadingScreen)
        assert loading.error == "spawn.go:4:2: unsupported: goroutines"
        await pilot.press("o")
        assert type(app.screen).__name__ == "PickerScreen"


@pytest.mark.parametrize("ref", ["go/sum_value", "rust/sum_value"])
async def test_the_real_play_screen_opens(ref: str) -> None:
    app = make_app(ref, frozen=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if not isinstance(app.screen, LoadingScreen):
                break
        if isinstance(app.screen, LoadingScreen):
            pytest.skip(f"cannot load {ref} yet: {app.screen.error}")
        assert type(app.screen).__name__ == "PlayScreen"
        await pilot.press("end")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "ResultsScreen"
