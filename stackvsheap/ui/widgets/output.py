"""The output pane: what the program has printed so far (println, fmt).

Shown under the narration only for runs that print something, with the last
lines that fit; the whole run's text is in `session.result.output`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from . import LinePane

if TYPE_CHECKING:
    from ...game.session import GameSession


def order_note_now(session: GameSession) -> str | None:
    """The run's HashMap-order note, once the cursor is past the first print that may depend on it."""
    res = getattr(session, "result", None)
    note = getattr(res, "order_note", None)
    if note is None:
        return None
    mark = res.machine.unordered_from  # type: ignore[union-attr]
    cursor = getattr(session, "cursor", None)
    if cursor is not None and len(cursor.output) <= mark:
        return None
    return note


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
        note = order_note_now(self.session)
        if note and height > 1:
            height -= 1
            t = Text(end="")
            t.append("output ", label)
            t.append(f"({note})", label)
            t.truncate(width, overflow="ellipsis")
            out.append(t)
            label_first = False
        else:
            label_first = True
        shown = lines[-(height):]
        for i, ln in enumerate(shown):
            t = Text(end="")
            t.append("output " if i == 0 and label_first else "       ", label)
            t.append(ln.expandtabs(4))
            t.truncate(width, overflow="ellipsis")
            out.append(t)
        return out
