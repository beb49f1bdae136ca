"""The narration line: what the step just run means, in one sentence.

A line-API pane like the others (not a `Static`, whose `update` asks for a
new layout every step): it wraps the sentence to its width itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from . import LinePane

if TYPE_CHECKING:
    from ...game.session import GameSession


class Narration(LinePane):
    """One or two wrapped lines under the panes."""

    COMPONENT_CLASSES = {"narration--line", "narration--code"}

    def __init__(self, session: GameSession, **kw: object) -> None:
        super().__init__(session, **kw)  # type: ignore[arg-type]
        self.note: str | None = None  # a message of the screen's own (busy, errors)

    def show(self, session: GameSession | None = None) -> None:
        self.note = None
        super().show(session)

    def say(self, note: str | None) -> None:
        """Override the narration until the next step."""
        self.note = note
        self.redraw()

    @property
    def text(self) -> str:
        return self.sentence().plain

    def sentence(self) -> Text:
        s = self.session
        out = Text(end="")
        line = s.current_line()
        if line:
            out.append(f"{line:>3} ▶ ", self.style("narration--line"))
        body = self.note if self.note is not None else s.narration()
        code = self.style("narration--code")
        # `code` spans in the sentence are drawn as code.
        for i, part in enumerate(body.split("`")):
            out.append(part, code if i % 2 else "")
        return out

    def build(self, width: int, height: int) -> list[Text]:
        lines = list(self.sentence().wrap(self.app.console, width))
        if len(lines) > height:
            lines = lines[:height]
            lines[-1].truncate(width - 1)
            lines[-1].append("…")
        return lines
