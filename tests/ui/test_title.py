"""The title screen: the name, the idle stack pointer, the menu."""

from __future__ import annotations

from stackvsheap.ui.app import make_app
from stackvsheap.ui.title import SLOTS, StackColumn, TitleScreen, block_word


def test_block_letters_are_five_rows_and_fit_80_columns() -> None:
    stack, heap = block_word("STACK"), block_word("HEAP")
    assert len(stack) == len(heap) == 5
    assert len(stack[0]) + 4 + len(heap[0]) + 4 <= 80


async def test_title_shows_menu_and_a_still_stack_when_frozen(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        column = app.screen.query_one(StackColumn)
        assert column.depth == StackColumn.STILL_DEPTH
        await pilot.pause(StackColumn.TICK * 3)
        assert column.depth == StackColumn.STILL_DEPTH  # no timer when frozen
        menu = app.screen.query_one("#menu")
        assert [menu.get_option_at_index(i).id for i in range(menu.option_count)] == [
            "play", "levels", "duel", "help", "quit",
        ]
        assert "← SP 0xc000046fa0" in str(column.render())


async def test_stack_pointer_slides_down_and_back() -> None:
    app = make_app(frozen=False)
    async with app.run_test(size=(120, 40)):
        column = app.screen.query_one(StackColumn)
        seen = []
        for _ in range(2 * len(SLOTS) + 2):
            column.tick()
            seen.append(column.depth)
        assert max(seen) == len(SLOTS) and min(seen) == 1
        down = seen.index(len(SLOTS))
        assert seen[down + 1] == len(SLOTS) - 1  # turned back up
        assert column.sp == 0xC000046FB8 - 8 * column.depth


async def test_animations_off_with_textual_animations_none() -> None:
    app = make_app(frozen=False)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        column = app.screen.query_one(StackColumn)
        await pilot.pause(StackColumn.TICK * 3)
        assert column.depth == StackColumn.STILL_DEPTH


async def test_menu_play_opens_the_picker(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        assert type(app.screen).__name__ == "PickerScreen"
        assert app.screen.mode == "play"
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)


async def test_menu_duel_opens_the_picker_in_duel_mode(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "enter")
        assert app.screen.mode == "duel"
        await pilot.press("escape", "d")
        assert app.screen.mode == "duel"


async def test_menu_help_and_quit(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down", "enter")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape", "down", "enter")  # the menu kept "help" highlighted
        await pilot.pause()
    assert app.return_code == 0


async def test_menu_levels_opens_the_level_map(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        assert type(app.screen).__name__ == "LevelMapScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("l")
        assert type(app.screen).__name__ == "LevelMapScreen"
