"""The predict prompt: a panel docked under the play panes. It shows the
question the run is about to reach (`s`/`h` keys for a site, a number in the
Input for a loop) and then the right/wrong feedback with the compiler's reason.
The logic (questions, scoring) is `game.predict`; this is only the view."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..game.predict import Feedback, Question, Tally


class PredictPanel(Vertical):
    """Docked at the bottom of the play screen while predict mode is on."""

    def compose(self) -> ComposeResult:
        yield Static(id="predict-text")
        yield Input(placeholder="how many heap allocations? enter to answer", type="integer",
                    id="predict-number", disabled=True)

    def ask(self, q: Question, tally: Tally) -> None:
        t = Text(no_wrap=False, end="")
        t.append("Predict ", "bold reverse")
        t.append(f" {q.text}", "bold")
        t.append(f"   streak {tally.streak} · x{tally.multiplier} · score {tally.score}", "dim")
        self.query_one("#predict-text", Static).update(t)
        box = self.query_one("#predict-number", Input)
        loop = q.kind == "loop"
        box.set_class(loop, "-shown")
        box.disabled = not loop
        box.value = ""
        if loop:
            box.focus()

    def show_feedback(self, fb: Feedback, tally: Tally) -> None:
        t = Text(end="")
        t.append(" right " if fb.correct else " wrong ", "bold reverse green" if fb.correct
                 else "bold reverse red")
        t.append(f" {fb.message}", "green" if fb.correct else "")
        t.append(f"   +{fb.points} · streak {tally.streak} · score {tally.score}", "dim")
        self.query_one("#predict-text", Static).update(t)
        box = self.query_one("#predict-number", Input)
        box.remove_class("-shown")
        box.disabled = True
