"""The output pane: what the program has printed so far (println, fmt).

Shown under the narration only for runs that print something, with the last
lines that fit; the whole run's text is in `session.result.output`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from . import LinePane

if TYPE_CHECKING:
    from ...game.session import GameSession


def prints(session: GameSession) -> bool:
    return bool(getattr(session.result, "output", ""))


class OutputPane(LinePane):
    """The program's output up to the cursor, newest lines at the bottom."""

    COMPONENT_CLASSES = {"output--label"}

    def build(self, width: int, height: int) -> list[Text]:
        text = self.session.output()
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        out: list[Text] = []
        label = self.style("output--label")
        head = Text("output ", label)
        if not lines:
            head.append("(nothing printed yet)", label)
            return [head]
        shown = lines[-(height):]
        for i, ln in enumerate(shown):
            t = Text(end="")
            t.append("output " if i == 0 else "       ", label)
            t.append(ln.expandtabs(4))
            t.truncate(width, overflow="ellipsis")
            out.append(t)
        return out
