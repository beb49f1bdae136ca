"""The fix-it editor: a copy of the snippet in a TextArea (Go/Rust highlighting).

ctrl+s keeps the draft and re-runs it on the simulated machine in a worker
thread, so the screen stays responsive. A syntax error or an unsupported
construct is marked in the editor at its line and column and spelled out under
it; the player's text is never replaced. On a level, a run that meets the goal
completes the level and saves the code as the player's solution."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from ..game.stars import star_text

_WHERE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$", re.S)


@dataclass(frozen=True)
class CodeError:
    """Where the front end or the simulator stopped: 1-based line and column."""

    line: int
    col: int
    message: str

    @classmethod
    def parse(cls, text: str) -> CodeError:
        m = _WHERE.match(text.strip())
        if m is None:
            return cls(1, 1, text.strip())
        return cls(int(m["line"]), int(m["col"]), m["message"])


class CodeEditor(TextArea):
    """A code TextArea that underlines the error's line from its column on."""

    error: CodeError | None = None

    def show_error(self, error: CodeError | None) -> None:
        self.error = error
        self.highlight_cursor_line = error is None  # else it would paint over the error's line
        self._line_cache.clear()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        err = self.error
        if err is not None and line_index == err.line - 1:
            start = min(max(err.col - 1, 0), max(len(line.plain) - 1, 0))
            line.stylize("on #5f1f1f", 0, len(line.plain))
            line.stylize("bold underline red", start, max(start + 1, len(line.plain)))
        return line


class FixItScreen(Screen[None]):
    """Edit the code of a snippet (a level's starting code, a draft, or a saved
    solution) and run it against the level's goal."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save & run", priority=True),
        Binding("ctrl+r", "revert", "Starting code", priority=True),
        # the TextArea would take escape to release focus: here it leaves the editor
        Binding("escape", "back", "Back", priority=True),
    ]
    AUTO_FOCUS = "#fixit-editor"

    def __init__(self, snippet: Any, level: Any = None, text: str | None = None) -> None:
        super().__init__()
        self.snippet = snippet
        self.level = level
        self.initial = snippet.source if text is None else text
        self.running = False
        self._generation = 0  # which save's run the screen waits for
        self.result: str | None = None  # after a save: "met", "not met", "ran" or "error"

    @property
    def file_name(self) -> str:
        return self.snippet.path.name

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="fixit-heading")
        editor = CodeEditor.code_editor(
            self.initial, language=self.snippet.language, id="fixit-editor",
            soft_wrap=False, tab_behavior="indent",
        )
        editor.cursor_blink = not getattr(self.app, "frozen", False)
        yield editor
        yield Static(Text("ctrl+s saves your copy and runs it on the simulated machine.",
                          style="dim"), id="fixit-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CodeEditor).border_title = f"Fix it · {self.file_name}"

    def _heading(self) -> Text:
        title = self.level.title if self.level is not None else self.snippet.title
        out = Text.assemble((title, "bold"))
        if self.level is not None:
            out.append(f" · goal: {self.level.goal.text}")
            if self.level.par:
                out.append(f" · par {self.level.par}")
        return out

    @property
    def editor(self) -> CodeEditor:
        return self.query_one(CodeEditor)

    def _key(self) -> str:
        return self.level.id if self.level is not None else self.snippet.id

    def action_save(self) -> None:
        text = self.editor.text
        drafts = getattr(self.app, "fix_drafts", None)
        if drafts is not None:
            drafts[self._key()] = text
        self.running = True
        self._generation += 1
        self._status(Text("running on the simulated machine…", style="italic"))
        # The app's worker, not the screen's: leaving the editor must not drop a
        # run that meets the goal.
        app = self.app
        app.run_worker(partial(self._run, app, text, self._generation), thread=True,
                       group="fixit", exclusive=True)

    def action_revert(self) -> None:
        self.editor.load_text(self.snippet.source)
        self.editor.show_error(None)
        self._status(Text("back to the starting code (your last save is kept until you save again)",
                          style="dim"))

    def action_back(self) -> None:
        drafts = getattr(self.app, "fix_drafts", None)
        if drafts is not None:
            drafts[self._key()] = self.editor.text  # the editor keeps the player's text
        self.app.pop_screen()

    def _run(self, app: Any, text: str, generation: int) -> None:
        """In a worker thread: parse and run the player's text."""
        from ..game.loading import LoadError, load_source, run_loaded

        outcome: CodeError | tuple[dict[str, int], bool | None]
        try:
            if self.level is not None:
                from ..game.levels import check_code

                check = check_code(self.level, text, self.file_name)
                outcome = (check.totals, check.met)
            else:
                result = run_loaded(load_source(text, self.file_name, self.snippet), None)
                outcome = (result.totals.to_json(), None)
        except LoadError as e:
            outcome = CodeError.parse(str(e))
        except Exception as e:  # the front ends report in their own words; never crash the app
            outcome = CodeError(1, 1, str(e) or type(e).__name__)
        app.call_from_thread(self._finish, app, generation, text, outcome)

    def _finish(self, app: Any, generation: int, text: str, outcome: Any) -> None:
        """On the app's thread. Only the latest save counts; a goal met is
        saved even if the player has left the editor meanwhile."""
        if generation != self._generation:
            return
        self.running = False
        stars = None
        if not isinstance(outcome, CodeError) and outcome[1]:
            stars = app.complete_level(self.level, outcome[0], text)
        if self not in app.screen_stack:
            return
        if isinstance(outcome, CodeError):
            self._failed(outcome)
        else:
            self._ran(outcome[0], outcome[1], stars)

    def _failed(self, error: CodeError) -> None:
        self.result = "error"
        self.editor.show_error(error)
        self.editor.cursor_location = (max(error.line - 1, 0), max(error.col - 1, 0))
        self._status(Text.assemble(
            (f"{self.file_name}:{error.line}:{error.col}: ", "bold red"), (error.message, "red"),
            ("   (your text is kept: fix it and save again)", "dim"),
        ))

    def _ran(self, totals: dict[str, int], met: bool | None, stars: int | None) -> None:
        self.editor.show_error(None)
        facts = (f"heap_allocs={totals['heap_allocs']} heap_reallocs={totals['heap_reallocs']} "
                 f"cache_misses={totals['cache_misses']} gc_cycles={totals['gc_cycles']} "
                 f"score={totals['score']}")
        if met is None:
            self.result = "ran"
            self._status(Text(f"ran: {facts}"))
            return
        if not met:
            self.result = "not met"
            self._status(Text.assemble(("goal not met yet: ", "bold yellow"),
                                       f"{self.level.goal.text} · {facts}"))
            return
        self.result = "met"
        self._status(Text.assemble(
            ("Level complete! ", "bold green"), (star_text(stars), "bold yellow"),
            f"  {facts} · your solution is saved (e reopens it)",
        ))
        self.notify(f"{self.level.title}: {star_text(stars)}", title="Level complete")

    def _status(self, text: Text) -> None:
        self.query_one("#fixit-status", Static).update(text)
