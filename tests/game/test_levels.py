"""The campaign: every level loads, every intended solution meets its goal
headless, and the starting code of a fix-it level does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackvsheap.game.goals import TOTALS, Goal
from stackvsheap.game.levels import LevelError, check_code, load_levels, parse_level

CAMPAIGN = load_levels()
IDS = [lv.id for lv in CAMPAIGN.levels]


def test_campaign_shape() -> None:
    assert CAMPAIGN.problems == ()
    levels = CAMPAIGN.levels
    assert len(levels) >= 12
    assert [lv.order for lv in levels] == sorted(lv.order for lv in levels)
    assert levels[0].title == "Sum three locals"
    titles = {lv.title for lv in levels}
    assert "Why did my slice escape?" in titles and "Box everything" in titles
    assert "GC pressure" in titles
    assert any("linked list that misses the cache" in t for t in titles)
    assert {lv.language for lv in levels} == {"go", "rust"}
    # pairs name each other, across the two languages
    pairs = {(lv.id, lv.pair) for lv in levels if lv.pair}
    cross = {tuple(sorted(p)) for p in pairs if (p[1], p[0]) in pairs
             and CAMPAIGN.get(p[0]).language != CAMPAIGN.get(p[1]).language}
    assert len(cross) >= 2
    # the blog's wrong claim is a predict level, as are the slice-escape ones
    assert CAMPAIGN.get("new_int_sum").predict and CAMPAIGN.get("slice_escape").predict


@pytest.mark.parametrize("level_id", IDS)
def test_solution_meets_goal(level_id: str) -> None:
    lv = CAMPAIGN.get(level_id)
    check = check_code(lv, lv.solution.source, lv.solution.path.name)
    assert check.met, (lv.goal.text, check.totals)
    assert check.score >= lv.par  # par is reachable: the solution earns three stars


@pytest.mark.parametrize("level_id", [lv.id for lv in CAMPAIGN.levels if lv.fixit])
def test_fixit_starting_code_does_not(level_id: str) -> None:
    lv = CAMPAIGN.get(level_id)
    assert lv.solution.path != lv.snippet.path
    check = check_code(lv, lv.snippet.source, lv.snippet.path.name)
    assert not check.met, (lv.goal.text, check.totals)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD = 'order = 1\ntitle = "t"\ncode = "go/sum_value"\ngoal = "heap_allocs == 0"\npar = 700\n'


def test_malformed_files_are_reported_at_their_line_and_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "a_good.toml", GOOD)
    _write(tmp_path, "b_syntax.toml", 'order = 1\ntitle = "t\n')
    _write(tmp_path, "c_goal.toml", GOOD.replace('"heap_allocs == 0"', '"heap_allocs == 0 and bogus < 1"'))
    _write(tmp_path, "d_type.toml", GOOD.replace("par = 700", 'par = "high"'))
    _write(tmp_path, "e_code.toml", GOOD.replace("go/sum_value", "code/nowhere.go"))
    _write(tmp_path, "f_missing.toml", GOOD.replace("par = 700\n", ""))
    campaign = load_levels(tmp_path)
    assert [lv.id for lv in campaign.levels] == ["a_good"]
    problems = sorted(campaign.problems)
    assert problems[0].startswith("b_syntax.toml:2:")
    # the goal's bad name, at its own column: `goal = "` is 8 columns, `bogus` the 22nd char
    assert problems[1] == f"c_goal.toml:4:30: unknown total 'bogus' (known: {', '.join(TOTALS)})"
    assert problems[2] == "d_type.toml:5:7: 'par' must be an integer"
    assert problems[3] == "e_code.toml:3:8: code/nowhere.go: no such file"
    assert problems[4] == "f_missing.toml:1:1: missing required key 'par'"


def test_fixit_needs_a_solution(tmp_path: Path) -> None:
    p = _write(tmp_path, "x.toml", GOOD + "fixit = true\n")
    with pytest.raises(LevelError, match="needs a 'solution'"):
        parse_level(p)


def test_goal_is_the_shared_parser() -> None:
    assert isinstance(CAMPAIGN.levels[0].goal, Goal)
