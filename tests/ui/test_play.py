"""Pilot tests of the play screen: every control, asserting on state (the
step index, the `SP 0x…` shown, the heap blocks, the narration).

The runs are the hand-built IR programs of tests/game/test_session.py, so
the tests do not depend on the front ends; one test plays a real snippet
when the Go front end can parse it. A minimal app hosts PlayScreen the way
the real one does (it implements `action_open_picker` and `action_help` and
listens for `PlayScreen.Finished`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.containers import Horizontal

from stackvsheap.game.session import GameSession, LoadError
from stackvsheap.ui.play import SPEEDS, JumpInput, PlayPane, PlayScreen
from stackvsheap.ui.widgets import LinePane
from stackvsheap.ui.widgets.cache import CachePane
from stackvsheap.ui.widgets.code import CodePane
from stackvsheap.ui.widgets.heap import HeapPane
from stackvsheap.ui.widgets.narration import Narration
from stackvsheap.ui.widgets.output import OutputPane
from stackvsheap.ui.widgets.scorebar import ScoreBar
from stackvsheap.ui.widgets.stack import StackPane


def _programs() -> Any:
    path = Path(__file__).resolve().parents[1] / "game" / "test_session.py"
    spec = importlib.util.spec_from_file_location("_play_test_programs", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


P = _programs()


class PlayApp(App[None]):
    """Hosts PlayScreen like the real app: picker, help, results."""

    def __init__(self, session: GameSession, animations: str = "none") -> None:
        super().__init__()
        self.session = session
        self.opened = 0
        self.helped = 0
        self.finished: list[GameSession] = []
        self.animation_level = animations  # type: ignore[assignment]

    def on_mount(self) -> None:
        self.push_screen(PlayScreen(self.session))

    def action_open_picker(self) -> None:
        self.opened += 1

    def action_help(self) -> None:
        self.helped += 1

    def on_play_screen_finished(self, message: PlayScreen.Finished) -> None:
        self.finished.append(message.session)


def boxes(n: int = 100) -> GameSession:
    return GameSession.from_program(P.boxes_program(n), snippet=P.snippet())


def text_of(pane: LinePane) -> str:
    return "\n".join(strip.text for strip in pane._lines)


def screen_of(app: App[Any]) -> PlayScreen:
    assert isinstance(app.screen, PlayScreen)
    return app.screen


def pane_of(app: App[Any]) -> PlayPane:
    return app.screen.query_one(PlayPane)


# ---- stepping ---------------------------------------------------------------------


async def test_opens_at_step_zero_with_sp_shown() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert s.position == 0
        stack = app.screen.query_one(StackPane)
        assert f"SP {s.sp():#x}" in text_of(stack)
        assert "Stack" in str(stack.border_title)
        assert str(app.screen.query_one(HeapPane).border_title).startswith("Heap")
        assert "about to run" in app.screen.query_one(Narration).text
        assert "nothing allocated yet" in text_of(app.screen.query_one(HeapPane))


async def test_space_right_left_step_and_back() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        assert s.position == 1
        await pilot.press("right", "right", "right")
        assert s.position == 4
        await pilot.pause()
        assert "`value` moves to the heap" not in app.screen.query_one(Narration).text  # code spans unquoted
        assert app.screen.query_one(Narration).text.split("▶ ", 1)[1].startswith("value moves to the heap")
        await pilot.press("left")
        assert s.position == 3
        await pilot.pause()
        assert "loop checks its condition" in app.screen.query_one(Narration).text


async def test_heap_blocks_and_badges_appear() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        heap = app.screen.query_one(HeapPane)
        # a narrow pane shows the low digits of each address (the title has the prefix)
        assert "…00000 c31 896 B" in text_of(heap) and "1/9" in text_of(heap)
        assert str(heap.border_title).endswith("0xc0000…")
        assert "[●a ]" in text_of(heap)
        await pilot.press("space", "space", "space")
        await pilot.pause()
        text = text_of(heap)
        assert "c2 16 B" in text and "[●b ]" in text and "[ ? ]" in text
        assert "free slots" in text
        code = text_of(app.screen.query_one(CodePane))
        assert "H  5" in code and "H  7 ▶" in code
        stack = text_of(app.screen.query_one(StackPane))
        assert "value ⇢heap ●b = 0" in stack and "boxes ●a len 100" in stack


async def test_next_line_home_end_and_finished() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert s.current_line() == 5
        await pilot.press("n")
        assert s.current_line() == 6
        await pilot.press("end")
        await pilot.pause()
        assert s.at_end and app.finished == [s]
        assert screen_of(app).check_action("step", ()) is None
        assert screen_of(app).check_action("play", ()) is None
        await pilot.press("end", "space")
        await pilot.pause()
        assert len(app.finished) == 1  # only on arrival
        await pilot.press("home")
        assert s.position == 0
        assert screen_of(app).check_action("back", ()) is None
        assert screen_of(app).check_action("start", ()) is None
        assert screen_of(app).check_action("step", ()) is True


async def test_far_jumps_run_in_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from stackvsheap.ui import play

    monkeypatch.setattr(play, "FAR_STEPS", 10)
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        await pilot.press("end")
        # while the worker seeks, moving keys are greyed and the panes keep their lines
        assert screen.busy in (True, False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.busy and s.at_end and app.finished == [s]
        assert "Done: createManyBoxes returned" in app.screen.query_one(Narration).text
        await pilot.press("home")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert s.position == 0 and s.heap.live_blocks == 0
        assert "nothing allocated yet" in text_of(app.screen.query_one(HeapPane))


async def test_busy_greys_the_moving_keys() -> None:
    app = PlayApp(boxes(3))
    async with app.run_test(size=(120, 40)):
        screen = screen_of(app)
        screen.busy = True
        assert screen.check_action("step", ()) is None and screen.check_action("gc", ()) is None
        assert screen.check_action("help", ()) is True
        screen.busy = False
        assert screen.check_action("step", ()) is True


async def test_loop_iteration_and_loop_end() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        assert screen_of(app).check_action("skip_iteration", ()) is None  # line 5 is not in a loop
        await pilot.press("space", "space", "space")
        assert screen_of(app).check_action("skip_iteration", ()) is True
        k = s.position
        await pilot.press("i")
        assert s.position == k + 4 and s.current_line() == 6
        await pilot.press("l")
        assert s.next_line_no() == 10
        assert s.heap.live_blocks == 101


async def test_jump_to_step_input() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        box = app.screen.query_one(JumpInput)
        assert box.has_focus and box.display
        await pilot.press("4", "2", "enter")
        await pilot.pause()
        assert s.position == 42 and not box.has_class("-shown")
        await pilot.press("g", "7", "escape")
        await pilot.pause()
        assert s.position == 42 and not box.has_class("-shown")
        await pilot.press("space")  # keys belong to the screen again
        assert s.position == 43


async def test_autoplay_and_speed() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        start_speed = screen.speed
        await pilot.press("plus", "plus")
        assert screen.speed == start_speed + 2
        await pilot.press("minus")
        assert screen.speed == start_speed + 1
        await pilot.press("p")
        assert screen.playing
        await pilot.pause(0.6)
        assert s.position > 0
        await pilot.press("p")
        assert not screen.playing
        moved = s.position
        await pilot.pause(0.3)
        assert s.position == moved
        for _ in range(len(SPEEDS)):
            await pilot.press("minus")
        assert screen.speed == 0 and screen.check_action("slower", ()) is None
        for _ in range(len(SPEEDS)):
            await pilot.press("plus")
        assert screen.check_action("faster", ()) is None
        await pilot.press("p")  # at top speed the run plays to its end
        await pilot.pause(1.5)
        assert s.at_end and not screen.playing and app.finished == [s]


async def test_force_gc_reruns_with_a_cycle() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = pane_of(app)
        pane.goto(20)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        new = pane.session
        assert new is not s and new.forced_gc == (20,)
        assert new.position == 21
        assert app.screen.query_one(Narration).text.split("▶ ", 1)[1].startswith("You forced GC cycle 1")
        assert "GC 1: swept 0" in text_of(app.screen.query_one(HeapPane))
        assert "GC 1 cycle" in text_of(app.screen.query_one(ScoreBar))
        await pilot.press("space")
        assert new.position == 22


async def test_force_gc_is_greyed_for_rust_and_at_the_end() -> None:
    s = boxes(3)
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        assert screen_of(app).check_action("gc", ()) is True
        await pilot.press("end")
        assert screen_of(app).check_action("gc", ()) is None
    try:
        r = GameSession.from_program(P.rust_boxes_program())
    except LoadError:
        return  # the simulator's Rust side is not ready
    app = PlayApp(r)
    async with app.run_test(size=(120, 40)):
        assert screen_of(app).check_action("gc", ()) is None


async def test_open_help_quit_go_to_the_app() -> None:
    app = PlayApp(boxes(3))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o", "question_mark")
        assert app.opened == 1 and app.helped == 1
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# ---- following pointers ---------------------------------------------------------------


async def test_click_a_pointer_to_follow_it() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = pane_of(app)
        pane.goto(4)
        await pilot.pause()
        stack = app.screen.query_one(StackPane)
        lines = [strip.text for strip in stack._lines]
        y = next(i for i, line in enumerate(lines) if "boxes ●a" in line)
        x = lines[y].index("●a")
        # the pane's content starts inside its border and padding
        await pilot.click(StackPane, offset=(x + 2, y + 1))
        await pilot.pause()
        make = next(b for b in s.cursor.heap.values() if b.label.startswith("make"))
        assert pane.selected == make.id
        assert app.screen.query_one(HeapPane).selected == make.id
        assert "Following" in app.screen.query_one(Narration).text
        await pilot.click(StackPane, offset=(x + 2, y + 1))
        await pilot.pause()
        assert pane.selected is None


async def test_selection_highlights_both_sides() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = pane_of(app)
        pane.goto(4)
        value = next(b for b in s.cursor.heap.values() if b.label == "value")
        pane.select_block(value.id)
        await pilot.pause()
        stack, heap = app.screen.query_one(StackPane), app.screen.query_one(HeapPane)
        sel_stack = stack.style("stack--selected")
        sel_heap = heap.style("heap--selected")
        assert any(seg.style and seg.style.reverse and "●b" in seg.text
                   for strip in stack._lines for seg in strip) or sel_stack.reverse
        assert any(seg.style and seg.style.reverse and "●b" in seg.text
                   for strip in heap._lines for seg in strip) or sel_heap.reverse
        # the selection is dropped when stepping back frees the block
        pane.goto(1)
        assert pane.selected is None


# ---- layout, animation, reuse ---------------------------------------------------------


async def test_compact_layout_and_live_resize() -> None:
    s = boxes()
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        assert not pane.has_class("-compact")
        assert app.screen.query_one(CachePane).size.height >= 6
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert pane.has_class("-compact")
        await pilot.press("space", "space", "space", "space")
        await pilot.pause()
        for widget in app.screen.query(LinePane):
            if not widget.display:
                continue  # the output pane of a run that prints nothing
            assert widget.size.width > 0 and widget.size.height > 0
            assert all(strip.cell_length <= widget.size.width for strip in widget._lines)
        assert f"SP {s.sp():#x}" in text_of(app.screen.query_one(StackPane))
        assert "step 4/404" in text_of(app.screen.query_one(ScoreBar))
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert not pane.has_class("-compact")


async def test_animations_follow_the_level_and_finish_on_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from stackvsheap.ui.widgets import stack as stack_module

    monkeypatch.setattr(stack_module, "SP_SLIDE_SECONDS", 30.0)  # slow enough to catch mid-slide
    s = GameSession.from_program(P.calls_program(), entry="work")
    app = PlayApp(s, animations="full")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        stack = app.screen.query_one(StackPane)
        # Actions run as the keys would, without Pilot waiting for animations.
        screen.action_step()
        screen.action_step()  # the call to add pushes a frame: SP slides
        assert app.animator.is_being_animated(stack, "sp_row")
        assert round(stack.sp_row) != stack._sp_target
        screen.action_step()  # the next key finishes it at once (this step moves no frame)
        assert not app.animator.is_being_animated(stack, "sp_row")
        assert round(stack.sp_row) == stack._sp_target
    s2 = GameSession.from_program(P.calls_program(), entry="work")
    app = PlayApp(s2, animations="none")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "space")
        stack = app.screen.query_one(StackPane)
        assert not app.animator.is_being_animated(stack, "sp_row")
        assert round(stack.sp_row) == stack._sp_target


async def test_sp_moves_when_frames_push_and_pop() -> None:
    s = GameSession.from_program(P.calls_program(), entry="work")
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        stack = app.screen.query_one(StackPane)
        top = s.sp()
        await pilot.press("space", "space")
        await pilot.pause()
        assert s.sp() < top and f"SP {s.sp():#x} (−" in text_of(stack)
        assert "┌ add ·" in text_of(stack) and "┌ work ·" in text_of(stack)
        await pilot.press("space", "space")
        await pilot.pause()
        assert s.sp() == s.frame_box(0).bottom and "┌ add ·" not in text_of(stack)


class TwoPanes(App[None]):
    """The duel's arrangement: two PlayPanes driven through their methods."""

    def __init__(self, a: GameSession, b: GameSession) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.animation_level = "none"  # type: ignore[assignment]

    def compose(self):  # type: ignore[no-untyped-def]
        with Horizontal():
            yield PlayPane(self.a, id="left")
            yield PlayPane(self.b, id="right")


