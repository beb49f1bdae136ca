"""Every level's code, starting and intended solution, is judged by the real
toolchains: each file is among the differential tests' inputs."""

from __future__ import annotations

from stackvsheap.game.levels import load_levels

from . import rust_oracle
from .go_oracle import all_go_files


def test_every_level_file_is_in_the_differential_tests() -> None:
    judged = {p.resolve() for p in all_go_files()} | {p.resolve() for p in rust_oracle.default_paths()}
    for lv in load_levels().levels:
        for snip in (lv.snippet, lv.solution):
            assert snip.path.resolve() in judged, (lv.id, snip.path)
