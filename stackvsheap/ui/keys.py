"""`--show-keys`: the last keys pressed, in a small overlay, for tutorials.

It shows keys only (no time stamps, no fading), so a recording with it is
as deterministic as one without."""

from __future__ import annotations

from collections import deque

from textual.widgets import Static

#: How many keys the overlay shows, newest last.
SHOWN = 6

_NAMES = {
    "space": "space", "left": "←", "right": "→", "up": "↑", "down": "↓",
    "question_mark": "?", "plus": "+", "minus": "-", "equals_sign": "=",
    "escape": "esc", "enter": "enter", "tab": "tab", "home": "home", "end": "end",
}


def key_label(key: str, character: str | None) -> str:
    """How a key reads to a viewer: `space`, `←`, `n`, `ctrl+s`."""
    if key in _NAMES:
        return _NAMES[key]
    if character is not None and character.isprintable() and len(character) == 1:
        return character
    return key.replace("_", " ")


class KeyLog:
    """The recent keys, shared by the overlays on every screen."""

    def __init__(self) -> None:
        self.keys: deque[str] = deque(maxlen=SHOWN)

    def press(self, key: str, character: str | None) -> None:
        self.keys.append(key_label(key, character))

    def text(self) -> str:
        return "keys  " + "  ".join(self.keys) if self.keys else "keys"


class KeysOverlay(Static):
    """Docked over the bottom right of a screen, above its footer."""

    DEFAULT_CSS = """
    KeysOverlay {
        overlay: screen;
        dock: bottom;
        offset: 0 -1;
        width: auto;
        max-width: 60;
        height: 1;
        padding: 0 1;
        background: $accent;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, log: KeyLog) -> None:
        super().__init__(log.text(), markup=False)
        self.log_ = log

    def refresh_keys(self) -> None:
        self.update(self.log_.text())
