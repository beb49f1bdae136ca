"""The results screen: score, par, stars, and where the cycles went."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..game.stars import MAX_STARS, star_text, stars_for
from ..sim.cost import Totals

__all__ = ["MAX_STARS", "ResultsScreen", "RunSummary", "star_text", "stars_for"]


@dataclass(frozen=True)
class RunSummary:
    """What the results screen shows about one finished run."""

    title: str
    snippet_id: str
    language: str
    totals: Totals
    par: int | None
    error: str | None = None
    predictions: str | None = None  # the predict tally (game.predict.Tally.summary)
    goal: str | None = None  # a level's goal, met or not

    @property
    def score(self) -> int:
        return self.totals.score

    @property
    def stars(self) -> int | None:
        return stars_for(self.score, self.par)

    @classmethod
    def from_session(cls, session: Any, predictions: str | None = None) -> RunSummary:
        """From a `GameSession`: its final totals, not the cursor's."""
        return cls(
            title=session.title,
            snippet_id=session.snippet_id,
            language=session.language,
            totals=session.final_totals,
            par=session.par,
            error=session.error,
            predictions=predictions,
        )


def verdict(summary: RunSummary) -> str:
    if summary.error:
        return f"The run stopped early: {summary.error}"
    par = summary.par
    if par is None:
        return "No par to beat here yet: compare the score with another snippet's."
    delta = summary.score - par
    if delta >= 0:
        return f"{delta} over par: this code is as cheap as it gets here."
    return f"{-delta} under par: look where the cycles went, and find a cheaper way."


def breakdown_table(totals: Totals, bar_width: int = 24) -> Table:
    """Where the cycles went, with a bar per part."""
    total = max(totals.cycles, 1)
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=False)
    table.add_column("where the cycles went")
    table.add_column("cycles", justify="right")
    table.add_column("", width=bar_width, no_wrap=True)
    table.add_column("share", justify="right")
    for name, cycles in totals.breakdown():
        share = cycles / total
        filled = round(share * bar_width)
        bar = Text("█" * filled, style="bold") + Text("·" * (bar_width - filled), style="dim")
        table.add_row(name, f"{cycles:>11,}", bar, f"{share:>4.0%}")
    table.add_row(Text("total", style="bold"), Text(f"{totals.cycles:>11,}", style="bold"), "", "")
    return table


def facts_line(summary: RunSummary) -> str:
    t = summary.totals
    accesses = t.cache_hits + t.cache_misses
    rate = f"{t.cache_hits / accesses:.0%}" if accesses else "—"
    parts = [
        f"{t.steps:,} steps",
        f"{t.heap_allocs:,} heap allocations ({t.heap_bytes:,} B)",
        f"stack peak {t.stack_peak_bytes:,} B",
        f"L1 {t.cache_hits:,} hits / {t.cache_misses:,} misses ({rate})",
    ]
    if summary.language == "go":
        parts.append(f"GC {t.gc_cycles} cycle{'' if t.gc_cycles == 1 else 's'}, {t.gc_swept:,} swept")
    else:
        parts.append(f"{t.heap_frees:,} frees, {t.heap_reallocs:,} reallocs")
    return "  ·  ".join(parts)


class ResultsScreen(Screen[None]):
    """Shown when a run reaches its end."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "replay", "Replay"),
        Binding("o", "pick_another", "Pick another"),
        Binding("e", "fix_it", "Fix it"),
        Binding("l", "levels", "Levels"),
        Binding("escape", "app.pop_screen", "Final state"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, summary: RunSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        s = self.summary
        with VerticalScroll(id="results-body"), Vertical(id="results-card"):
            yield Static(s.title, id="results-title")
            with Horizontal(id="results-score-row"):
                yield Static(f"score [b]{s.score}[/]", id="results-score")
                yield Static("par [b]—[/]" if s.par is None else f"par [b]{s.par}[/]",
                             id="results-par")
                yield Static(star_text(s.stars), id="results-stars")
            yield Static(Text(verdict(s)), id="results-verdict")
            if s.goal:
                yield Static(Text(s.goal), id="results-goal")
            yield Static(breakdown_table(s.totals), id="results-breakdown")
            yield Static(Text(facts_line(s)), id="results-facts")
            if s.predictions:
                yield Static(Text(s.predictions), id="results-predictions")
        yield Footer()

    def on_mount(self) -> None:
        s = self.summary
        self.query_one("#results-card").border_title = f"Results · {s.snippet_id}"
        stars = self.query_one("#results-stars")
        stars.set_class(s.stars is None, "-no-par")
        stars.set_class(s.stars == MAX_STARS, "-best")

    def action_replay(self) -> None:
        self.app.replay()  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        level = getattr(self.app, "current_level", None)
        if action == "fix_it":  # only after a fix-it level's run
            return bool(self.summary.goal and level is not None and level.fixit)
        if action == "levels":  # only after a level's run
            return bool(self.summary.goal and level is not None)
        return True

    def action_levels(self) -> None:
        self.app.action_levels()  # type: ignore[attr-defined]

    def action_fix_it(self) -> None:
        level = self.app.current_level  # type: ignore[attr-defined]
        self.app.pop_screen()
        self.app.open_fixit(level.snippet, level)  # type: ignore[attr-defined]

    def action_pick_another(self) -> None:
        self.app.open_picker_from_results()  # type: ignore[attr-defined]
