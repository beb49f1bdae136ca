"""A recorded run stops at the memory budget with a clear message, instead of
exhausting the player's machine (GAME_MAX_RECORD_MB beside the step cap)."""

from __future__ import annotations

import pytest

from stackvsheap.game import session as session_mod
from stackvsheap.game.session import GameSession, LoadError
from stackvsheap.lang.load import parse_source
from stackvsheap.sim.machine import Limits
from stackvsheap.sim.run import run_program

LOOP = """package main

func spin() int {
	total := 0
	for i := 0; i < 20000; i++ {
		total += i
	}
	return total
}
"""


def test_recording_stops_at_the_memory_budget() -> None:
    prog = parse_source(LOOP, "spin.go", "go")
    res = run_program(prog, "spin", record=True, limits=Limits(max_record_mb=1))
    assert res.error is not None
    assert res.error.message.startswith("recording limit exceeded: more than 1 MiB after 4,096 steps")
    # unrecorded, and recorded within budget, the same loop runs to the end
    assert run_program(prog, "spin").error is None
    assert run_program(prog, "spin", record=True, limits=Limits(max_record_mb=1 << 20)).error is None


def test_the_game_refuses_a_recording_over_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "GAME_MAX_RECORD_MB", 1)
    with pytest.raises(LoadError, match=r"too long to play: more than 1 MiB after 4,096 steps"):
        GameSession.from_program(parse_source(LOOP, "spin.go", "go"), entry="spin")


def test_the_step_cap_is_ten_million() -> None:
    assert session_mod.GAME_MAX_STEPS >= 10_000_000
    assert session_mod.GAME_MAX_RECORD_MB <= 1536
