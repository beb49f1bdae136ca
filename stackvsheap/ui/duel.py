"""The duel: two runs side by side (a Go snippet and its Rust twin, or any
two files), stepping in lockstep by source line, and a scorecard that
compares them line by line.

A run is cut into *line runs*: the steps of one execution of one source
line of the entry function, calls included (the same unit as the play
screen's "next line", which steps over calls). Round i of the duel shows
each side just after it started its i-th line run; a side that has run out
of lines waits at its end. The scorecard pairs the sides' line runs the same
way and charges each pair with the heap allocations its steps made, read
from the recorded per-step counters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..game.valuefmt import human_bytes
from ..sim.cost import Totals
from ..sim.trace import COUNTERS, NC
from .picker import LANGUAGE_NAMES

_ALLOCS = COUNTERS.index("heap_allocs")
_BYTES = COUNTERS.index("heap_bytes")
_ALLOC_CYCLES = COUNTERS.index("alloc_cycles")
_GC_CYCLES = COUNTERS.index("gc_work_cycles")


# ---- line runs and rounds (pure) ----------------------------------------------


@dataclass(frozen=True)
class LineRun:
    """Steps [start, stop) of one execution of `line` in the entry frame."""

    line: int
    start: int
    stop: int


def line_runs(rec: Any) -> list[LineRun]:
    """Cut a recorded run into line runs. A new one starts at a step of the
    entry frame (or shallower) on a different line than the current one."""
    n = rec.nsteps
    if n <= 0:
        return []
    lines, depths = rec.step_line, rec.step_depth
    base = depths[0]
    runs: list[LineRun] = []
    start, cur = 0, lines[0]
    for s in range(1, n):
        if depths[s] <= base and lines[s] != cur:
            runs.append(LineRun(cur, start, s))
            start, cur = s, lines[s]
    runs.append(LineRun(cur, start, n))
    return runs


def rounds(runs_a: Sequence[LineRun], n_a: int, runs_b: Sequence[LineRun], n_b: int) -> list[tuple[int, int]]:
    """The positions of both sides at each round of the duel: (0, 0), then
    each side just after the first step of its next line run (or at its end
    once it has no more), and finally both at their ends."""

    def pos(runs: Sequence[LineRun], n: int, i: int) -> int:
        return runs[i - 1].start + 1 if i <= len(runs) else n

    out = [(0, 0)]
    for i in range(1, max(len(runs_a), len(runs_b)) + 1):
        out.append((pos(runs_a, n_a, i), pos(runs_b, n_b, i)))
    if out[-1] != (n_a, n_b):
        out.append((n_a, n_b))
    return out


@dataclass
class SideCost:
    """What one side's line runs in a scorecard row cost."""

    line: int | None
    badge: str = ""        # "S" or "H" from the line's allocation sites, "" if none
    runs: int = 0
    allocs: int = 0
    bytes: int = 0
    heap_cycles: int = 0   # allocator + GC work

    @property
    def pays(self) -> bool:
        return self.allocs > 0


@dataclass
class ScoreRow:
    a: SideCost
    b: SideCost

    def verdict(self, name_a: str, name_b: str) -> str:
        if self.a.pays and self.b.pays:
            return "both pay"
        if self.a.pays:
            return f"{name_a} pays"
        if self.b.pays:
            return f"{name_b} pays"
        return "tie"


