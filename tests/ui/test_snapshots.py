"""SVG snapshots of every screen at 120x40 and 80x24.

The app is the real one from `make_app`, frozen: no idle animation, no
play-screen animations, no cursor blink, so each screenshot is the same
every run. Screens around the play screen use fixed data; the play, GC and
duel snapshots run real snippets through the front ends and the simulator,
so a change there shows up here (review with `--snapshot-report`, accept
with `--snapshot-update`).
"""

from __future__ import annotations

from typing import Any

import pytest

from stackvsheap.sim.cost import Totals
from stackvsheap.ui.app import LoadingScreen, make_app
from stackvsheap.ui.results import ResultsScreen, RunSummary

from .conftest import SIZES, stand_in

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


async def wait_loaded(pilot: Any) -> None:
    """Until the loading screen has made way for the run (or failed) and the
    run's panes are mounted."""
    for _ in range(400):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, LoadingScreen):
            if screen.error is not None:
                # An AssertionError, not pytest.fail: a BaseException inside
                # run_test() stalls the app's shutdown and hangs the test.
                raise AssertionError(screen.error)
            continue
        if screen.is_mounted and screen.query("PlayPane"):
            await pilot.pause(0.1)
            return
    raise AssertionError("the run did not load in 20 s")


def at_step(k: int):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Any) -> None:
        await wait_loaded(pilot)
        screen = pilot.app.screen
        screen.goto(k)
        while screen.session.position != k:
            await pilot.pause(0.05)
        await pilot.pause(0.1)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_title(snap_compare, size) -> None:
    assert snap_compare(make_app(frozen=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_picker(snap_compare, size) -> None:
    # enter: Play; down: the second snippet, so the preview has moved once
    assert snap_compare(make_app(frozen=True), press=["enter", "down"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_picker_bad_file(snap_compare, size, tmp_path) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.press("enter", "slash")
        pilot.app.focused.value = "missing/boxes.go"
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if pilot.app.screen.query_one("#path-error").has_class("-shown"):
                return

    assert snap_compare(make_app(frozen=True), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_help(snap_compare, size) -> None:
    assert snap_compare(make_app(frozen=True), press=["question_mark"], terminal_size=size)


RESULTS = RunSummary(
    title="A thousand boxes", snippet_id="go/create_many_boxes", language="go",
    totals=Totals(steps=5005, heap_allocs=1001, heap_bytes=16192, stack_peak_bytes=80,
                  gc_cycles=1, gc_marked=1, cache_hits=13761, cache_misses=253,
                  alloc_cycles=25050, gc_work_cycles=2024, frame_cycles=4),
    par=500,
)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_results(snap_compare, size) -> None:
    async def run_before(pilot: Any) -> None:
        pilot.app.push_screen(ResultsScreen(RESULTS))
        await pilot.pause()

    assert snap_compare(make_app(frozen=True), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_too_small(snap_compare, size) -> None:
    w, h = size
    assert snap_compare(make_app(frozen=True), terminal_size=(w - 10, h - 5))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_duel_scorecard_of_stand_ins(snap_compare, size) -> None:
    async def run_before(pilot: Any) -> None:
        pilot.app.duel("go/create_many_boxes", "rust/create_many_boxes")
        await wait_loaded(pilot)
        await pilot.press("end")

    assert snap_compare(stand_in(make_app(frozen=True)), run_before=run_before,
                        terminal_size=size)


# ---- real runs: the front ends, the simulator and the play screen --------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_play_go_mid_run(snap_compare, size) -> None:
    app = make_app("go/create_many_boxes", frozen=True)
    assert snap_compare(app, run_before=at_step(26), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_play_go_output_pane(snap_compare, size) -> None:
    # fmt.Println in a loop: the output pane under the narration
    app = make_app("go/small_ints_interface", frozen=True)
    assert snap_compare(app, run_before=at_step(12), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_play_rust_mid_run(snap_compare, size) -> None:
    app = make_app("rust/create_many_boxes", frozen=True)
    assert snap_compare(app, run_before=at_step(12), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_play_gc_in_progress(snap_compare, size) -> None:
    # go/gc_churn's step 639 runs a GC cycle: the screen just after it
    app = make_app("go/gc_churn", frozen=True)
    assert snap_compare(app, run_before=at_step(640), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_duel(snap_compare, size) -> None:
    async def run_before(pilot: Any) -> None:
        pilot.app.duel("go/create_many_boxes", "rust/create_many_boxes")
        await wait_loaded(pilot)
        await pilot.press("space", "space", "space")

    assert snap_compare(make_app(frozen=True), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_duel_scorecard(snap_compare, size) -> None:
    async def run_before(pilot: Any) -> None:
        pilot.app.duel("go/create_many_boxes", "rust/create_many_boxes")
        await wait_loaded(pilot)
        await pilot.press("end")
        await pilot.pause(0.2)

    assert snap_compare(make_app(frozen=True), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_level_map(snap_compare, size, tmp_path) -> None:
    """Two levels done (three stars, then two), the third open, the rest locked."""
    from stackvsheap.game.saves import Progress

    progress = Progress.load(tmp_path)
    progress.record_result("sum_three_locals", 784, 3)
    progress.record_result("new_int_sum", 760, 2)
    assert snap_compare(make_app(frozen=True, data_dir=tmp_path), terminal_size=size, press=["l"])


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_fixit_editor_error(snap_compare, size, tmp_path) -> None:
    """The editor on "Why did my slice escape?" after saving a syntax error."""
    from stackvsheap.game.levels import load_levels

    level = load_levels().get("slice_escape")

    async def run_before(pilot: Any) -> None:
        pilot.app.open_fixit(level.snippet, level)
        await pilot.pause()
        editor = pilot.app.screen.editor
        editor.load_text(level.snippet.source.replace("\treturn s\n", "\treturn s +\n"))
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.1)

    assert snap_compare(make_app(frozen=True, data_dir=tmp_path), run_before=run_before,
                        terminal_size=size)
