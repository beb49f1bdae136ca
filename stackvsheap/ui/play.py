"""The play screen: one recorded run, stepped through by the player.

`PlayPane` is the reusable part (the duel puts two side by side): the code,
stack, heap and cache panes, the score bar and the narration, all drawn from
one `GameSession`. Its public moves (`step`, `back`, `goto`, ...) move the
session and redraw the panes inside one `batch_update`, the way memray's TUI
hands one snapshot to every pane.

`PlayScreen` adds the keys, autoplay, the jump-to-step input and the footer,
and posts `PlayScreen.Finished(session)` when the player reaches the end.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Callable, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from ..game.predict import Question, Tally, questions
from ..game.session import GameSession
from .predict import PredictPanel
from .widgets import LinePane
from .widgets.cache import CachePane
from .widgets.code import CodePane
from .widgets.heap import HeapPane
from .widgets.narration import Narration
from .widgets.output import OutputPane, prints
from .widgets.scorebar import ScoreBar
from .widgets.stack import StackPane

PLAY_TCSS = Path(__file__).with_name("play.tcss")

# Autoplay speeds in steps per second. Above the frame rate a tick runs
# several steps and draws once.
SPEEDS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384)
DEFAULT_SPEED = 2
FRAME_RATE = 30


def nearest_speed(steps_per_second: float) -> int:
    """The index of the speed level closest to `steps_per_second`."""
    return min(range(len(SPEEDS)), key=lambda i: (abs(SPEEDS[i] - steps_per_second), i))

# A move longer than this runs in a worker thread, so the screen stays
# responsive (seeking costs a few microseconds per step crossed).
FAR_STEPS = 50_000


class PlayPane(Widget):
    """Everything one run shows: code, stack, heap, cache, score, narration."""

    class Moved(Message):
        """The pane's session moved to another step (or was replaced)."""

        def __init__(self, pane: PlayPane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def session(self) -> GameSession:
            return self.pane.session

    def __init__(self, session: GameSession, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        s = self.session
        with Container(id="panes"):
            yield CodePane(s, id="code")
            yield StackPane(s, id="stack")
            yield HeapPane(s, id="heap")
            yield CachePane(s, id="cache")
            yield ScoreBar(s, id="score")
        yield Narration(s, id="narration")
        out = OutputPane(s, id="output")
        out.display = prints(s)
        yield out

    def on_mount(self) -> None:
        _ensure_play_css(self)
        self._titles()
        self._layout()
        self.refresh_view()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        """Compact below 110x30; the code column as wide as the code needs
        (its longest line, comments aside), within a third of the pane."""
        w, h = self.size
        if not w:
            return
        compact = w < 110 or h < 30
        self.set_class(compact, "-compact")
        lines = [ln.expandtabs(4) for ln in self.session.source_lines]
        code = [ln for ln in lines if not ln.lstrip().startswith("//")] or lines or [""]
        want = max(len(ln.rstrip()) for ln in code) + len(str(len(lines))) + 9
        panes = self.query_one("#panes")
        if compact:
            cw = max(24, min(want - 2, w // 2))
            panes.styles.grid_columns = f"{cw} 1fr"
        else:
            cw = max(30, min(want, w * 36 // 100))
            panes.styles.grid_columns = f"{cw} 1fr 1fr"

    def _titles(self) -> None:
        s = self.session
        code = self.query_one(CodePane)
        code.border_title = f"Code · {'Go' if s.go else 'Rust'}"
        code.border_subtitle = s.display
        stack = self.query_one(StackPane)
        stack.border_title = "Stack"
        stack.border_subtitle = "grows down ↓"
        self.query_one(ScoreBar).border_title = "Score"

    # ---- the panes ---------------------------------------------------------

    @property
    def panes(self) -> list[LinePane]:
        return list(self.query(LinePane))

    @property
    def narration(self) -> Narration:
        return self.query_one(Narration)

    def refresh_view(self) -> None:
        """Hand the cursor's state to every pane (drawn on the next frame)."""
        if not self.is_mounted:
            return
        with self.app.batch_update():
            for p in self.panes:
                p.show(self.session)

    def finish_animations(self) -> None:
        """A key pressed during an animation finishes it at once."""
        for p in self.panes:
            finish = getattr(p, "finish_animation", None)
            if finish is not None:
                finish()

    def set_session(self, session: GameSession) -> None:
        """Show another run (a re-run with a forced GC, a new snippet)."""
        self.session = session
        self.selected = None
        self.query_one(OutputPane).display = prints(session)
        for p in self.panes:
            p.selected = None
        self._titles()
        self._moved()

    def freeze(self, frozen: bool) -> None:
        """While a worker moves the cursor, panes keep their last lines."""
        for p in self.panes:
            if not isinstance(p, Narration):
                p.frozen_view = frozen

    def _moved(self) -> None:
        if self.selected is not None and self.selected not in self.session.cursor.heap:
            self.select_block(None)
        self.finish_animations()
        self.refresh_view()
        self.post_message(self.Moved(self))

    def _do(self, move: Callable[[], bool]) -> bool:
        moved = move()
        if moved:
            self._moved()
        return moved

    # ---- public moves (the duel calls these) ---------------------------------

    def step(self, n: int = 1) -> bool:
        return self._do(lambda: self.session.step(n))

    def back(self, n: int = 1) -> bool:
        return self._do(lambda: self.session.back(n))

    def goto(self, k: int) -> bool:
        return self._do(lambda: self.session.jump(k))

    def start(self) -> bool:
        return self._do(self.session.start)

    def end(self) -> bool:
        return self._do(self.session.end)

    def next_line(self) -> bool:
        return self._do(self.session.next_line)

    def skip_iteration(self) -> bool:
        return self._do(self.session.skip_iteration)

    def end_of_loop(self) -> bool:
        return self._do(self.session.end_of_loop)

    # ---- following pointers ----------------------------------------------------

    def select_block(self, block_id: int | None) -> None:
        """Highlight a heap block and every stack pointer to it."""
        self.selected = block_id
        for p in self.panes:
            if isinstance(p, (StackPane, HeapPane)):
                p.select(block_id)

    @on(LinePane.BlockSelected)
    def _block_selected(self, event: LinePane.BlockSelected) -> None:
        event.stop()
        self.select_block(event.block_id)
        if event.block_id is not None:
            b = self.session.cursor.heap.get(event.block_id)
            if b is not None:
                self.narration.say(
                    f"Following `{b.label}` (●{self.session.tag(b)}): {b.size} B at {b.addr:#x}; "
                    "every pointer to it is highlighted. Click it again to let go.")
        else:
            self.narration.say(None)


def _ensure_play_css(widget: Widget) -> None:
    """PlayPane's styles live in play.tcss beside the screen; a host screen
    (the duel) may not list it, so load it once if it is missing."""
    app = widget.app
    sheet = app.stylesheet
    if not sheet.has_source(str(PLAY_TCSS), ""):
        sheet.read(PLAY_TCSS)
        sheet.reparse()
        sheet.update(app)


class JumpInput(Input):
    """`g`: type a step number, enter to go, escape to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    class Cancelled(Message):
        pass

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())


class PlayHeader(Static):
    """The screen's top line: game, snippet, claim, autoplay state."""


class PlayScreen(Screen[None]):
    """One run, full screen, with keys."""

    CSS_PATH = "play.tcss"
    # Keys belong to the screen; the jump input takes focus only when asked.
    AUTO_FOCUS = None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right", "step", "Step", key_display="space"),
        Binding("left", "back", "Back", key_display="←"),
        Binding("n", "next_line", "Line"),
        Binding("i", "skip_iteration", "Iter"),
        Binding("l", "end_of_loop", "Loop end"),
        Binding("home", "start", "Start", show=False),
        Binding("end", "end", "End", show=False),
        Binding("g", "jump", "Jump"),
        Binding("p", "play", "Play"),
        Binding("plus,equals_sign", "faster", "Faster", key_display="+", show=False),
        Binding("minus", "slower", "Slower", key_display="-", show=False),
        Binding("c", "gc", "GC"),
        Binding("o", "open", "Open"),
        Binding("e", "fix_it", "Fix it"),
        Binding("P", "toggle_predict", "Predict", key_display="P"),
        Binding("s", "predict('stack')", "Stack", show=False),
        Binding("h", "predict('heap')", "Heap", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("escape", "app.back", "Back", show=False),  # to the level map or workshop
        Binding("q", "quit", "Quit"),
    ]

    class Finished(Message):
        """The player reached the end of the run."""

        def __init__(self, session: GameSession, predictions: str | None = None) -> None:
            super().__init__()
            self.session = session
            self.predictions = predictions  # the predict tally, when predict mode was on

    playing: reactive[bool] = reactive(False, init=False)
    speed: reactive[int] = reactive(DEFAULT_SPEED, init=False)

    def __init__(self, session: GameSession, *, predict: bool = False,
                 autoplay: float | None = None, name: str | None = None,
                 id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._session = session
        # `play --autoplay`: start playing at once, at the speed level nearest
        # to this many steps/s; every tick moves the same number of steps, so
        # the frames are the same on every run (a late tick is skipped, never
        # made up with a bigger jump).
        self.autoplay = autoplay
        self.busy = False
        self._timer: Timer | None = None
        # Predict mode (game.predict): stop before each question's step and ask.
        self.predict = predict
        self.tally = Tally()
        self._questions: list[Question] | None = None  # built when predict is first on
        self.asking: Question | None = None

    @property
    def session(self) -> GameSession:
        return self.pane.session if self.is_mounted else self._session

    @property
    def pane(self) -> PlayPane:
        return self.query_one(PlayPane)

    def compose(self) -> ComposeResult:
        yield PlayHeader(id="play-header")
        yield PlayPane(self._session)
        yield PredictPanel(id="predict")
        yield JumpInput(placeholder=f"jump to step (0–{self._session.n_steps:,}), enter to go",
                        type="integer", id="jump", disabled=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._timer = self.set_interval(self._interval(), self._tick, pause=True)
        self.set_class(self.predict, "-predict")
        self._header()
        if self.autoplay is not None:
            self.predict = False  # an unattended run asks nothing
            self.set_class(False, "-predict")
            self.speed = nearest_speed(self.autoplay)
            self.action_play()
        self._check_question()
        # A recorded run is millions of long-lived objects; without this, a
        # full collection every few steps costs 50+ ms (a visible stutter).
        # (No gc.collect() first: on a big trace that alone takes seconds.)
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()

    # ---- header -----------------------------------------------------------------

    def _header(self) -> None:
        s = self.session
        t = Text(no_wrap=True, overflow="ellipsis", end="")
        t.append(" stackvsheap ", "bold reverse")
        t.append(f"  {s.snippet_id}", "bold")
        t.append(f" · {s.title}")
        if s.claim:
            t.append(f" · “{s.claim}”", "italic dim")
        right = Text(end="")
        right.append(("▶ playing " if self.playing else "paused ") + f"{SPEEDS[self.speed]:,} steps/s ",
                     "bold" if self.playing else "dim")
        right.append("+/- speed ", "dim")
        if s.forced_gc:
            right.append(f" GC forced at {', '.join(map(str, s.forced_gc))} ", "dim")
        width = max(20, self.size.width)
        room = width - right.cell_len - 1
        if t.cell_len > room:
            t.truncate(max(10, room), overflow="ellipsis")
        t.append(" " * max(1, width - t.cell_len - right.cell_len))
        t.append_text(right)
        self.query_one(PlayHeader).update(t)

    def on_resize(self) -> None:
        self._header()

    def watch_playing(self) -> None:
        self._header()
        self.refresh_bindings()

    def watch_speed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_interval(self._interval(), self._tick, pause=not self.playing)
        self._header()
        self.refresh_bindings()

    # ---- moving -----------------------------------------------------------------

    def _after(self, before: int) -> None:
        s = self.session
        if self._check_question(before):
            return
        if s.at_end and before != s.position:
            self.playing = False
            if self._timer is not None:
                self._timer.pause()
            self.post_message(self.Finished(s, self.tally.summary() if self.predict else None))
        self.refresh_bindings()

    # ---- predict mode -------------------------------------------------------------

    def _check_question(self, before: int | None = None) -> bool:
        """Stop at the first unanswered question the last move reached or passed
        (its step is about to run) and ask it. Answered ones are never re-asked."""
        if not self.predict or self.asking is not None:
            return False
        s = self.session
        lo = s.position if before is None else before
        if s.position < lo:
            return False
        if self._questions is None:
            self._questions = questions(s)
        q = next((q for q in self._questions if lo <= q.step <= s.position
                  and q.key not in self.tally.answered), None)
        if q is None:
            return False
        self.playing = False
        if self._timer is not None:
            self._timer.pause()
        if s.position != q.step:
            self.pane.goto(q.step)
        self.asking = q
        self.query_one(PredictPanel).ask(q, self.tally)
        self.refresh_bindings()
        return True

    def action_predict(self, answer: str) -> None:
        q = self.asking
        if q is None:
            return
        self.asking = None
        fb = self.tally.answer(q, answer)
        self.query_one(PredictPanel).show_feedback(fb, self.tally)
        self.set_focus(None)
        self.refresh_bindings()

    @on(Input.Submitted, "#predict-number")
    def _number_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.action_predict(event.value)

    def action_toggle_predict(self) -> None:
        self.predict = not self.predict
        self.set_class(self.predict, "-predict")
        if not self.predict:
            self.asking = None
            self.set_focus(None)
        else:
            self._check_question()
        self.refresh_bindings()

    def _go(self, move: Callable[[], bool]) -> None:
        if self.busy:
            return
        before = self.session.position
        move()
        self._after(before)

    def _go_to(self, target: int | None) -> None:
        """A jump: at once when near, in a worker thread when far."""
        if target is None or self.busy:
            return
        s = self.session
        if abs(target - s.position) <= FAR_STEPS:
            self._go(lambda: self.pane.goto(target))
            return
        self.busy = True
        self.pane.freeze(True)
        self.pane.narration.say(f"Moving {abs(target - s.position):,} steps…")
        self.refresh_bindings()
        self._seek_worker(target)

    @work(thread=True, exclusive=True, group="seek")
    def _seek_worker(self, target: int) -> None:
        s = self.session
        before = s.position
        s.jump(target)
        self.app.call_from_thread(self._seek_done, before)

    def _seek_done(self, before: int) -> None:
        self.busy = False
        self.pane.freeze(False)
        self.pane.narration.say(None)
        self.pane._moved()
        self._after(before)

    def action_step(self) -> None:
        self._go(self.pane.step)

    def action_back(self) -> None:
        self._go(self.pane.back)

    def action_next_line(self) -> None:
        self._go_to(self.session.next_line_target())

    def action_skip_iteration(self) -> None:
        self._go_to(self.session.skip_iteration_target())

    def action_end_of_loop(self) -> None:
        self._go_to(self.session.end_of_loop_target())

    def action_start(self) -> None:
        self._go_to(0)

    def action_end(self) -> None:
        self._go_to(self.session.n_steps)

    def goto(self, k: int) -> None:
        self._go_to(max(0, min(self.session.n_steps, k)))

    # ---- jump input ---------------------------------------------------------------

    def action_jump(self) -> None:
        box = self.query_one(JumpInput)
        box.value = ""
        box.disabled = False
        box.add_class("-shown")
        box.focus()

    def _close_jump(self) -> None:
        box = self.query_one(JumpInput)
        box.remove_class("-shown")
        box.disabled = True
        self.set_focus(None)

    @on(Input.Submitted, "#jump")
    def _jump_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_jump()
        try:
            k = int(event.value.replace(",", "").replace("_", "").strip())
        except ValueError:
            return
        self.goto(k)

    @on(JumpInput.Cancelled)
    def _jump_cancelled(self) -> None:
        self._close_jump()

    # ---- autoplay -------------------------------------------------------------------

    def _interval(self) -> float:
        return max(1.0 / SPEEDS[self.speed], 1.0 / FRAME_RATE)

    def _tick(self) -> None:
        if self.busy:
            return
        per_tick = max(1, round(SPEEDS[self.speed] * self._interval()))
        self._go(lambda: self.pane.step(per_tick))
        if self.session.at_end:
            self.playing = False
            if self._timer is not None:
                self._timer.pause()

    def action_play(self) -> None:
        if self.session.at_end:
            return
        self.playing = not self.playing
        if self._timer is not None:
            if self.playing:
                self._timer.resume()
            else:
                self._timer.pause()

    def action_faster(self) -> None:
        self.speed = min(len(SPEEDS) - 1, self.speed + 1)

    def action_slower(self) -> None:
        self.speed = max(0, self.speed - 1)

    # ---- GC, picker, help, quit ---------------------------------------------------------

    def action_gc(self) -> None:
        s = self.session
        if not s.go or s.at_end or self.busy:
            return
        self.busy = True
        self.playing = False
        at = max(1, s.position)
        self.pane.freeze(True)
        self.pane.narration.say(
            f"Re-running {s.entry} with a GC cycle forced at step {at:,}: the trace is "
            "recorded again, so everything after it (and the score) can change…")
        self.refresh_bindings()
        self._gc_worker(at)

    @work(thread=True, exclusive=True, group="gc")
    def _gc_worker(self, at: int) -> None:
        try:
            new = self.session.with_forced_gc(at)
        except Exception as e:  # a re-run failing must not end the game
            self.app.call_from_thread(self._gc_failed, str(e))
            return
        self.app.call_from_thread(self._gc_done, new)

    def _gc_done(self, new: GameSession) -> None:
        self.busy = False
        before = self.session.position
        self.pane.freeze(False)
        self.pane.narration.say(None)
        self.pane.set_session(new)
        self._questions = None
        gc.freeze()  # the re-run's trace is long-lived too
        self._header()
        self._after(before)

    def _gc_failed(self, message: str) -> None:
        self.busy = False
        self.pane.freeze(False)
        self.pane.narration.say(f"Could not force a GC: {message}")
        self.refresh_bindings()

    def action_open(self) -> None:
        opener = getattr(self.app, "action_open_picker", None)
        if opener is not None:
            opener()

    def action_fix_it(self) -> None:
        """The fix-it editor on a copy of this run's code (the level's, when
        the level map started it)."""
        level = getattr(self.app, "current_level", None)
        if level is not None and level.snippet.id != self.session.snippet_id:
            level = None
        self.app.open_fixit(self.session.snippet, level)  # type: ignore[attr-defined]

    def action_help(self) -> None:
        helper = getattr(self.app, "action_help", None)
        if helper is not None:
            helper()

    async def action_quit(self) -> None:
        await self.app.action_quit()

    # ---- which keys can act now -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        s = self.session
        moving = {"step", "back", "next_line", "skip_iteration", "end_of_loop", "start", "end",
                  "jump", "play", "gc"}
        if self.busy and action in moving:
            return None
        if action == "predict":
            return True if self.asking is not None and self.asking.kind == "site" else None
        if self.asking is not None and action in moving - {"back", "start"}:
            return None
        if action in ("step", "next_line", "end", "play"):
            return None if s.at_end else True
        if action in ("back", "start"):
            return None if s.at_start else True
        if action in ("skip_iteration", "end_of_loop"):
            return None if s.current_loop() is None else True
        if action == "faster":
            return None if self.speed >= len(SPEEDS) - 1 else True
        if action == "slower":
            return None if self.speed <= 0 else True
        if action == "gc":
            return True if s.go and not s.at_end else None
        if action == "open":
            return True if hasattr(self.app, "action_open_picker") else None
        if action == "help":
            return True if hasattr(self.app, "action_help") else None
        if action == "fix_it":
            return True if hasattr(self.app, "open_fixit") and self.session.snippet is not None else None
        return True

    def on_screen_resume(self) -> None:
        self.pane.refresh_view()
        self.refresh_bindings()
