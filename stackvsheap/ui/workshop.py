"""`stackvsheap workshop PACK.toml`: a pack's exercises as a sequence.

The list of exercises on the left (✓ once its goal is met in this session),
the highlighted one's instructions (Markdown), goal, time box and hints on
the right. Enter plays it; a run that meets the goal marks it done; hints
come one at a time with `h`."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option


def time_left(minutes: float, elapsed_s: float) -> str:
    """`7:32 left`, or `time is up (+1:05)` past the time box."""
    left = round(minutes * 60 - elapsed_s)
    sign, left = ("", left) if left >= 0 else ("+", -left)
    clock = f"{left // 60}:{left % 60:02d}"
    return f"{clock} left" if not sign else f"time is up ({sign}{clock})"


class WorkshopScreen(Screen[None]):
    """The pack's home screen: pick an exercise, read it, play it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", priority=True),
        Binding("h", "hint", "Hint"),
        Binding("right_square_bracket", "move(1)", "Next", key_display="]"),
        Binding("left_square_bracket", "move(-1)", "Prev", key_display="["),
    ]
    AUTO_FOCUS = "#workshop-list"

    def __init__(self, pack: Any) -> None:
        super().__init__()
        self.pack = pack
        self.hints_shown: dict[str, int] = {}   # exercise id -> hints revealed
        self.started: dict[str, float] = {}     # exercise id -> first opened (monotonic)
        self._clock: Any = None

    # ---- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="workshop-heading")
        with Horizontal(id="workshop-main"):
            yield OptionList(id="workshop-list")
            with VerticalScroll(id="workshop-detail"):
                yield Static("", id="workshop-title")
                yield Markdown("", id="workshop-instructions")
                yield Static("", id="workshop-goal")
                yield Static("", id="workshop-hints")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#workshop-main").border_title = "Exercises"
        self.refresh_list()
        if not getattr(self.app, "frozen", False):
            self._clock = self.set_interval(1.0, self._show_goal)

    def on_screen_resume(self) -> None:
        self.refresh_list()  # a run just finished: its ✓

    @property
    def met(self) -> dict[str, int]:
        return self.app.workshop_met  # type: ignore[attr-defined]

    @property
    def current(self) -> Any:
        i = self.query_one(OptionList).highlighted or 0
        return self.pack.exercises[i]

    def refresh_list(self) -> None:
        ol = self.query_one(OptionList)
        keep = ol.highlighted or 0
        ol.clear_options()
        for i, ex in enumerate(self.pack.exercises, 1):
            mark = ("✓ ", "bold green") if ex.id in self.met else ("  ", "")
            lang = "Go" if ex.language == "go" else "Rust"
            ol.add_option(Option(Text.assemble(mark, f"{i}. {ex.title}", (f"  {lang}", "dim")), id=ex.id))
        ol.highlighted = min(keep, len(self.pack.exercises) - 1)
        n = len(self.pack.exercises)
        self.query_one("#workshop-heading", Static).update(Text.assemble(
            (" Workshop ", "bold reverse"), f"  {self.pack.title}",
            (f"  ·  {len(self.met)}/{n} goals met", "bold")))
        self._show(self.current)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_play()

    def _show(self, ex: Any) -> None:
        self.started.setdefault(ex.id, time.monotonic())
        title = Text.assemble((ex.title, "bold"), f" · {ex.id} · ", (ex.snippet.path.name, "dim"))
        self.query_one("#workshop-title", Static).update(title)
        text = ex.instructions.strip()
        if ex is self.pack.exercises[0] and self.pack.about.strip():
            text = f"{self.pack.about.strip()}\n\n---\n\n{text}"
        self.query_one("#workshop-instructions", Markdown).update(text)
        self._show_goal()
        self._show_hints(ex)

    def _show_goal(self) -> None:
        ex = self.current
        t = Text()
        t.append("Goal: ", "bold")
        t.append(ex.goal.text)
        if ex.id in self.met:
            t.append(f"  ✓ met (score {self.met[ex.id]})", "bold green")
        if ex.minutes:
            t.append(f"\nTime box: {ex.minutes:g} min", "dim")
            if not getattr(self.app, "frozen", False):  # no clock in recordings and snapshots
                elapsed = time.monotonic() - self.started[ex.id]
                t.append(f" · {time_left(ex.minutes, elapsed)}", "dim")
        self.query_one("#workshop-goal", Static).update(t)

    def _show_hints(self, ex: Any) -> None:
        shown = self.hints_shown.get(ex.id, 0)
        t = Text()
        for i, hint in enumerate(ex.hints[:shown], 1):
            t.append(f"Hint {i}: ", "bold yellow")
            t.append(hint + "\n")
        left = len(ex.hints) - shown
        if left:
            t.append(f"{left} hint{'s' if left != 1 else ''} left: press h", "dim")
        elif ex.hints:
            t.append("No more hints.", "dim")
        self.query_one("#workshop-hints", Static).update(t)

    # ---- actions ------------------------------------------------------------------

    def action_hint(self) -> None:
        ex = self.current
        self.hints_shown[ex.id] = min(len(ex.hints), self.hints_shown.get(ex.id, 0) + 1)
        self._show_hints(ex)

    def action_move(self, delta: int) -> None:
        ol = self.query_one(OptionList)
        ol.highlighted = max(0, min(len(self.pack.exercises) - 1, (ol.highlighted or 0) + delta))

    def action_play(self) -> None:
        self.app.play_exercise(self.current)  # type: ignore[attr-defined]
