"""The level map: the campaign in order, with locks, stars and best scores.

A level opens once the one before it is done; enter plays the highlighted
level (in predict mode where the level asks for it)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..game.stars import star_text

#: Below this width the goal lives only in the detail pane, so the stars fit.
WIDE = 110


class LevelMapScreen(Screen[None]):
    """Every level: number, title, language, goal, best score, stars."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", priority=True),
        Binding("e", "fix_it", "Fix it"),
        Binding("escape", "app.back", "Back"),
    ]
    AUTO_FOCUS = "#levels-table"

    def compose(self) -> ComposeResult:
        yield Static("", id="levels-heading")
        with Vertical(id="levels-main"):
            yield DataTable(id="levels-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="levels-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#levels-main").border_title = "Campaign"
        self.refresh_rows()

    def on_resize(self) -> None:
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        self.refresh_rows()  # a level just finished: its stars and the next lock

    @property
    def levels(self) -> tuple[Any, ...]:
        return self.app.campaign.levels  # type: ignore[attr-defined]

    def unlocked(self, level: Any) -> bool:
        ids = [lv.id for lv in self.levels]
        return bool(self.app.progress.unlocked(ids, level.id))  # type: ignore[attr-defined]

    def refresh_rows(self) -> None:
        progress = self.app.progress  # type: ignore[attr-defined]
        table = self.query_one(DataTable)
        row = table.cursor_row
        wide = self.size.width >= WIDE
        table.clear(columns=True)
        title_w = max((len(lv.title) + 2 for lv in self.levels), default=10)
        goal_w = max((len(lv.goal.text) for lv in self.levels), default=10)
        columns = [("#", 2), ("level", title_w), ("lang", 4), ("stars", 6), ("best", 4)]
        for label, width in columns + ([("goal", goal_w)] if wide else []):
            table.add_column(label, width=width)
        done = 0
        first_open = 0
        for i, lv in enumerate(self.levels):
            rec = progress.records.get(lv.id)
            is_open = self.unlocked(lv)
            if rec is not None:
                done += 1
            elif is_open and not first_open:
                first_open = i
            style = "" if is_open else "dim"
            kind = " ✎" if lv.fixit else " ?" if lv.predict else ""
            cells = [
                Text(str(i + 1), style=style),
                Text(lv.title + kind, style=style),
                Text(lv.language, style=style),
                Text(star_text(rec.stars), style="bold yellow") if rec
                else Text("open" if is_open else "locked", style=style or "italic"),
                Text("—" if rec is None else str(rec.best_score), style=style, justify="right"),
            ]
            if wide:
                cells.append(Text(lv.goal.text, style=style))
            table.add_row(*cells, key=lv.id)
        total = len(self.levels)
        stars = sum(r.stars for r in progress.records.values())
        heading = Text.assemble(
            ("Levels", "bold"), f" · {done}/{total} done · {stars}/{3 * total} stars",
            ("   ✎ fix the code · ? predict first", "dim"),
        )
        self.query_one("#levels-heading", Static).update(heading)
        if total:
            table.move_cursor(row=row if row else first_open)
            self._show_detail(table.cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, index: int) -> None:
        if not 0 <= index < len(self.levels):
            return
        lv = self.levels[index]
        detail = Text()
        detail.append(lv.title, style="bold")
        detail.append(f" · {lv.language} · par {lv.par}")
        twin = self.app.campaign.get(lv.pair) if lv.pair else None  # type: ignore[attr-defined]
        if twin is not None:
            detail.append(f" · ⇄ twin: {twin.title}", style="italic")
        detail.append("\n")
        if self.unlocked(lv):
            detail.append(f"Goal: {lv.goal.text}\n", style="bold")  # first: no column for it at 80
            detail.append(lv.brief or "")
        else:
            prev = self.levels[index - 1]
            detail.append(f"Locked: finish “{prev.title}” first.", style="dim")
        self.query_one("#levels-detail", Static).update(detail)

    def action_play(self) -> None:
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.levels):
            return
        lv = self.levels[table.cursor_row]
        if not self.unlocked(lv):
            prev = self.levels[table.cursor_row - 1]
            self.notify(f"Finish “{prev.title}” first.", title="Locked")
            return
        self.app.play_level(lv)  # type: ignore[attr-defined]

    def action_fix_it(self) -> None:
        """Reopen a fix-it level's code: the player's saved solution if any."""
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.levels):
            return
        lv = self.levels[table.cursor_row]
        if not self.unlocked(lv):
            self.notify("Finish the level before it first.", title="Locked")
            return
        self.app.open_fixit(lv.snippet, lv)  # type: ignore[attr-defined]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_play()
