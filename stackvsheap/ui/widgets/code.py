"""The code pane: the snippet, highlighted once, with the line just run
marked, the next line hinted, and an S/H badge on each allocation site the
run has reached (a dot on the ones it has not)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re

from rich.syntax import Syntax
from rich.text import Text

from . import LinePane, fit

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
        self._highlighted: list[Text] | None = None
        self._theme_dark: bool | None = None
        self._top = 0

    def show(self, session: GameSession | None = None) -> None:
        if session is not None and session is not self.session:
            self._highlighted = None
        super().show(session)

    def _lines_for_theme(self) -> list[Text]:
        dark = self.app.current_theme.dark if self.app.current_theme else True
        if self._highlighted is None or dark != self._theme_dark:
            s = self.session
            lexer = "go" if s.language == "go" else "rust"
            syntax = Syntax(
                s.program.source, lexer, theme="monokai" if dark else "default",
                background_color="default", tab_size=4,
            )
            text = syntax.highlight(s.program.source.expandtabs(4))
            text.remove_suffix("\n")
            self._highlighted = text.split("\n", allow_blank=True)
            self._theme_dark = dark
        return self._highlighted

    def _first_code_line(self, n: int) -> int:
        src = self.session.source_lines
        k = 0
        while k < len(src) and _HEADER.match(src[k]):
            k += 1
        while k < n and k < len(src) and not src[k].strip():
            k += 1
        return k if k < n else 0

    def build(self, width: int, height: int) -> list[Text]:
        s = self.session
        lines = self._lines_for_theme()
        n = len(lines)
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
        st_cur = self.get_component_rich_style("code--current")
        st_next = self.get_component_rich_style("code--next")
        st_heap = self.get_component_rich_style("code--heap")
        st_stack = self.get_component_rich_style("code--stack")
        st_site = self.get_component_rich_style("code--site")
        st_no = self.get_component_rich_style("code--lineno")
        st_mark = self.get_component_rich_style("code--marker")
        out: list[Text] = []
        for i in range(self._top, min(n, self._top + height)):
            ln = i + 1
            row = Text(no_wrap=True, overflow="crop", end="")
            badge = badges.get(ln)
            if badge == "H":
                row.append("H", st_heap)
            elif badge == "S":
                row.append("S", st_stack)
            elif ln in sites:
                row.append("·", st_site)
            else:
                row.append(" ")
            row.append(f" {ln:>{numw}} ", st_no)
            if ln == cur:
                row.append("▶ ", st_mark)
            elif ln == nxt:
                row.append("› ", st_next)
            else:
                row.append("  ")
            row.append_text(lines[i].copy())
            if ln == cur:
                row.stylize(st_cur, 0)
                pad = width - row.cell_len
                if pad > 0:
                    row.append(" " * pad, st_cur)
            out.append(fit(row, width))
        return out
