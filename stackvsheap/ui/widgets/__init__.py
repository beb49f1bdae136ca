"""The play screen's panes.

Every pane draws from the session at the cursor, and only the rows it can
show: a pane is a line-API widget (`render_line`) whose lines are rebuilt
once per step, lazily, on the first `render_line` after `show()`. Nothing
here walks the whole heap or the whole trace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from ...game.session import GameSession

# Pointer tags: a stack pointer and the heap block it points to share one of
# these. Mid-saturation, so they read on both the dark and the light theme
# (NO_COLOR drops them; the tag letters still pair them up).
TAG_COLOURS = (
    "#e5737b", "#5fafd7", "#8fbf5f", "#d7af5f", "#b58fe0", "#4fc7a8", "#e08fbf", "#c8a07a",
)


def tag_style(ordinal: int) -> Style:
    return Style(color=TAG_COLOURS[ordinal % len(TAG_COLOURS)], bold=True)


def animations_on(widget: Widget) -> bool:
    """Textual's animation level, and the app's frozen mode (snapshots)."""
    app = widget.app
    return not getattr(app, "frozen", False) and app.animation_level != "none"


def click(action: str) -> Style:
    """A style that runs `action` on the pane when clicked."""
    return Style.from_meta({"@click": action})


class LinePane(Widget):
    """A bordered pane that rebuilds its visible lines once per step."""

    can_focus = False

    class BlockSelected(Message):
        """The player clicked a pointer or a block: follow it."""

        def __init__(self, block_id: int | None) -> None:
            super().__init__()
            self.block_id = block_id

    def __init__(self, session: GameSession, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self.selected: int | None = None
        self.frozen_view = False  # set while a worker moves the cursor
        self._lines: list[Strip] = []
        self._blank = Strip([])
        self._styles: dict[str, Style] = {}
        self._building = False
        self._built_for: tuple[int, int] | None = None

    def show(self, session: GameSession | None = None) -> None:
        """The cursor moved (or the session changed): redraw."""
        if session is not None:
            self.session = session
        self.redraw()

    def select(self, block_id: int | None) -> None:
        self.selected = block_id
        self.redraw()

    def redraw(self) -> None:
        """Rebuild the lines now and repaint only those that changed: in a
        loop most of a pane stays the same from one step to the next, and
        Textual's repaint costs per line."""
        if self._building:
            return  # a value set while building (an animated arrow) is already drawn
        width, height = self.size
        if not self.is_mounted or not width or not height:
            self._built_for = None
            self.refresh()
            return
        if self._built_for != (width, height):
            self._rebuild()
            self.refresh()
            return
        old = self._lines
        self._rebuild()
        new = self._lines
        if self.frozen_view:
            return
        changed = [y for y in range(height)
                   if (old[y] if y < len(old) else None) != (new[y] if y < len(new) else None)]
        if len(changed) > height // 2:
            self.refresh()
        else:
            for y in changed:
                self.refresh(Region(0, y, width, 1))

    def action_select_block(self, block_id: int) -> None:
        self.post_message(self.BlockSelected(None if block_id == self.selected else block_id))

    # -- styles ---------------------------------------------------------------

    def style(self, name: str) -> Style:
        """A component class's style, cached until the theme or CSS changes."""
        st = self._styles.get(name)
        if st is None:
            st = self._styles[name] = self.get_component_rich_style(name)
        return st

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._built_for = None
        super().notify_style_update()

    # -- drawing ------------------------------------------------------------

    def build(self, width: int, height: int) -> list[Text | Strip]:
        """The visible lines (at most `height`), each fitting `width`."""
        raise NotImplementedError

    def _rebuild(self) -> None:
        width, height = self.size
        self._built_for = (width, height)
        base = self.rich_style
        self._blank = Strip([Segment(" " * width, base)], width)
        if self.frozen_view and self._lines:
            return
        self._building = True
        try:
            texts = self.build(width, height) if width > 0 and height > 0 else []
        finally:
            self._building = False
        console = self.app.console
        lines = []
        for t in texts[:height]:
            if isinstance(t, Strip):
                lines.append(t.crop_extend(0, width, base))
                continue
            t.stylize_before(base)
            segs = list(t.render(console, end=""))
            lines.append(Strip(segs).crop_extend(0, width, base))
        self._lines = lines

    def rebuild_now(self) -> None:
        """Build the lines at once (the render benchmark times this)."""
        self._rebuild()

    def render_line(self, y: int) -> Strip:
        # Lines are rebuilt once per step (`show()`); a repaint after a
        # layout change can come before the Resize event, so the first line
        # checks the size.
        if self._built_for is None or (y == 0 and self._built_for != tuple(self.size)):
            self._rebuild()
        if y < len(self._lines):
            return self._lines[y]
        return self._blank

    def on_resize(self) -> None:
        self._built_for = None
        self.refresh()

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return max(1, len(self._lines))


def fit(text: Text, width: int) -> Text:
    """Crop a line to `width` cells with an ellipsis."""
    if text.cell_len > width:
        text.truncate(max(width, 0), overflow="ellipsis")
    return text


def short_addr(addr: int, wide: bool) -> str:
    """A full address, or its last four hex digits when space is short."""
    return f"{addr:#x}" if wide else f"…{addr & 0xFFFF:04x}"
