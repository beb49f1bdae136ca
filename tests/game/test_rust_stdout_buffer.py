"""std's stdout buffer: the first print of a Rust run allocates 1 KiB, once, never freed."""

from __future__ import annotations

from pathlib import Path

from stackvsheap.game.session import GameSession

SRC = """fn main() {
    let v = vec![1, 2, 3];
    println!("{:?}", v);
    print!("x");
    println!("y");
}
"""


def test_first_print_allocates_the_buffer_once_and_narrates_why(tmp_path: Path) -> None:
    p = tmp_path / "p.rs"
    p.write_text(SRC, encoding="utf-8")
    s = GameSession.load(str(p))
    t = s.final_totals
    assert (t.heap_allocs, t.heap_frees, t.heap_bytes) == (2, 1, 12 + 1024)
    s.jump(2)
    text = s.narration()
    assert "allocates 1 KiB on the heap" in text and "LineWriter" in text and "never freed" in text
    s.end()
    live = [b.label for b in s.cursor.heap.values()]
    assert live == ["stdout buffer"]
