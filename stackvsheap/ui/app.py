"""The stackvsheap app: one factory for the command line and the tests.

`make_app()` builds the app exactly as `stackvsheap` runs it (posting's
pattern), so the Pilot and snapshot tests drive the real thing. Everything
heavier than Textual itself (the front ends, the simulator, Rich's Syntax and
Pygments, the play screen) is imported on first use, which keeps the first
interactive frame well under a second.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from textual.widget import Widget

#: The smallest terminal the screens are laid out for.
MIN_WIDTH, MIN_HEIGHT = 80, 24

#: Set (or `make_app(frozen=True)`) to stop every animation: the title's
#: idle stack pointer, the loading spinner, the play screen's animations
#: (animation level "none") and the input cursor blink. Snapshot tests and
#: screen recordings use it.
FROZEN_ENV = "STACKVSHEAP_FROZEN"

#: `--exit-at-end`: how long the results stay on screen before the app exits.
EXIT_HOLD_SECONDS = 2.0


def too_small_message(width: int, height: int) -> str:
    return (
        f"make the terminal larger ({MIN_WIDTH}x{MIN_HEIGHT} needed, now {width}x{height})"
    )


class TooSmall(Static):
    """Covers the current screen while the terminal is below 80x24.

    Mounted into whichever screen is active (the app's stylesheet hides that
    screen's other children), so it works over screens this module does not
    own, such as the play screen."""

    def render(self) -> str:
        w, h = self.app.terminal_size  # type: ignore[attr-defined]
        return f"stackvsheap\n\n{too_small_message(w, h)}\n\nq quits"


class LoadingScreen(Screen[None]):
    """Shown while a snippet is parsed and run on the simulated machine; if
    that fails, it shows the `file:line:col: message` instead."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back"),
        Binding("o", "app.open_picker", "Open"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"Running [b]{_escape(self.what)}[/] on the simulated machine…", id="loading-what")
        if not getattr(self.app, "frozen", False):
            from textual.widgets import LoadingIndicator

            yield LoadingIndicator()
        yield Static("", id="loading-error")
        yield Footer()

    def show_error(self, message: str) -> None:
        self.error = message
        self.query_one("#loading-what", Static).update(
            f"Could not play [b]{_escape(self.what)}[/]:"
        )
        err = self.query_one("#loading-error", Static)
        lesson = _refusal_lesson(self.what, message)
        err.update(_escape(message) + (f"\n\n[b]This refusal is the lesson.[/] {_escape(lesson)}" if lesson else ""))
        err.add_class("-shown")
        for spinner in self.query("LoadingIndicator"):
            spinner.remove()


def _refusal_lesson(ref: str, message: str) -> str | None:
    """A snippet whose lesson is the compiler's refusal (an `error:` header):
    its truth explains the error."""
    from ..game.snippets import catalog

    snip = catalog().get(ref)
    if snip is None or not snip.error or snip.error not in message:
        return None
    return snip.truth or ""


def _escape(text: str) -> str:
    from textual.markup import escape

    return escape(text)


