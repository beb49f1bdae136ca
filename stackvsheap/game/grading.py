"""`stackvsheap grade PACK DIR`: attendees' edited snippets against a pack's goals.

DIR holds one subfolder per attendee, with files named after the exercises'
snippets (`sum_value.go`) or their ids (`sum-value.go`); or one file per
attendee (`alice.go`), which is graded against the pack's only exercise in
that language. An attendee's file that does not parse or run is reported
with its `file:line:col`, and grading goes on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .packs import Exercise, Pack

SUFFIX = {"go": ".go", "rust": ".rs"}
MET, NOT_MET, ERROR, MISSING = "met", "not met", "error", "missing"


@dataclass(frozen=True)
class Outcome:
    status: str                      # MET, NOT_MET, ERROR or MISSING
    file: str | None = None          # relative to DIR
    message: str | None = None       # the error, `file:line:col: message`
    totals: dict[str, int] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "file": self.file, "message": self.message,
                "totals": self.totals}


@dataclass
class Attendee:
    name: str
    results: dict[str, Outcome] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # files that match no exercise

    @property
    def met(self) -> int:
        return sum(o.status == MET for o in self.results.values())


@dataclass
class Grades:
    pack: Pack
    attendees: list[Attendee]

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack.title,
            "exercises": [{"id": e.id, "title": e.title, "goal": e.goal.text} for e in self.pack.exercises],
            "attendees": [
                {"name": a.name, "met": a.met, "of": len(self.pack.exercises),
                 "results": {k: o.to_json() for k, o in a.results.items()}, "notes": a.notes}
                for a in self.attendees
            ],
        }


def grade(pack: Pack, root: Path) -> Grades:
    """Every attendee under `root`, sorted by name."""
    attendees: list[Attendee] = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            attendees.append(_grade_folder(pack, entry, root))
        elif entry.suffix in SUFFIX.values():
            attendees.append(_grade_file(pack, entry, root))
    return Grades(pack, attendees)


def _grade_folder(pack: Pack, folder: Path, root: Path) -> Attendee:
    who = Attendee(folder.name)
    files = {p.name: p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIX.values()}
    used: set[str] = set()
    for ex in pack.exercises:
        suffix = SUFFIX[ex.language]
        names = (ex.snippet.path.name, ex.id + suffix)
        match = next((files[n] for n in names if n in files and files[n].suffix == suffix), None)
        if match is None:
            who.results[ex.id] = Outcome(MISSING)
            continue
        used.add(match.name)
        who.results[ex.id] = grade_file(ex, match, root)
    for name in sorted(set(files) - used):
        who.notes.append(f"{folder.name}/{name}: matches no exercise (name it after one: "
                         + ", ".join(ex.snippet.path.name for ex in pack.exercises) + ")")
    return who


def _grade_file(pack: Pack, path: Path, root: Path) -> Attendee:
    """One file for an attendee: the exercise in its language, or the one
    whose entry function it defines when the pack has several."""
    who = Attendee(path.stem)
    for ex in pack.exercises:
        who.results[ex.id] = Outcome(MISSING)
    candidates = [ex for ex in pack.exercises if SUFFIX[ex.language] == path.suffix]
    if len(candidates) > 1:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        keyword = "func" if path.suffix == ".go" else "fn"
        candidates = [ex for ex in candidates if ex.entry and re.search(
            rf"\b{keyword}\s+{re.escape(ex.entry)}\s*[(<]", text)] or candidates
    if len(candidates) == 1:
        who.results[candidates[0].id] = grade_file(candidates[0], path, root)
    else:
        who.notes.append(f"{path.name}: matches {len(candidates)} exercises; put each solution "
                         "in a folder named after the attendee, named after its snippet")
    return who


def grade_file(ex: Exercise, path: Path, root: Path) -> Outcome:
    """Run one solution as the exercise's snippet (its language and entry)."""
    from .levels import check_code
    from .loading import LoadError

    rel = path.relative_to(root).as_posix()
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return Outcome(ERROR, rel, f"{rel}:1:1: cannot read file: {e}")
    try:
        check = check_code(ex, source, rel)  # the same run and goal check as a level's
    except LoadError as e:
        return Outcome(ERROR, rel, str(e))
    except Exception as e:  # a front-end or simulator bug must not stop the grading
        return Outcome(ERROR, rel, f"{rel}:1:1: internal error: {type(e).__name__}: {e}")
    return Outcome(MET if check.met else NOT_MET, rel, None, check.totals)
