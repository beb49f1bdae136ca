"""The narration line: what the step just run means, in one sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from ...game.session import GameSession


class Narration(Static):
    """One or two wrapped lines under the panes."""

    COMPONENT_CLASSES = {"narration--line", "narration--code"}

    def __init__(self, session: GameSession, **kw: object) -> None:
        super().__init__("", **kw)  # type: ignore[arg-type]
        self.session = session
        self.note: str | None = None  # a message of the screen's own (busy, errors)

    def show(self, session: GameSession | None = None) -> None:
        if session is not None:
            self.session = session
        self.update(self._text())

    def say(self, note: str | None) -> None:
        """Override the narration until the next step."""
        self.note = note
        self.update(self._text())

    @property
    def text(self) -> str:
        return self._text().plain

    def _text(self) -> Text:
        s = self.session
        out = Text(end="")
        line = s.current_line()
        if line:
            out.append(f"{line:>3} ▶ ", self.get_component_rich_style("narration--line"))
        body = self.note if self.note is not None else s.narration()
        code = self.get_component_rich_style("narration--code")
        # `code` spans in the sentence are drawn as code.
        for i, part in enumerate(body.split("`")):
            out.append(part, code if i % 2 else "")
        return out
