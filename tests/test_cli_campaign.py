"""The campaign headless: `levels`, `check-level` and `scores` as a script runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stackvsheap.cli import main
from stackvsheap.game.levels import levels_dir
from stackvsheap.game.saves import SAVE_NAME, Progress

LEVELS = levels_dir()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stackvsheap", *args], capture_output=True, text=True, timeout=300
    )


def test_levels_json_lists_levels_with_goals() -> None:
    out = run_cli("levels", "--json")
    assert out.returncode == 0, out.stderr
    levels = json.loads(out.stdout)
    assert len(levels) >= 12
    first = levels[0]
    assert first["id"] == "sum_three_locals" and first["goal"] == "heap_allocs == 0"
    assert {"id", "title", "language", "goal", "par", "predict", "fixit", "pair"} <= set(first)
    by_id = {lv["id"]: lv for lv in levels}
    assert by_id["slice_escape"]["fixit"] and by_id["slice_escape"]["predict"]
    assert by_id["slice_escape"]["solution"] == "levels/solutions/slice_escape.go"


def test_levels_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["levels"]) == 0
    assert "slice_escape" in capsys.readouterr().out


def test_check_level_exit_codes(tmp_path: Path) -> None:
    yes = run_cli("check-level", "slice_escape", str(LEVELS / "solutions" / "slice_escape.go"))
    assert yes.returncode == 0, yes.stderr
    assert "meets the goal" in yes.stdout
    no = run_cli("check-level", "slice_escape", str(LEVELS / "code" / "slice_escape.go"))
    assert no.returncode == 1 and "does not meet" in no.stdout
    bad = tmp_path / "bad.go"
    bad.write_text("package main\n\nfunc sumSquares() int {\n\treturn 1 +\n}\n")
    err = run_cli("check-level", "slice_escape", str(bad))
    assert err.returncode == 2
    assert err.stderr.startswith(f"{bad}:4:") and "Traceback" not in err.stderr
    assert len(err.stderr.strip().splitlines()) == 1


def test_check_level_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check-level", "no_such_level", str(tmp_path / "x.go")]) == 2
    assert capsys.readouterr().err.startswith("no_such_level:1:1: no such level")
    assert main(["check-level", "slice_escape", str(tmp_path / "missing.go")]) == 2
    assert "missing.go:1:1: cannot read file" in capsys.readouterr().err


def test_scores_uses_data_dir(tmp_path: Path) -> None:
    Progress.load(tmp_path).record_result("sum_three_locals", 784, 3)
    out = run_cli("--data-dir", str(tmp_path), "scores")
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if "Sum three locals" in line)
    assert "done" in row and "784" in row and "★★★" in row
    assert "open" in next(line for line in out.stdout.splitlines() if "new(int)" in line)
    after = run_cli("scores", "--data-dir", str(tmp_path))  # the option after the command too
    assert after.returncode == 0 and after.stdout == out.stdout


def test_scores_reports_a_corrupt_save_once(tmp_path: Path) -> None:
    (tmp_path / SAVE_NAME).write_text("{oops")
    first = run_cli("--data-dir", str(tmp_path), "scores")
    assert first.returncode == 0 and "moved to" in first.stderr
    second = run_cli("--data-dir", str(tmp_path), "scores")
    assert second.returncode == 0 and second.stderr == ""


def test_levels_reports_a_broken_file_and_goes_on(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "a.toml").write_text(
        'order = 1\ntitle = "A"\ncode = "go/sum_value"\ngoal = "heap_allocs == 0"\npar = 700\n')
    (tmp_path / "b.toml").write_text(
        'order = 2\ntitle = "B"\ngoal = "heap_allocs ==="\ncode = "go/sum_value"\npar = 1\n')
    monkeypatch.setattr("stackvsheap.game.levels.levels_dir", lambda: tmp_path)
    assert main(["levels", "--json"]) == 0
    out = capsys.readouterr()
    assert [lv["id"] for lv in json.loads(out.out)] == ["a"]
    assert out.err.startswith("b.toml:3:")
