"""The campaign: levels as data in `assets/levels/*.toml`.

A level names its code (a built-in snippet id such as `go/gc_churn`, or a file
under `assets/levels/`), a goal over the trace totals (`game.goals.Goal`), a par
and its place in the order. Fix-it levels also name an intended solution, which
the tests prove meets the goal while the starting code does not. A malformed
file is reported as one `FILE:LINE:COL: message` and skipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .goals import Goal, GoalError
from .snippets import Snippet, assets_dir, resolve
from .tomldata import DataError, Positions, check_types, decode

#: The keys a level file may set, with their TOML types.
_FIELDS: dict[str, tuple[type, ...]] = {
    "order": (int,), "title": (str,), "brief": (str,), "code": (str,), "solution": (str,),
    "goal": (str,), "par": (int,), "predict": (bool,), "fixit": (bool,), "pair": (str,),
}
_REQUIRED = ("order", "title", "code", "goal", "par")

#: A level file that cannot be used: `FILE:LINE:COL: message`.
LevelError = DataError


def levels_dir() -> Path:
    return assets_dir() / "levels"


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
    entry: str | None = None    # the function to run: the code's declared entry

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
    data = decode(text, display)
    positions = Positions.of(text)

    def fail(key: str | None, message: str, col_offset: int = 0) -> None:
        line, col = positions.at(key)
        raise LevelError(display, line, col + col_offset, message)

    check_types(data, _FIELDS, _REQUIRED, fail)
    try:
        goal = Goal.parse(data["goal"])
    except GoalError as e:
        fail("goal", e.message, e.col)  # the value's column is its opening quote
    if data["par"] <= 0:
        fail("par", "par must be a positive score")
    snippet = _snippet(data, "code", root, fail)
    fixit = data.get("fixit", False)
    solution = snippet
    if "solution" in data:
        solution = _snippet(data, "solution", root, fail)
        if solution.language != snippet.language:
            fail("solution", "the solution must be in the starting code's language")
    elif fixit:
        fail(None, "a fix-it level needs a 'solution'")
    return Level(
        id=path.stem, order=data["order"], title=data["title"], brief=data.get("brief", ""),
        snippet=snippet, solution=solution, goal=goal, par=data["par"],
        predict=data.get("predict", False), fixit=fixit, pair=data.get("pair"),
    )


def _snippet(data: dict[str, Any], key: str, root: Path, fail: Any) -> Snippet:
    """A built-in snippet id, or a .go/.rs path relative to the levels directory."""
    ref = data[key]
    try:
        return resolve(ref, root)
    except (FileNotFoundError, ValueError) as e:
        fail(key, f"{ref}: {e}")
        raise  # not reached: fail raises


@dataclass(frozen=True)
class Check:
    """One run of some code against a level's goal."""

    met: bool
    totals: dict[str, int]

    @property
    def score(self) -> int:
        return self.totals["score"]


def check_code(level: Any, source: str, display: str) -> Check:
    """Run `source` as the code of `level` (a `Level`, or anything with its
    snippet, entry and goal: a workshop exercise) headless. Raises
    `loading.LoadError` (`FILE:LINE:COL: message`) on bad code."""
    from .loading import load_source, run_loaded

    result = run_loaded(load_source(source, display, level.snippet), level.entry)
    totals = result.totals.to_json()
    return Check(level.goal.check(totals), totals)
