"""The output pane says when what was printed may depend on a HashMap's
order (real Rust randomises it; the simulator shows one possible order)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from stackvsheap.game.session import GameSession
from stackvsheap.ui.play import PlayScreen
from stackvsheap.ui.widgets.output import OutputPane

SRC = """use std::collections::HashMap;

fn main() {
    let mut stock = HashMap::new();
    stock.insert("bolts", 40);
    stock.insert("nuts", 25);
    println!("stock:");
    for (item, n) in &stock {
        println!("{} {}", item, n);
    }
}
"""


class _App(App[None]):
    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        self.push_screen(PlayScreen(self.session))


def _text(pane: Any) -> str:
    return "\n".join(strip.text for strip in pane._lines)


async def test_output_pane_notes_the_hashmap_order_once_it_matters(tmp_path: Path) -> None:
    path = tmp_path / "stock.rs"
    path.write_text(SRC, encoding="utf-8")
    s = GameSession.load(str(path))
    app = _App(s)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        out = screen.query_one(OutputPane)
        for _ in range(s.n_steps):
            if "stock:" in s.output():
                break
            await pilot.press("space")
        await pilot.pause()
        assert "stock:" in _text(out) and "possible orders" not in _text(out)
        screen.goto(s.n_steps)
        for _ in range(100):
            await pilot.pause(0.05)
            if s.position == s.n_steps:
                break
        await pilot.pause()
        text = _text(out)
        assert "one of the possible orders" in text
        assert "bolts 40" in text and "nuts 25" in text
