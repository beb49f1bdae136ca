"""The picker: snippets by language and lesson, a live preview, files from disk."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, Static

from stackvsheap.game.snippets import catalog
from stackvsheap.ui.picker import (
    LESSON_ORDER,
    PathSuggester,
    PickerScreen,
    SnippetPreview,
    SnippetTree,
    group_snippets,
    header_lines,
)

from .conftest import settle, shown_text


def test_group_by_language_then_lesson_in_teaching_order() -> None:
    groups = group_snippets(catalog().values())
    assert list(groups) == ["go", "rust"]
    for lessons in groups.values():
        known = [lesson for lesson in lessons if lesson in LESSON_ORDER]
        assert known == sorted(known, key=LESSON_ORDER.index)
    assert sum(len(v) for ls in groups.values() for v in ls.values()) == len(catalog())


def test_header_lines_skips_the_metadata_comments() -> None:
    src = "// title: x\n// lesson: y\n\npackage main\n"
    assert header_lines(src) == 3


async def test_path_suggester_completes_source_files(tmp_path: Path) -> None:
    (tmp_path / "boxes.go").write_text("package main\n")
    (tmp_path / "notes.txt").write_text("")
    s = PathSuggester()
    assert await s.get_suggestion(str(tmp_path / "bo")) == str(tmp_path / "boxes.go")
    assert await s.get_suggestion(str(tmp_path / "no")) is None


async def open_picker(app, pilot) -> PickerScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PickerScreen)
    return screen


async def type_path(picker: PickerScreen, pilot, path: str) -> None:  # type: ignore[no-untyped-def]
    """`/`, the path (pasted, as typing it key by key is slow), enter."""
    await pilot.press("slash")
    box = picker.query_one("#path", Input)
    assert picker.app.focused is box
    box.value = path
    await pilot.press("enter")


async def test_preview_follows_the_highlighted_snippet(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        preview = picker.query_one(SnippetPreview)
        first = preview.snippet
        assert first is not None and first.language == "go"
        assert preview.border_title == first.id
        await pilot.press("down")
        second = preview.snippet
        assert second is not None and second.id != first.id
        assert preview.border_title == second.id
        meta = shown_text(picker.query_one("#preview-meta", Static))
        assert second.title in meta and "claim" in meta


async def test_lesson_node_preview_counts_its_snippets(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        await pilot.press("up")  # the "basics" lesson node
        preview = picker.query_one(SnippetPreview)
        assert preview.snippet is None
        assert "snippets" in preview.message


async def test_enter_plays_the_highlighted_snippet(fake_app) -> None:
    async with fake_app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(fake_app, pilot)
        chosen = picker.query_one(SnippetPreview).snippet
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert type(fake_app.screen).__name__ == "PlayScreen"
        assert fake_app.screen.session.snippet_id == chosen.id


async def test_missing_file_shows_the_error_inline(app, tmp_path: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        missing = str(tmp_path / "nope.go")
        await type_path(picker, pilot, missing)
        await settle(app, "check-file")
        await pilot.pause()
        error = shown_text(picker.query_one("#path-error", Static))
        assert error == f"{missing}:1:1: no such file"
        assert picker.query_one("#path", Input).has_class("-invalid")
        assert isinstance(app.screen, PickerScreen)  # still here, no crash
        await pilot.press("x")  # typing again clears the error
        assert not picker.query_one("#path-error").has_class("-shown")


async def test_file_outside_the_subset_shows_file_line_col(app, tmp_path: Path) -> None:
    bad = tmp_path / "spawn.go"
    bad.write_text("package main\n\nfunc f() {\n\tgo f()\n}\n")
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        await type_path(picker, pilot, str(bad))
        await settle(app, "check-file")
        await pilot.pause()
        error = shown_text(picker.query_one("#path-error", Static))
        assert re.match(r"^\S*spawn\.go:\d+:\d+: \S", error), error
        assert isinstance(app.screen, PickerScreen)


async def test_not_a_source_file(app, tmp_path: Path) -> None:
    txt = tmp_path / "notes.txt"
    txt.write_text("hello")
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        await type_path(picker, pilot, str(txt))
        await settle(app, "check-file")
        await pilot.pause()
        error = shown_text(picker.query_one("#path-error", Static))
        assert error.startswith(f"{txt}:1:1: ")


async def test_files_tree_previews_a_file_from_disk(app, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mine.rs").write_text("fn main() {}\n")
    (tmp_path / "skip.txt").write_text("")
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        await pilot.press("f")
        tree = picker.query_one("#file-tree")
        assert app.focused is tree
        await pilot.pause(0.3)
        labels = [str(n.label) for n in tree.root.children]
        assert labels == ["mine.rs"]
        await pilot.press("down")
        await pilot.pause()
        preview = picker.query_one(SnippetPreview)
        assert preview.snippet is not None and preview.snippet.path.name == "mine.rs"
        await pilot.press("f")
        assert app.focused is picker.query_one(SnippetTree)


async def test_duel_twin_key_is_greyed_without_a_twin(fake_app) -> None:
    async with fake_app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(fake_app, pilot)
        tree = picker.query_one(SnippetTree)
        tree.select_id("go/efficient_sum")
        await pilot.pause()
        assert picker.check_action("duel_twin", ()) is None
        tree.select_id("go/create_many_boxes")
        await pilot.pause()
        assert picker.check_action("duel_twin", ()) is True
        await pilot.press("d")
        await pilot.pause(0.2)
        assert type(fake_app.screen).__name__ == "DuelScreen"


async def test_duel_mode_picks_two_sides_when_there_is_no_twin(fake_app) -> None:
    async with fake_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        picker = fake_app.screen
        assert picker.mode == "duel"
        tree = picker.query_one(SnippetTree)
        tree.select_id("go/efficient_sum")
        await pilot.pause()
        await pilot.press("enter")  # no twin: it becomes the first side
        assert picker.first == "go/efficient_sum"
        assert "go/efficient_sum against" in shown_text(picker.query_one("#picker-heading"))
        tree.select_id("rust/sum_value")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.2)
        duel = fake_app.screen
        assert type(duel).__name__ == "DuelScreen"
        assert (duel.a.snippet_id, duel.b.snippet_id) == ("go/efficient_sum", "rust/sum_value")


async def test_duel_with_a_twin_puts_go_on_the_left(fake_app) -> None:
    async with fake_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        tree = fake_app.screen.query_one(SnippetTree)
        tree.select_id("rust/create_many_boxes")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.2)
        duel = fake_app.screen
        assert (duel.a.snippet_id, duel.b.snippet_id) == (
            "go/create_many_boxes", "rust/create_many_boxes",
        )
