"""Workshop packs: `pack check` finds every problem at its line, `grade`
tells right, wrong and unparsable solutions apart, and the shipped pack is
valid with goals its snippets and their fixes are judged by."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stackvsheap.cli import main
from stackvsheap.game.grading import ERROR, MET, MISSING, NOT_MET, grade
from stackvsheap.game.packs import check_pack, load_pack
from stackvsheap.game.snippets import assets_dir
from stackvsheap.game.tomldata import Positions

BLOG = assets_dir() / "packs" / "blog.toml"

GOOD_GO = """package main

func createSlice() [3]int {
	return [3]int{1, 2, 3}
}

func main() {
	println(len(createSlice()))
}
"""


def _pack(tmp_path: Path, body: str) -> Path:
    (tmp_path / "code").mkdir(exist_ok=True)
    (tmp_path / "code" / "slice.go").write_text(
        (assets_dir() / "snippets" / "go" / "create_slice.go").read_text())
    p = tmp_path / "pack.toml"
    p.write_text(body)
    return p


def test_shipped_pack_is_valid() -> None:
    report = check_pack(BLOG)
    assert report.errors == [] and report.pack is not None
    ids = [e.id for e in report.pack.exercises]
    assert len(ids) == 9 and sum(i.startswith("go-") for i in ids) == 5
    assert all(e.instructions.strip() and e.hints for e in report.pack.exercises)


def test_broken_pack_reports_each_error_at_its_line(tmp_path: Path) -> None:
    p = _pack(tmp_path, '''title = "Broken"

[[exercise]]
snippet = "code/slice.go"
instructions = "Make it allocate less."
goal = "heap_allocs === 0"

[[exercise]]
snippet = "code/missing.go"
instructions = "x"
goal = "heap_allocs == 0"

[[exercise]]
snippet = "code/slice.go"
id = "three"
instructions = "x"
goal = "heap_alocs == 0"
colour = "red"
''')
    errors = [str(e) for e in check_pack(p).errors]
    assert len(errors) == 4, errors
    assert errors[0].startswith(f"{p}:6:") and "goal does not parse" in errors[0]
    assert errors[1].startswith(f"{p}:9:11: snippet 'code/missing.go': no such file")
    # Two problems in the third exercise: both reported.
    assert errors[2].startswith(f"{p}:18:") and "unknown key 'colour'" in errors[2]
    assert errors[3].startswith(f"{p}:17:") and "heap_alocs" in errors[3], errors[3]
    assert main(["pack", "check", str(p)]) == 2


def test_toml_syntax_error_is_at_its_line(tmp_path: Path, capsys) -> None:
    p = _pack(tmp_path, 'title = "x"\n[[exercise]]\nsnippet = "code/slice.go\n')
    assert main(["pack", "check", str(p)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{p}:3:") and "\n" not in err and "Traceback" not in err


def test_snippet_that_does_not_parse_is_reported(tmp_path: Path) -> None:
    p = _pack(tmp_path, 'title = "x"\n[[exercise]]\nsnippet = "code/bad.go"\n'
              'instructions = "x"\ngoal = "heap_allocs == 0"\n')
    (tmp_path / "code" / "bad.go").write_text("package main\nfunc f() {\n")
    (err,) = check_pack(p).errors
    assert str(err).startswith(f"{p}:3:11: snippet 'code/bad.go' does not run: bad.go:")


def test_positions_follow_arrays_of_tables_and_multiline_strings() -> None:
    pos = Positions.of('a = 1\n[[ex]]\nb = """\nc = 2\n"""\nc = 3\n[[ex]]\nc = 4\n')
    assert pos.at("a") == (1, 5)
    assert pos.at("c", "ex", 0) == (6, 5)  # not the `c = 2` inside the string
    assert pos.at("c", "ex", 1) == (8, 5)
    assert pos.at("missing", "ex", 1) == (7, 1)  # the table's header


def test_grade_right_wrong_and_unparsable(tmp_path: Path, capsys) -> None:
    (tmp_path / "pack").mkdir()
    p = _pack(tmp_path / "pack", '''title = "One slice"
[[exercise]]
id = "slice"
snippet = "code/slice.go"
instructions = "Return no slice."
goal = "heap_allocs == 0"
''')
    subs = tmp_path / "subs"
    for who in ("alice", "bob", "carol"):
        (subs / who).mkdir(parents=True)
    (subs / "alice" / "slice.go").write_text(GOOD_GO)
    (subs / "bob" / "slice.go").write_text((tmp_path / "pack" / "code" / "slice.go").read_text())
    (subs / "carol" / "slice.go").write_text("package main\nfunc createSlice() []int {\n\treturn []int{1\n")
    (subs / "dave").mkdir()
    grades = grade(load_pack(p), subs)
    got = {a.name: a.results["slice"].status for a in grades.attendees}
    assert got == {"alice": MET, "bob": NOT_MET, "carol": ERROR, "dave": MISSING}
    carol = next(a for a in grades.attendees if a.name == "carol").results["slice"]
    assert carol.message is not None and carol.message.startswith("carol/slice.go:")
    bob = next(a for a in grades.attendees if a.name == "bob").results["slice"]
    assert bob.totals is not None and bob.totals["heap_allocs"] == 1

    assert main(["grade", str(p), str(subs), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {a["name"]: a["results"]["slice"]["status"] for a in data["attendees"]} == got
    assert [a["met"] for a in data["attendees"]] == [1, 0, 0, 0]
    assert main(["grade", str(p), str(subs)]) == 0
    table = capsys.readouterr().out
    rows = {line.split("│")[1].strip(): line for line in table.splitlines() if line.count("│") > 2}
    assert "✓" in rows["alice"] and "✗" in rows["bob"] and "!" in rows["carol"] and "·" in rows["dave"]
    assert "carol/slice.go:" in table  # the unparsable one, with its line


def test_one_file_per_attendee_matches_by_entry(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "erin.go").write_text(GOOD_GO)
    (subs / "frank.rs").write_text("fn create_vec() -> [i32; 3] { [1, 2, 3] }\nfn main() { create_vec(); }\n")
    grades = grade(load_pack(BLOG), subs)
    erin, frank = grades.attendees
    assert erin.results["go-return-slice"].status == MET
    assert frank.results["rust-return-vec"].status == MET
    assert sum(o.status != MISSING for o in erin.results.values()) == 1


@pytest.mark.parametrize("argv", [["grade", "nope.toml", "."], ["workshop", "nope.toml"]])
def test_missing_pack_is_one_line(argv, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("nope.toml:1:1: cannot read pack") and "\n" not in err