@dataclass
class Scorecard:
    rows: list[ScoreRow]
    quiet: int                    # line runs, both sides, with no site and no allocation
    totals_a: Totals
    totals_b: Totals
    names: tuple[str, str] = ("left", "right")
    titles: tuple[str, str] = ("", "")

    def tally(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.rows:
            v = r.verdict(*self.names)
            out[v] = out.get(v, 0) + 1
        return out

    @property
    def winner(self) -> str | None:
        sa, sb = self.totals_a.score, self.totals_b.score
        if sa == sb:
            return None
        return self.names[0] if sa > sb else self.names[1]


def _delta(counters: Any, i: int, start: int, stop: int) -> int:
    return counters[stop * NC + i] - counters[start * NC + i]


@dataclass(frozen=True)
class RunCost:
    """One line run and the heap work its steps did."""

    run: LineRun
    allocs: int
    bytes: int
    heap_cycles: int
    badge: str  # "H" if its steps reached a heap site, "S" if only stack sites, else ""
    shown: int  # the line to show: its own, or the site line its steps reached


def run_costs(rec: Any, runs: Sequence[LineRun], badges: dict[int, str]) -> list[RunCost]:
    """Each run's heap work, and the sites its steps reached: a call or a
    closure on the line runs code on other lines (Rust's `map(|i| Box::new(i))`)."""
    c = rec.counters
    lines = rec.step_line
    out = []
    for r in runs:
        sites = sorted(ln for ln in set(lines[r.start:r.stop]) if ln in badges)
        reached = {badges[ln] for ln in sites}
        badge = "H" if "H" in reached else ("S" if reached else "")
        if r.line in badges or not sites:
            shown = r.line
        else:  # e.g. a closure's body: name the heap site it ran, not the call's `}`
            shown = next((ln for ln in sites if badges[ln] == "H"), sites[0])
        out.append(RunCost(
            r,
            _delta(c, _ALLOCS, r.start, r.stop),
            _delta(c, _BYTES, r.start, r.stop),
            _delta(c, _ALLOC_CYCLES, r.start, r.stop) + _delta(c, _GC_CYCLES, r.start, r.stop),
            badge,
            shown,
        ))
    return out


def scorecard(
    rec_a: Any, rec_b: Any,
    badges_a: dict[int, str], badges_b: dict[int, str],
    totals_a: Totals, totals_b: Totals,
    names: tuple[str, str] = ("left", "right"),
    runs_a: Sequence[LineRun] | None = None, runs_b: Sequence[LineRun] | None = None,
) -> Scorecard:
    """Compare the sides line by line. Only the line runs that matter to the
    stack-vs-heap question take part: those whose steps reached an
    allocation site (`badges_*`: line -> "S"/"H") or allocated. The k-th
    such run of one side meets the k-th of the other (a side that has none
    left meets nothing), and the rows are those (line, line) pairs with
    their allocations summed over every time the pair met."""
    ra = line_runs(rec_a) if runs_a is None else runs_a
    rb = line_runs(rec_b) if runs_b is None else runs_b
    notable_a = [c for c in run_costs(rec_a, ra, badges_a) if c.allocs or c.badge]
    notable_b = [c for c in run_costs(rec_b, rb, badges_b) if c.allocs or c.badge]
    rows: dict[tuple[int | None, int | None], ScoreRow] = {}
    for i in range(max(len(notable_a), len(notable_b))):
        ca = notable_a[i] if i < len(notable_a) else None
        cb = notable_b[i] if i < len(notable_b) else None
        key = (ca.shown if ca else None, cb.shown if cb else None)
        row = rows.get(key)
        if row is None:
            row = rows[key] = ScoreRow(SideCost(key[0]), SideCost(key[1]))
        for cost, side in ((ca, row.a), (cb, row.b)):
            if cost is None:
                continue
            if cost.badge == "H" or not side.badge:
                side.badge = cost.badge
            side.runs += 1
            side.allocs += cost.allocs
            side.bytes += cost.bytes
            side.heap_cycles += cost.heap_cycles
    quiet = (len(ra) - len(notable_a)) + (len(rb) - len(notable_b))
    return Scorecard(list(rows.values()), quiet, totals_a, totals_b, names)


def side_name(session: Any, other: Any) -> str:
    """"Go"/"Rust", or the file name when both sides are the same language."""
    lang = getattr(session, "language", "")
    if lang and lang != getattr(other, "language", None):
        return LANGUAGE_NAMES.get(lang, lang)
    return getattr(session, "snippet_id", None) or getattr(session, "display", "?")


@dataclass
class DuelPlan:
    """Everything the duel precomputes (in the loading thread)."""

    runs_a: list[LineRun]
    runs_b: list[LineRun]
    rounds: list[tuple[int, int]]
    card: Scorecard
    names: tuple[str, str] = field(default=("left", "right"))

    @classmethod
    def build(cls, a: Any, b: Any) -> DuelPlan:
        names = (side_name(a, b), side_name(b, a))
        ra, rb = line_runs(a.rec), line_runs(b.rec)
        card = scorecard(
            a.rec, b.rec, a.site_lines(), b.site_lines(), a.final_totals, b.final_totals,
            names, ra, rb,
        )
        card.titles = (a.title, b.title)
        return cls(ra, rb, rounds(ra, a.n_steps, rb, b.n_steps), card, names)


# ---- the screens ------------------------------------------------------------------


def _line_text(session: Any, line: int | None) -> str:
    if line is None:
        return "— no allocation line left"
    try:
        src = session.source_lines[line - 1].strip()
    except (AttributeError, IndexError):
        src = ""
    if len(src) > 34:
        src = src[:33] + "…"
    return f"{line:>3} {src}"


def _cost_text(side: SideCost) -> str:
    if side.line is None:
        return ""
    if not side.pays:
        cost = "no alloc"
    else:
        cost = f"{side.allocs:,} alloc{'s' if side.allocs != 1 else ''}, {human_bytes(side.bytes)}"
    return cost + (f" · {side.runs:,}×" if side.runs > 1 else "")


def scorecard_table(card: Scorecard, a: Any, b: Any, limit: int = 200) -> Table:
    """One row per line pair: each side's line with its S/H badge, and under
    it what the line cost; then the verdict."""
    na, nb = card.names
    table = Table(box=None, pad_edge=False, expand=True, show_edge=False, header_style="bold",
                  padding=(0, 2, 1, 0))
    table.add_column(na, ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(nb, ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("verdict", no_wrap=True)
    for row in card.rows[:limit]:
        cells: list[Any] = []
        for side, session in ((row.a, a), (row.b, b)):
            badge = (f"{side.badge or ' '}", "bold reverse" if side.badge == "H" else "bold")
            cells.append(Text.assemble(
                badge, " ", _line_text(session, side.line), "\n  ", (_cost_text(side), "dim"),
            ))
        v = row.verdict(na, nb)
        cells.append(Text(v, style="bold" if v != "tie" else "dim"))
        table.add_row(*cells)
    if len(card.rows) > limit:
        table.add_row(f"… {len(card.rows) - limit} more rows", "", "")
    return table


def totals_text(card: Scorecard) -> Text:
    text = Text()
    for name, t in zip(card.names, (card.totals_a, card.totals_b)):
        text.append(f"{name}: ", "bold")
        text.append(f"{t.heap_allocs:,} heap allocations, {t.heap_bytes:,} B, "
                    f"{t.cycles:,} cycles, score {t.score}\n")
    tally = card.tally()
    text.append(" · ".join(f"{v} {k}" for k, v in tally.items()) or "no allocation sites", "dim")
    if card.quiet:
        text.append(f" · {card.quiet:,} line runs without allocation sites left out", "dim")
    text.append("\n")
    w = card.winner
    text.append("winner: " + (w if w else "a draw"), "bold")
    return text


class ScorecardScreen(Screen[None]):
    """The duel's final scorecard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "app.pop_screen", "Back to the duel"),
        Binding("o", "app.open_picker('duel')", "Another duel"),
    ]

    def __init__(self, card: Scorecard, a: Any, b: Any) -> None:
        super().__init__()
        self.card = card
        self.a = a
        self.b = b

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scorecard-body"):
            yield Static(scorecard_table(self.card, self.a, self.b), id="scorecard-table")
            yield Static(totals_text(self.card), id="scorecard-totals")
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#scorecard-body")
        na, nb = self.card.names
        body.border_title = f"Scorecard · {na} vs {nb} · line by line"
        body.border_subtitle = "stack vs stack: a tie · heap vs heap: both pay"


class DuelScreen(Screen[None]):
    """Two play panes, stepping in lockstep by source line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the panes' own stepping keys must not split the pair
        Binding("space,right", "advance", "Step both", priority=True),
        Binding("left", "retreat", "Back", priority=True),
        Binding("home", "first", "Start", show=False, priority=True),
        Binding("end", "last", "End", priority=True),
        Binding("s", "scorecard", "Scorecard"),
        Binding("escape", "app.back", "Back", show=False),
    ]

    round: reactive[int] = reactive(0, init=False)
    #: A move this many steps long runs in a worker thread (as on the play screen).
    FAR_STEPS = 50_000

    def __init__(self, a: Any, b: Any, plan: DuelPlan | None = None) -> None:
        super().__init__()
        self.a = a
        self.b = b
        self.plan = plan if plan is not None else DuelPlan.build(a, b)
        self._shown_card = False
        self.busy = False

    def compose(self) -> ComposeResult:
        app: Any = self.app
        yield Static(id="duel-heading")
        with Horizontal(id="duel-panes"):
            yield app.make_play_pane(self.a)
            yield app.make_play_pane(self.b)
        yield Static(id="duel-status")
        yield Footer()

    def on_mount(self) -> None:
        self._move()

    @property
    def panes(self) -> list[Any]:
        return list(self.query_one("#duel-panes").children)

    @property
    def last_round(self) -> int:
        return len(self.plan.rounds) - 1

    def watch_round(self, _old: int, _new: int) -> None:
        self._move()

    def _move(self) -> None:
        targets = list(zip(self.panes, self.plan.rounds[self.round]))
        if any(abs(k - pane.session.position) > self.FAR_STEPS for pane, k in targets):
            self.busy = True
            for pane, _ in targets:
                pane.freeze(True)
            self.refresh_bindings()
            self._seek([(pane.session, k) for pane, k in targets])
            return
        for pane, k in targets:
            if pane.session.position != k:
                pane.goto(k)
        self._moved()

    @work(thread=True, exclusive=True, group="duel-seek")
    def _seek(self, moves: list[tuple[Any, int]]) -> None:
        for session, k in moves:
            session.jump(k)
        self.app.call_from_thread(self._seek_done)

    def _seek_done(self) -> None:
        self.busy = False
        for pane in self.panes:
            pane.freeze(False)
            pane.refresh_view()
        if self.plan.rounds[self.round] != (self.a.position, self.b.position):
            self._move()  # the round changed while the worker ran
            return
        self._moved()

    def _moved(self) -> None:
        self._update_status()
        self.refresh_bindings()
        if self.round == self.last_round and not self._shown_card:
            self._shown_card = True
            self.action_scorecard()

    def _update_status(self) -> None:
        na, nb = self.plan.names
        heading = self.query_one("#duel-heading", Static)
        heading.update(
            f"[b]Duel[/]  {self.a.snippet_id} vs {self.b.snippet_id}"
            f"   ·   round {self.round}/{self.last_round}"
        )
        parts = []
        for name, s, runs in ((na, self.a, self.plan.runs_a), (nb, self.b, self.plan.runs_b)):
            if s.position >= s.n_steps:
                parts.append(f"{name} finished" + (", waits" if self.round < self.last_round else ""))
            elif s.position == 0:
                parts.append(f"{name} ready")
            else:
                line = s.rec.step_line[s.position - 1]
                parts.append(f"{name} on line {line}")
        self.query_one("#duel-status", Static).update("   ·   ".join(parts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.busy and action in ("advance", "last", "retreat", "first"):
            return None
        if action in ("advance", "last"):
            return True if self.round < self.last_round else None
        if action in ("retreat", "first"):
            return True if self.round > 0 else None
        return True

    def action_advance(self) -> None:
        if self.round < self.last_round:
            self.round += 1

    def action_retreat(self) -> None:
        if self.round > 0:
            self.round -= 1

    def action_first(self) -> None:
        self.round = 0

    def action_last(self) -> None:
        self.round = self.last_round

    def action_scorecard(self) -> None:
        self.app.push_screen(ScorecardScreen(self.plan.card, self.a, self.b))
