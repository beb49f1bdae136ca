"""How the play screen's narration shows Go maps: range over a map is said to
come in any order Go could give, and the map's heap objects are named
(map header, map group (8 slots), map table, map groups, map directory)."""

from __future__ import annotations

from pathlib import Path

from stackvsheap.game.session import GameSession

CORPUS = Path(__file__).resolve().parents[1] / "differential" / "go" / "corpus"


def test_range_over_a_map_claims_no_order(narrations) -> None:
    texts = narrations(CORPUS / "map_delete_during_range.go")
    assert any("in any order Go could give" in t for t in texts)


def test_map_objects_are_named_when_they_are_allocated(narrations) -> None:
    joined = "\n".join(narrations(CORPUS / "map_grows_past_eight.go"))
    joined += "\n".join(narrations(CORPUS / "map_returned.go"))
    for name in ("map header", "map group (8 slots)", "map table", "map directory", "map groups 32 slots"):
        assert name in joined, name


def test_a_global_map_survives_the_recording_run(tmp_path: Path) -> None:
    # the recorded run compiles the program again after the global
    # initialisers made the map: the map must still be found
    src = ("package main\n\nvar prices = map[string]int{\"apple\": 3}\n\n"
           "func run() {\n\tprices[\"fig\"] = 9\n\tprintln(len(prices), prices[\"apple\"])\n}\n\n"
           "func main() {\n\trun()\n}\n")
    f = tmp_path / "prices.go"
    f.write_text(src)
    s = GameSession.load(str(f))
    while s.step():
        pass
    assert s.output() == "2 3\n"
