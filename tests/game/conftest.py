"""Shared helpers of the game tests."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from stackvsheap.game.session import GameSession


@pytest.fixture
def narrations() -> Callable[[Path], list[str]]:
    """path -> the narration of every step of its run, as the play screen shows it."""
    def run(path: Path) -> list[str]:
        s = GameSession.load(str(path))
        out = []
        while s.step():
            out.append(s.narration())
        return out
    return run
