"""Shared fixtures for the UI tests: the real app from `make_app`, frozen
(no idle animation, no cursor blink) so Pilot runs and snapshots are
deterministic, and small stand-ins for a recorded run where a test is about
the screens around the play screen rather than the simulator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from stackvsheap.sim.cost import Totals
from stackvsheap.sim.trace import COUNTERS, NC
from stackvsheap.ui.app import StackVsHeapApp, make_app

SIZES = [(120, 40), (80, 24)]


def shown_text(static: Static, width: int = 120) -> str:
    """The plain text a Static shows (markup, Rich Text or a Rich table)."""
    import io

    from rich.console import Console
    from rich.text import Text
    from textual.content import Content

    content = static.content
    if isinstance(content, str):
        return Content.from_markup(content).plain
    if isinstance(content, (Content, Text)):
        return content.plain
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


# ---- a recorded run, reduced to what the duel and results screens read --------


class FakeRec:
    """Per-step line, depth and counters, as `sim.trace.Recorder` keeps them.
    `costs` maps a step to the (heap_allocs, heap_bytes, alloc_cycles) it adds."""

    def __init__(self, lines: list[int], depths: list[int] | None = None,
                 costs: dict[int, tuple[int, int, int]] | None = None) -> None:
        n = len(lines)
        self.step_line = list(lines) + [0]
        depths = list(depths) if depths is not None else [1] * n
        self.step_depth = depths + [depths[-1] if depths else 1]
        costs = costs or {}
        acc = dict.fromkeys(COUNTERS, 0)
        self.counters: list[int] = []
        for s in range(n + 1):
            acc["steps"] = s
            self.counters.extend(acc[c] for c in COUNTERS)
            a, b, cyc = costs.get(s, (0, 0, 0))
            acc["heap_allocs"] += a
            acc["heap_bytes"] += b
            acc["alloc_cycles"] += cyc
        assert len(self.counters) == (n + 1) * NC

    @property
    def nsteps(self) -> int:
        return len(self.step_line) - 1


@dataclass
class FakeSession:
    """The part of `GameSession` the screens around the play screen use."""

    snippet_id: str
    language: str
    rec: FakeRec
    source: str = ""
    sites: dict[int, str] = field(default_factory=dict)
    par: int | None = 500
    error: str | None = None
    position: int = 0

    @property
    def title(self) -> str:
        return self.snippet_id.split("/")[-1].replace("_", " ")

    @property
    def display(self) -> str:
        return self.snippet_id

    @property
    def source_lines(self) -> list[str]:
        return self.source.splitlines()

    @property
    def n_steps(self) -> int:
        return self.rec.nsteps

    @property
    def at_end(self) -> bool:
        return self.position >= self.n_steps

    @property
    def final_totals(self) -> Totals:
        base = self.n_steps * NC
        return Totals(**dict(zip(COUNTERS, self.rec.counters[base:base + NC])))

    def site_lines(self) -> dict[int, str]:
        return dict(self.sites)

    def jump(self, k: int) -> bool:
        k = max(0, min(self.n_steps, k))
        moved = k != self.position
        self.position = k
        return moved

    def step(self) -> bool:
        return self.jump(self.position + 1)

    def back(self) -> bool:
        return self.jump(self.position - 1)


GO_BOXES = """package main

func createManyBoxes() []*int {
	boxes := make([]*int, 3)
	for i := range boxes {
		value := i
		boxes[i] = &value
	}
	return boxes
}
"""

RUST_BOXES = """fn create_many_boxes() -> Vec<Box<i32>> {
    let mut v = Vec::with_capacity(3);
    for i in 0..3 {
        v.push(Box::new(i));
    }
    v
}
"""


def go_boxes() -> FakeSession:
    # lines 4 (make), then 3 x (5 range, 6 value := i, 7 store), then 9 return
    lines = [4] + [5, 6, 7] * 3 + [9]
    costs = {0: (1, 32, 50), 2: (1, 8, 25), 5: (1, 8, 25), 8: (1, 8, 25)}
    return FakeSession("go/create_many_boxes", "go", FakeRec(lines, costs=costs), GO_BOXES,
                       sites={4: "H", 6: "H"})


def rust_boxes() -> FakeSession:
    # lines 2 (with_capacity), then 3 x (3 for, 4 push), then 6
    lines = [2] + [3, 4] * 3 + [6]
    costs = {0: (1, 24, 40), 2: (1, 4, 40), 4: (1, 4, 40), 6: (1, 4, 40)}
    return FakeSession("rust/create_many_boxes", "rust", FakeRec(lines, costs=costs), RUST_BOXES,
                       sites={2: "H", 4: "H"})


def fake_session_for(ref: str) -> FakeSession:
    if ref.startswith("rust/"):
        s = rust_boxes()
    else:
        s = go_boxes()
    s.snippet_id = ref
    return s


# ---- stand-ins for the play screen ---------------------------------------------


class PlayPane(Static):
    """Same name and moves as `ui.play.PlayPane`; shows the step number."""

    def __init__(self, session: Any) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        s = self.session
        self.update(f"{s.snippet_id}\nstep {s.position}/{s.n_steps}")

    def goto(self, k: int) -> None:
        self.session.jump(k)
        self._show()

    def step(self) -> None:
        self.session.step()
        self._show()

    def back(self) -> None:
        self.session.back()
        self._show()

    def freeze(self, frozen: bool) -> None:
        self.frozen = frozen

    def refresh_view(self) -> None:
        self._show()


class PlayScreen(Screen[None]):
    """Same name and message as `ui.play.PlayScreen`: space steps, and the
    last step posts `Finished`."""

    BINDINGS: ClassVar[list[BindingType]] = [("space", "step", "Step")]

    class Finished(Message):
        def __init__(self, session: Any) -> None:
            super().__init__()
            self.session = session

    def __init__(self, session: Any) -> None:
        super().__init__()
        self.session = session

    def compose(self):  # type: ignore[no-untyped-def]
        yield PlayPane(self.session)
        yield Footer()

    def action_step(self) -> None:
        self.query_one(PlayPane).step()
        if self.session.at_end:
            self.post_message(self.Finished(self.session))

    def goto(self, k: int) -> None:
        self.query_one(PlayPane).goto(k)


async def settle(app: StackVsHeapApp, group: str) -> None:
    """Wait for the app's workers of `group` (not for DirectoryTree's loader,
    which never completes)."""
    await app.workers.wait_for_complete([w for w in app.workers if w.group == group])


def stand_in(app: StackVsHeapApp, loader: Callable[[str, str | None], Any] | None = None) -> StackVsHeapApp:
    """Play `app` with fake runs and the stand-in play screen."""
    app.load_session = loader or (lambda ref, entry=None: fake_session_for(ref))  # type: ignore[method-assign]
    app.make_play_screen = PlayScreen  # type: ignore[method-assign]
    app.make_play_pane = PlayPane  # type: ignore[method-assign]
    return app


@pytest.fixture(autouse=True)
def _saves_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No UI test reads or writes the player's real save."""
    d = tmp_path_factory.mktemp("data")
    monkeypatch.setattr("stackvsheap.game.saves.default_data_dir", lambda: d)


@pytest.fixture
def app() -> StackVsHeapApp:
    """The app as `stackvsheap` starts it, frozen."""
    return make_app(frozen=True)


@pytest.fixture
def fake_app() -> StackVsHeapApp:
    """The frozen app, playing stand-in runs."""
    return stand_in(make_app(frozen=True))
