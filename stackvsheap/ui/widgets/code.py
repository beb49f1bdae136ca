"""The code pane: the snippet, highlighted once, with the line just run
marked, the next line hinted, and an S/H badge on each allocation site the
run has reached (a dot on the ones it has not)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re

from rich.segment import Segment
from rich.style import Style
from rich.syntax import Syntax
from textual.strip import Strip

from . import LinePane

if TYPE_CHECKING:
    from ...game.session import GameSession


# A snippet's metadata header line (game/snippets.py).
_HEADER = re.compile(r"^//\s*[a-z_]+\s*:")


class CodePane(LinePane):
    """Source with a gutter: badge, line number, marker."""

    COMPONENT_CLASSES = {
        "code--current", "code--next", "code--heap", "code--stack", "code--site",
        "code--lineno", "code--marker", "code--claim",
    }

    def __init__(self, session: GameSession, **kw) -> None:
        super().__init__(session, **kw)
        self._highlighted: list[Strip] | None = None
        self._theme_dark: bool | None = None
        self._top = 0
        self._seen: tuple[int, int, int] | None = None

    def show(self, session: GameSession | None = None) -> None:
        if session is not None and session is not self.session:
            self._highlighted = None
            self._seen = None
        s = session or self.session
        # Most steps inside a loop body change nothing here: skip the repaint.
        seen = (s.current_line(), s.next_line_no(), len(s.badges()))
        if seen == self._seen and self._built_for is not None:
            return
        self._seen = seen
        super().show(session)

    def _lines_for_theme(self) -> list[Strip]:
        """The highlighted source, one strip per line, made once per theme."""
        dark = self.app.current_theme.dark if self.app.current_theme else True
        if self._highlighted is None or dark != self._theme_dark:
            s = self.session
            lexer = "go" if s.language == "go" else "rust"
            source = s.program.source.expandtabs(4)
            syntax = Syntax(source, lexer, theme="monokai" if dark else "default",
                            background_color="default")
            text = syntax.highlight(source)
            text.remove_suffix("\n")
            console = self.app.console
            strips = []
            for line in text.split("\n", allow_blank=True):
                # Colours only: the background comes from the pane (and the
                # current line's highlight), applied per step.
                segs = [
                    Segment(seg.text, Style(color=seg.style.color, bold=seg.style.bold,
                                            italic=seg.style.italic, underline=seg.style.underline)
                            if seg.style else None)
                    for seg in line.render(console, end="")
                ]
                strips.append(Strip(segs))
            self._highlighted = strips
            self._theme_dark = dark
        return self._highlighted

    def notify_style_update(self) -> None:
        self._highlighted = None
        super().notify_style_update()

    def _first_code_line(self, n: int) -> int:
        src = self.session.source_lines
        k = 0
        while k < len(src) and _HEADER.match(src[k]):
            k += 1
        while k < n and k < len(src) and not src[k].strip():
            k += 1
        return k if k < n else 0

    def build(self, width: int, height: int) -> list[Strip]:
        s = self.session
        lines = self._lines_for_theme()
        n = min(len(lines), len(s.source_lines))
        cur, nxt = s.current_line(), s.next_line_no()
        focus = cur or nxt or 1
        # Scroll only when the marker leaves the middle: the code stays put
        # while a loop runs.
        margin = max(1, min(3, height // 4))
        if focus - 1 < self._top + margin or focus - 1 >= self._top + height - margin:
            self._top = focus - 1 - height // 3
        # The snippet's metadata header (`// title: ...`) is for the game, not
        # the player: the view starts below it.
        first = self._first_code_line(n)
        self._top = max(first, min(self._top, max(first, n - height)))
        sites = s.site_lines()
        badges = s.badges()
        numw = len(str(n))
        base = self.rich_style
        st_cur = base + self.style("code--current")
        st_next = base + self.style("code--next")
        st_heap = base + self.style("code--heap")
        st_stack = base + self.style("code--stack")
        st_site = base + self.style("code--site")
        st_no = base + self.style("code--lineno")
        st_mark = base + self.style("code--marker")
        cur_bg = self.style("code--current")
        out: list[Strip] = []
        for i in range(self._top, min(n, self._top + height)):
            ln = i + 1
            badge = badges.get(ln)
            if badge == "H":
                segs = [Segment("H", st_heap)]
            elif badge == "S":
                segs = [Segment("S", st_stack)]
            elif ln in sites:
                segs = [Segment("·", st_site)]
            else:
                segs = [Segment(" ", base)]
            segs.append(Segment(f" {ln:>{numw}} ", st_no))
            if ln == cur:
                segs.append(Segment("▶ ", st_mark))
            elif ln == nxt:
                segs.append(Segment("› ", st_next))
            else:
                segs.append(Segment("  ", base))
            if ln == cur:
                code = lines[i].apply_style(st_cur)
                strip = Strip(segs + list(code)).apply_style(cur_bg).crop_extend(0, width, st_cur)
            else:
                code = lines[i].apply_style(base)
                strip = Strip(segs + list(code)).crop_extend(0, width, base)
            out.append(strip)
        return out
