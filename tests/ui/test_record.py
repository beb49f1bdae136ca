"""Recordings: `record` writes the same bytes every run, `play --autoplay`
plays by itself in fixed-size steps and can quit at the end, and
`--show-keys` shows the keys pressed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stackvsheap.cli import main
from stackvsheap.ui.app import make_app
from stackvsheap.ui.keys import KeyLog, KeysOverlay, key_label
from stackvsheap.ui.play import SPEEDS, PlayScreen, nearest_speed
from stackvsheap.ui.record import parse_size, parse_steps

from .conftest import SIZES, shown_text
from .test_snapshots import SIZE_IDS, wait_loaded


def test_record_twice_is_byte_identical(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert main(["record", "go/create_slice", "--out", str(tmp_path / name),
                     "--size", "80x24", "--steps", "0:3"]) == 0
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == ["index.json"] + [f"step-{k:07d}.svg" for k in range(4)]
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f
    index = json.loads((tmp_path / "a" / "index.json").read_text())
    assert index["snippet"] == "go/create_slice" and index["size"] == [80, 24]
    assert [f["step"] for f in index["frames"]] == [0, 1, 2, 3]
    assert index["frames"][0]["line"] == 0 and index["frames"][1]["line"] > 0
    # Each frame is titled with its step.
    assert "create_slice · step 2<" in (tmp_path / "a" / "step-0000002.svg").read_text().replace("&#160;", " ")


def test_record_whole_run_by_default(tmp_path: Path) -> None:
    assert main(["record", "go/sum_value", "--out", str(tmp_path)]) == 0
    index = json.loads((tmp_path / "index.json").read_text())
    assert [f["step"] for f in index["frames"]] == list(range(index["steps"] + 1))


def test_record_png_where_rsvg_is_present(tmp_path: Path) -> None:
    from stackvsheap.ui.record import png_converter

    if png_converter() is None:
        pytest.skip("neither rsvg-convert nor cairosvg is installed")
    assert main(["record", "rust/sum_value", "--out", str(tmp_path), "--steps", "1", "--png"]) == 0
    assert (tmp_path / "step-0000001.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("argv, message", [
    (["record", "go/nope", "--out", "X"], "go/nope:1:1: not a snippet id"),
    (["record", "go/sum_value", "--out", "X", "--steps", "99"], "sum_value.go:1:1: step 99 is past the end"),
    (["record", "go/create_many_boxes", "--out", "X"], "choose the frames with --steps A:B"),
    (["play", "go/sum_value", "--speed", "4"], "play:1:1: --speed and --exit-at-end go with --autoplay"),
    (["play", "go/sum_value", "--autoplay", "--predict"], "cannot ask predictions"),
])
def test_bad_recording_requests_are_one_line(argv, message, tmp_path, capsys) -> None:
    argv = [str(tmp_path / a) if a == "X" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "X").exists()  # nothing written before the check


def test_bad_size_and_steps_are_usage_errors() -> None:
    for argv in (["--size", "10x4"], ["--size", "big"], ["--steps", "5:2"], ["--steps", "a:b"]):
        out = subprocess.run([sys.executable, "-m", "stackvsheap", "record", "go/sum_value",
                              "--out", "/nonexistent/x", *argv], capture_output=True, text=True)
        assert out.returncode == 2 and "error: argument" in out.stderr and "Traceback" not in out.stderr
    assert parse_size("120X40") == (120, 40)
    assert parse_steps("3:") == (3, None) and parse_steps("7") == (7, 7)


def test_nearest_speed() -> None:
    assert SPEEDS[nearest_speed(8)] == 8
    assert SPEEDS[nearest_speed(5)] == 4  # a tie goes to the slower level
    assert SPEEDS[nearest_speed(10**9)] == SPEEDS[-1]
    assert SPEEDS[nearest_speed(0.1)] == 1


async def test_autoplay_moves_in_fixed_steps_and_exits_at_end(monkeypatch) -> None:
    import stackvsheap.ui.app as app_module
    from stackvsheap.ui.play import PlayPane

    monkeypatch.setattr(app_module, "EXIT_HOLD_SECONDS", 0.1)
    moves: list[int] = []
    step = PlayPane.step

    def logged_step(self, n: int = 1) -> bool:
        moves.append(n)
        return step(self, n)

    monkeypatch.setattr(PlayPane, "step", logged_step)
    app = make_app("go/create_slice", autoplay=64, exit_at_end=True)
    assert app.frozen  # autoplay implies no animation
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            await pilot.pause(0.02)
            if not app.is_running:
                break
        assert not app.is_running, "the app did not exit at the end"
    assert app.return_code == 0
    # 64 steps/s at 30 frames/s: 2 steps a tick, never a catch-up jump, so
    # the frames are the same on every run, however loaded the machine.
    assert len(moves) > 3 and set(moves) == {2}, moves


def test_key_labels() -> None:
    assert key_label("space", " ") == "space"
    assert key_label("left", None) == "←"
    assert key_label("n", "n") == "n"
    assert key_label("ctrl+s", None) == "ctrl+s"
    log = KeyLog()
    for k in "abcdefgh":
        log.press(k, k)
    assert log.text() == "keys  c  d  e  f  g  h"  # the last six


async def test_show_keys_overlay_follows_the_keys() -> None:
    app = make_app("go/sum_value", frozen=True, show_keys=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("space", "space", "left")
        await pilot.pause()
        overlay = app.screen.query_one(KeysOverlay)
        assert shown_text(overlay) == "keys  space  space  ←"
        assert app.screen.session.position == 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert "?" in shown_text(app.screen.query_one(KeysOverlay))  # on the help screen too


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_show_keys_snapshot(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("space", "space", "n", "left")
        await pilot.pause(0.1)

    assert snap_compare(make_app("go/return_pointer", frozen=True, show_keys=True),
                        run_before=run_before, terminal_size=size)
