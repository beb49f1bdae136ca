"""The campaign: levels as data in `assets/levels/*.toml`.

A level names its code (a built-in snippet id such as `go/gc_churn`, or a file
under `assets/levels/`), a goal over the trace totals (`game.goals.Goal`), a par
and its place in the order. Fix-it levels also name an intended solution, which
the tests prove meets the goal while the starting code does not. A malformed
file is reported as one `FILE:LINE:COL: message` and skipped."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .goals import Goal, GoalError
from .snippets import Snippet, assets_dir, catalog, snippet_from_path

#: The keys a level file may set, with their TOML types.
_FIELDS: dict[str, tuple[type, ...]] = {
    "order": (int,), "title": (str,), "brief": (str,), "code": (str,), "solution": (str,),
    "goal": (str,), "par": (int,), "predict": (bool,), "fixit": (bool,), "pair": (str,),
}
_TYPE_NAMES = {int: "an integer", str: "a string", bool: "true or false"}
_REQUIRED = ("order", "title", "code", "goal", "par")
# tomllib's messages end in "(at line L, column C)" on Python < 3.14 (no attributes yet).
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def levels_dir() -> Path:
    return assets_dir() / "levels"


class LevelError(ValueError):
    """A level file that cannot be used: `FILE:LINE:COL: message`."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{col}: {message}")
        self.file, self.line, self.col, self.message = file, line, col, message


@dataclass(frozen=True)
class Level:
    id: str
    order: int
    title: str
    brief: str
    snippet: Snippet            # the starting code (what the player plays or fixes)
    solution: Snippet           # the intended solution (the starting code itself unless fix-it)
    goal: Goal
    par: int
    predict: bool = False       # open the play screen in predict mode
    fixit: bool = False         # the player must edit the code to meet the goal
    pair: str | None = None     # the id of the twin level in the other language

    @property
    def language(self) -> str:
        return self.snippet.language

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "order": self.order, "title": self.title, "language": self.language,
            "goal": self.goal.text, "goal_totals": self.goal.names(), "par": self.par,
            "predict": self.predict, "fixit": self.fixit, "pair": self.pair,
            "snippet": _ref(self.snippet), "solution": _ref(self.solution) if self.fixit else None,
            "brief": self.brief,
        }


def _ref(snippet: Snippet) -> str:
    """A snippet id, or the file's path relative to the assets."""
    if snippet.id != str(snippet.path):
        return snippet.id
    try:
        return snippet.path.relative_to(assets_dir()).as_posix()
    except ValueError:
        return str(snippet.path)


@dataclass(frozen=True)
class Campaign:
    """The levels in order, and one line per file that was skipped."""

    levels: tuple[Level, ...]
    problems: tuple[str, ...] = ()

    def get(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def index(self, level_id: str) -> int:
        return next(i for i, lv in enumerate(self.levels) if lv.id == level_id)


def load_levels(directory: Path | None = None) -> Campaign:
    """Every `*.toml` level in `directory` (default: the built-in campaign),
    sorted by `order`; malformed files land in `problems`, never raise."""
    root = directory or levels_dir()
    levels: list[Level] = []
    problems: list[str] = []
    for path in sorted(root.glob("*.toml")):
        try:
            levels.append(parse_level(path, root))
        except LevelError as e:
            problems.append(str(e))
    levels.sort(key=lambda lv: (lv.order, lv.id))
    by_id = {lv.id: lv for lv in levels}
    for lv in levels:  # a twin must exist, in the other language
        twin = by_id.get(lv.pair) if lv.pair else None
        if lv.pair and (twin is None or twin.language == lv.language):
            problems.append(f"{lv.id}.toml:1:1: pair '{lv.pair}' is not a level in the other language")
    return Campaign(tuple(levels), tuple(problems))


def parse_level(path: Path, root: Path | None = None) -> Level:
    root = root or path.parent
    display = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LevelError(display, 1, 1, f"cannot read level file: {e}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        line = getattr(e, "lineno", None)
        col = getattr(e, "colno", None)
        m = _AT.search(msg)
        if m:
            msg = msg[: m.start()]
            line, col = line or int(m.group(1)), col or int(m.group(2))
        raise LevelError(display, line or 1, col or 1, msg) from None

    def where(key: str) -> tuple[int, int]:
        """The line and column of `key = value`'s value (1-based)."""
        pat = re.compile(rf"^\s*{re.escape(key)}\s*=\s*", re.M)
        m = pat.search(text)
        if not m:
            return 1, 1
        line = text.count("\n", 0, m.end()) + 1
        return line, m.end() - (text.rfind("\n", 0, m.end()) + 1) + 1

    def fail(key: str, message: str, extra_col: int = 0) -> LevelError:
        line, col = where(key)
        return LevelError(display, line, col + extra_col, message)

    for key, value in data.items():
        if key not in _FIELDS:
            raise fail(key, f"unknown key '{key}' (known: {', '.join(_FIELDS)})")
        if type(value) not in _FIELDS[key]:
            raise fail(key, f"'{key}' must be {_TYPE_NAMES[_FIELDS[key][0]]}")
    for key in _REQUIRED:
        if key not in data:
            raise LevelError(display, 1, 1, f"missing required key '{key}'")
    try:
        goal = Goal.parse(data["goal"])
    except GoalError as e:
        raise fail("goal", e.message, extra_col=e.col) from None  # the value's column is its quote
    if data["par"] <= 0:
        raise fail("par", "par must be a positive score")
    try:
        snippet = _snippet(data["code"], root)
    except ValueError as e:
        raise fail("code", str(e)) from None
    fixit = data.get("fixit", False)
    solution = snippet
    if "solution" in data:
        try:
            solution = _snippet(data["solution"], root)
        except ValueError as e:
            raise fail("solution", str(e)) from None
        if solution.language != snippet.language:
            raise fail("solution", "the solution must be in the starting code's language")
    elif fixit:
        raise LevelError(display, 1, 1, "a fix-it level needs a 'solution'")
    return Level(
        id=path.stem, order=data["order"], title=data["title"], brief=data.get("brief", ""),
        snippet=snippet, solution=solution, goal=goal, par=data["par"],
        predict=data.get("predict", False), fixit=fixit, pair=data.get("pair"),
    )


def _snippet(ref: str, root: Path) -> Snippet:
    """A built-in snippet id, or a .go/.rs path relative to the levels directory."""
    cat = catalog()
    if ref in cat:
        return cat[ref]
    path = (root / ref).resolve()
    if path.suffix not in (".go", ".rs"):
        raise ValueError(f"'{ref}' is not a snippet id or a .go/.rs file")
    if not path.is_file():
        raise ValueError(f"no such file '{ref}'")
    return snippet_from_path(path)


@dataclass(frozen=True)
class Check:
    """One run of some code against a level's goal."""

    met: bool
    totals: dict[str, int]

    @property
    def score(self) -> int:
        return self.totals["score"]


def check_code(level: Level, source: str, display: str) -> Check:
    """Run `source` as the level's code (its language, its entry) headless.
    Raises `loading.LoadError` (`FILE:LINE:COL: message`) on bad code."""
    from .loading import load_source, run_loaded

    result = run_loaded(load_source(source, display, level.snippet), getattr(level, "entry", None))
    totals = result.totals.to_json()
    return Check(level.goal.check(totals), totals)