async def test_play_pane_is_reusable_side_by_side() -> None:
    a, b = boxes(), GameSession.from_program(P.calls_program(), entry="work")
    app = TwoPanes(a, b)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        left, right = app.query_one("#left", PlayPane), app.query_one("#right", PlayPane)
        assert left.has_class("-compact") and right.has_class("-compact")
        assert left.step() and right.step()
        assert left.goto(10) and (a.position, b.position) == (10, 1)
        assert right.back() and b.position == 0
        assert not right.back()
        await pilot.pause()
        assert f"SP {a.sp():#x}" in text_of(left.query_one(StackPane))
        assert "step 10/404" in text_of(left.query_one(ScoreBar))


async def test_a_real_snippet_plays() -> None:
    try:
        s = GameSession.load("go/create_many_boxes")
    except LoadError as e:
        pytest.skip(f"the Go front end cannot load it yet: {e}")
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(12):
            await pilot.press("space")
        await pilot.pause()
        assert s.position == 12
        assert "boxes ●a len 1000" in text_of(app.screen.query_one(StackPane))
        assert s.heap.live_blocks >= 2
        await pilot.press("l", "end")
        await pilot.pause()
        assert app.finished == [s]


async def test_output_pane_shows_what_the_program_printed() -> None:
    s = GameSession.load("go/small_ints_interface")
    app = PlayApp(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        out = app.screen.query_one(OutputPane)
        assert out.display
        assert "nothing printed yet" in text_of(out)
        screen_of(app).goto(s.n_steps)
        for _ in range(100):
            await pilot.pause(0.05)
            if s.position == s.n_steps:
                break
        await pilot.pause()
        assert text_of(out).splitlines()[-1].strip().endswith("liftoff 0")


async def test_output_pane_hidden_when_nothing_is_printed() -> None:
    app = PlayApp(boxes())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(OutputPane).display