class StackVsHeapApp(App[int]):
    """The game: title, picker, play, duel, help and results screens."""

    TITLE = "stackvsheap"
    # Every screen's stylesheet (each beside its screen) is read once, here:
    # a screen with its own CSS_PATH makes Textual re-parse all CSS, its
    # built-in widgets' included, the first time it is pushed.
    CSS_PATH: ClassVar[list[str]] = [
        "app.tcss", "title.tcss", "picker.tcss", "help.tcss", "results.tcss", "duel.tcss",
        "play.tcss", "levelmap.tcss", "fixit.tcss", "workshop.tcss",
    ]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help"),
        Binding("o", "open_picker", "Open"),
        Binding("t", "toggle_theme", "Theme"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        target: str | None = None,
        entry: str | None = None,
        *,
        frozen: bool | None = None,
        predict: bool = False,
        autoplay: float | None = None,
        exit_at_end: bool = False,
        show_keys: bool = False,
        data_dir: str | os.PathLike[str] | None = None,
        workshop: Any = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir  # saves go here (`--data-dir`), else the user data dir
        self._progress: Any = None     # game.saves.Progress, read on first use
        self._campaign: Any = None     # game.levels.Campaign, read on first use
        self.current_level: Any = None  # the game.levels.Level being played, if any
        # `stackvsheap workshop PACK`: the game.packs.Pack, and the exercises
        # whose goal a run met in this session (id -> score).
        self.workshop = workshop
        self.workshop_met: dict[str, int] = {}
        # `play --autoplay [--speed X] [--exit-at-end]`: an unattended,
        # deterministic run for recordings (frozen: no animation, no spinner).
        self.autoplay = autoplay
        self.exit_at_end = exit_at_end
        self.show_keys = show_keys  # `--show-keys`: the keys pressed, in an overlay
        self.key_log: Any = None
        if show_keys:
            from .keys import KeyLog

            self.key_log = KeyLog()
        if autoplay is not None and frozen is None:
            frozen = True
        self.target = target
        self.predict = predict  # open play screens in predict mode (`play --predict`)
        self.fix_drafts: dict[str, str] = {}  # the fix-it editor's drafts by snippet id
        self.entry = entry
        self.frozen = bool(os.environ.get(FROZEN_ENV)) if frozen is None else frozen
        if self.frozen:
            self.animation_level = "none"  # the play screen's animations too
        # The screens below this depth are the app's home (the title screen,
        # or nothing when `play TARGET` opened the play screen directly);
        # picking a new snippet replaces everything above it.
        self._base_depth = 1
        self._too_small = False
        self.terminal_size: tuple[int, int] = (MIN_WIDTH, MIN_HEIGHT)
        self._pending_results: tuple[Any, Any] | None = None

    # ---- life cycle ---------------------------------------------------------

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._on_screen_change)
        if self.workshop is not None:
            from .workshop import WorkshopScreen

            self.push_screen(WorkshopScreen(self.workshop))
            self._base_depth = 2
        elif self.target is None:
            from .title import TitleScreen

            self.push_screen(TitleScreen())
            self._base_depth = 2
        else:
            self.play(self.target, self.entry)
        self._check_size()

    # ---- terminal size ------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, w: int | None = None, h: int | None = None) -> None:
        if w is None or h is None:
            w, h = self.size
        small = w < MIN_WIDTH or h < MIN_HEIGHT
        if small != self._too_small:
            self._too_small = small
            self.set_class(small, "-too-small")
        self.terminal_size = (w, h)
        if small:
            self._show_too_small(self.screen)
            for notice in self.screen.query(TooSmall):
                notice.refresh()

    def _on_screen_change(self, screen: Screen) -> None:
        if self._too_small:
            self._show_too_small(screen)
        if self.key_log is not None:
            from .keys import KeysOverlay

            if not screen.query_children(KeysOverlay):
                screen.mount(KeysOverlay(self.key_log))
            else:
                screen.query_one(KeysOverlay).refresh_keys()
        pending = self._pending_results
        if pending is not None and getattr(screen, "session", None) is pending[0]:
            from .results import ResultsScreen

            self._pending_results = None
            self.call_later(self.push_screen, ResultsScreen(pending[1]))

    def _show_too_small(self, screen: Screen) -> None:
        if not screen.query_children(TooSmall):
            screen.mount(TooSmall())

    @property
    def too_small(self) -> bool:
        return self._too_small

    async def on_event(self, event: events.Event) -> None:
        if self.key_log is not None and isinstance(event, events.Key) and not event.is_forwarded:
            self.key_log.press(event.key, event.character)
            from .keys import KeysOverlay

            for overlay in self.screen.query_children(KeysOverlay):
                overlay.refresh_keys()
        # While the notice covers the screen, keys and clicks would act on
        # widgets the player cannot see: let only quitting through.
        if (
            self._too_small
            and isinstance(event, (events.Key, events.MouseEvent))
            and not event.is_forwarded
        ):
            if isinstance(event, events.Key) and event.key in ("q", "ctrl+q", "ctrl+c"):
                self.exit(0)
            return
        await super().on_event(event)

    # ---- app-level actions ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # By class name: importing the screens here would undo lazy loading.
        on = type(self.screen).__name__
        if action == "open_picker" and on == "PickerScreen":
            return None
        if action == "help" and on == "HelpScreen":
            return None
        return True

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_open_picker(self, mode: str = "play") -> None:
        from .picker import PickerScreen

        if isinstance(self.screen, PickerScreen):
            return
        # Opened over a run, the picker starts on that run's snippet.
        session = getattr(self.screen, "session", None)
        current = getattr(session, "snippet_id", None)
        self.push_screen(PickerScreen(mode=mode, current=current))

    def action_duel(self) -> None:
        self.action_open_picker("duel")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_back(self) -> None:
        if len(self.screen_stack) > self._base_depth:
            self.pop_screen()
        elif self._base_depth <= 1:
            self.action_open_picker()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Toggle light/dark", "Switch between the light and the dark theme (t)",
            self.action_toggle_theme,
        )
        yield SystemCommand("Open a snippet", "Pick a built-in snippet or a file (o)",
                            self.action_open_picker)
        yield SystemCommand("Levels", "The campaign: goals, stars and best scores (l)",
                            self.action_levels)
        yield SystemCommand("Duel", "Go against its Rust twin, line by line", self.action_duel)
        yield SystemCommand("Keys and panes", "What every key does (?)", self.action_help)

    # ---- playing --------------------------------------------------------------

    def load_session(self, ref: str, entry: str | None = None) -> Any:
        """Parse and run `ref` (snippet id or path); runs in a worker thread.
        Tests replace it to play without the simulator."""
        from ..game.session import GameSession

        return GameSession.load(ref, entry)

    def make_play_screen(self, session: Any) -> Screen[Any]:
        from .play import PlayScreen

        level_predict = self.current_level is not None and self.current_level.predict
        return PlayScreen(session, predict=self.predict or level_predict, autoplay=self.autoplay)

    def make_play_pane(self, session: Any) -> Widget:
        """One side of a duel."""
        from .play import PlayPane

        return PlayPane(session)

    def _clear_to_base(self) -> None:
        self._pending_results = None
        while len(self.screen_stack) > self._base_depth:
            self.pop_screen()

    def play(self, ref: str, entry: str | None = None, *, level: Any = None) -> None:
        """Replace whatever is above home with the play screen for `ref`
        (the code of `level`, when the level map started it)."""
        self.current_level = level
        self._clear_to_base()
        loading = LoadingScreen(ref)
        self.push_screen(loading)
        self._load(loading, (ref,), entry)

    def duel(self, left: str, right: str) -> None:
        """Two runs side by side: `left` and `right` are snippet ids or paths."""
        self.current_level = None
        self._clear_to_base()
        loading = LoadingScreen(f"{left} vs {right}")
        self.push_screen(loading)
        self._load(loading, (left, right), None)

    @work(thread=True, exclusive=True, group="load")
    def _load(self, loading: LoadingScreen, refs: tuple[str, ...], entry: str | None) -> None:
        plan = None
        try:
            sessions = [self.load_session(ref, entry) for ref in refs]
            if len(sessions) == 2:
                from .duel import DuelPlan

                plan = DuelPlan.build(*sessions)
        except Exception as e:  # the front ends and the simulator report in their own words
            self.call_from_thread(loading.show_error, _error_text(refs, e))
            return
        self.call_from_thread(self._loaded, loading, sessions, plan)

    def _loaded(self, loading: LoadingScreen, sessions: list[Any], plan: Any) -> None:
        if self.screen is not loading:
            return  # the player left the loading screen
        try:
            if plan is None:
                self._use_level_par(sessions[0])
                screen = self.make_play_screen(sessions[0])
            else:
                from .duel import DuelScreen

                screen = DuelScreen(sessions[0], sessions[1], plan)
        except Exception as e:
            loading.show_error(_error_text((loading.what,), e))
            return
        self.switch_screen(screen)

    def _use_level_par(self, session: Any) -> None:
        """A level's run is scored against the level's par, not the snippet's."""
        from dataclasses import replace

        level = self.current_level
        snippet = getattr(session, "snippet", None)
        if (level is not None and getattr(level, "par", None) and snippet is not None
                and getattr(snippet, "id", None) == level.snippet.id):
            session.snippet = replace(snippet, par=level.par)

    def on_play_screen_finished(self, message: Any) -> None:
        """`PlayScreen.Finished(session)`: the run reached its end. Autoplay
        can finish under the help or the picker: then the results wait
        until the play screen is back on top."""
        from .results import ResultsScreen, RunSummary

        summary = RunSummary.from_session(message.session, getattr(message, "predictions", None))
        if self.current_level is not None:
            summary = self._level_finished(summary)
        if getattr(self.screen, "session", None) is message.session:
            self.push_screen(ResultsScreen(summary))
        else:
            self._pending_results = (message.session, summary)
        if self.exit_at_end:
            # Hold the results on screen for the recording, then leave.
            self.set_timer(EXIT_HOLD_SECONDS, lambda: self.exit(0))

    # ---- the campaign ---------------------------------------------------------

    @property
    def progress(self) -> Any:
        """The saved progress (game.saves.Progress); a save that could not be
        read is moved aside and the player told, once."""
        if self._progress is None:
            from ..game.saves import Progress

            self._progress = Progress.load(self.data_dir)
            if self._progress.notice:
                self.notify(self._progress.notice, title="Save reset", severity="warning",
                            timeout=12)
        return self._progress

    @property
    def campaign(self) -> Any:
        if self._campaign is None:
            from ..game.levels import load_levels

            self._campaign = load_levels()
            for problem in self._campaign.problems:
                self.notify(problem, title="Level skipped", severity="error", timeout=12)
        return self._campaign

    def action_levels(self) -> None:
        from .levelmap import LevelMapScreen

        if isinstance(self.screen, LevelMapScreen):
            return
        if self.current_level is not None:  # from a level's run: the map replaces it
            self._clear_to_base()
        self.push_screen(LevelMapScreen())

    def play_level(self, level: Any) -> None:
        """Play a level's code; predict mode when the level teaches escape analysis."""
        self.play(level.snippet.id, level=level)
        hint = " · e: fix the code" if level.fixit else ""
        self.notify(f"Goal: {level.goal.text} · par {level.par}{hint}", title=level.title)

    def complete_level(
        self, level: Any, counts: dict[str, int], solution_text: str | None = None,
    ) -> int | None:
        """A run of `level`'s code finished with these totals: if it met the
        goal, save the result (and the player's code) and return its stars;
        None when the goal was not met."""
        from ..game.stars import stars_for

        if not level.goal.check(counts):
            return None
        stars = (stars_for(counts["score"], level.par) if level.par else 0) or 1
        if getattr(level, "saved", True):
            try:
                self.progress.record_result(level.id, counts["score"], stars, solution_text)
            except OSError as e:  # a full disk or a read-only directory: say so, keep playing
                self.notify(f"{self.progress.path}:1:1: could not save progress: {e}",
                            title="Not saved", severity="error", timeout=12)
        else:  # a workshop exercise
            self.workshop_met[level.id] = max(counts["score"], self.workshop_met.get(level.id, 0))
        return stars

    def play_exercise(self, exercise: Any) -> None:
        """A workshop exercise, played like a fix-it level."""
        self.play(exercise.snippet.id, exercise.entry, level=exercise)

    def open_fixit(self, snippet: Any, level: Any = None) -> None:
        """The fix-it editor on a copy of `snippet`: the player's draft, else
        their saved solution, else the starting code."""
        from .fixit import FixItScreen

        text = self.fix_drafts.get(level.id if level is not None else snippet.id)
        if text is None and level is not None:
            rec = self.progress.records.get(level.id)
            text = rec.solution if rec is not None else None
        self.push_screen(FixItScreen(snippet, level, text))

    def _level_finished(self, summary: Any) -> Any:
        from dataclasses import replace

        level = self.current_level
        met = summary.error is None and self.complete_level(level, summary.totals.to_json()) is not None
        kind = "Level" if getattr(level, "saved", True) else "Exercise"  # workshops
        line = (f"{kind} complete: {level.goal.text} ✓" if met
                else f"Goal not met yet: {level.goal.text}" + (" (press e to fix the code)" if level.fixit else ""))
        return replace(summary, par=level.par, goal=line)

    def replay(self) -> None:
        """From the results screen: back to the play screen, at step 0."""
        from .results import ResultsScreen

        if isinstance(self.screen, ResultsScreen):
            self.pop_screen()
        goto = getattr(self.screen, "goto", None)  # PlayScreen.goto: far jumps run in a worker
        if goto is not None:
            goto(0)

    def open_picker_from_results(self) -> None:
        from .results import ResultsScreen

        if isinstance(self.screen, ResultsScreen):
            self.pop_screen()
        self.action_open_picker()


def _error_text(refs: tuple[str, ...], e: BaseException) -> str:
    text = str(e).replace("\n", "; ").strip() or type(e).__name__
    if ":" in text.split(" ", 1)[0]:
        return text  # already `file:line:col: message`
    return f"{refs[0]}:1:1: {text}"


def make_app(
    target: str | None = None, entry: str | None = None, *, frozen: bool | None = None,
    predict: bool = False, autoplay: float | None = None, exit_at_end: bool = False,
    show_keys: bool = False, data_dir: str | os.PathLike[str] | None = None, workshop: Any = None,
) -> StackVsHeapApp:
    """The one place the app is built: `run_app` and the tests call it."""
    return StackVsHeapApp(target, entry, frozen=frozen, predict=predict, autoplay=autoplay,
                          exit_at_end=exit_at_end, show_keys=show_keys, data_dir=data_dir,
                          workshop=workshop)


def run_app(target: str | None, entry: str | None = None, predict: bool = False,
            **options: Any) -> int:
    """`options`: autoplay, exit_at_end, show_keys, data_dir, workshop (see `StackVsHeapApp`)."""
    app = make_app(target, entry, predict=predict, **options)
    app.run()
    return app.return_code or 0
