"""Workshop packs: one TOML file plus the snippet files it names.

    title = "Stack vs heap"
    about = "Markdown shown before the first exercise"

    [[exercise]]
    id = "sum-value"                  # optional: the snippet's file stem
    title = "Sum two values"
    snippet = "code/sum_value.go"     # relative to the pack, or a built-in id
    entry = "sumValue"                # optional: the snippet header's entry
    instructions = \"\"\"Markdown\"\"\"
    goal = "heap_allocs == 0"         # over the `trace` totals (game.goals)
    hints = ["first hint", "second hint"]
    minutes = 10                      # optional time box

`check_pack` reports every problem as `FILE:LINE:COL: message`; `grade`
runs attendees' edited snippets headless against the goals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .goals import Goal, GoalError
from .snippets import Snippet, resolve
from .tomldata import DataError, Positions, check_types, decode

_TOP: dict[str, tuple[type, ...]] = {"title": (str,), "about": (str,), "exercise": (list,)}
_EXERCISE: dict[str, tuple[type, ...]] = {
    "id": (str,), "title": (str,), "snippet": (str,), "entry": (str,), "instructions": (str,),
    "goal": (str,), "hints": (list,), "minutes": (int, float), "par": (int,),
}
_EXERCISE_REQUIRED = ("snippet", "goal", "instructions")


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    snippet: Snippet
    instructions: str
    goal: Goal
    hints: tuple[str, ...] = ()
    minutes: float | None = None
    entry: str | None = None
    par: int | None = None

    # Played like a fix-it level (ui/app.py), but its progress stays in the session.
    fixit = True
    predict = False
    saved = False

    @property
    def language(self) -> str:
        return self.snippet.language


@dataclass(frozen=True)
class Pack:
    title: str
    path: Path
    exercises: tuple[Exercise, ...]
    about: str = ""

    def get(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)


@dataclass
class PackReport:
    """The pack (None when it cannot be used) and every problem found."""

    pack: Pack | None
    errors: list[DataError] = field(default_factory=list)


class PackError(ValueError):
    """A pack that cannot be used: its problems, one `FILE:LINE:COL: message` a line."""

    def __init__(self, errors: list[DataError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def load_pack(path: Path) -> Pack:
    """The pack at `path`, or `PackError` with every problem."""
    report = check_pack(path)
    if report.errors or report.pack is None:
        raise PackError(report.errors)
    return report.pack


def check_pack(path: Path, *, run_snippets: bool = True) -> PackReport:
    """Validate a pack: TOML syntax, keys and types, goals, snippet files
    and (with `run_snippets`) that each snippet parses and runs."""
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return PackReport(None, [DataError(display, 1, 1, f"cannot read pack: {e}")])
    try:
        data = decode(text, display)
    except DataError as e:
        return PackReport(None, [e])
    pos = Positions.of(text)
    errors: list[DataError] = []

    def failer(table: str, index: int):  # type: ignore[no-untyped-def]
        def fail(key: str | None, message: str, col_offset: int = 0) -> None:
            line, col = pos.at(key, table, index)
            errors.append(DataError(display, line, col + col_offset, message))
        return fail

    top = failer("", 0)
    check_types(data, _TOP, ("title", "exercise"), top)
    raw = data.get("exercise") if isinstance(data.get("exercise"), list) else []
    if "exercise" in data and not raw:
        top("exercise", "a pack needs at least one [[exercise]]")
    exercises: list[Exercise] = []
    seen: dict[str, int] = {}
    for i, ex in enumerate(raw):
        fail = failer("exercise", i)
        if not isinstance(ex, dict):
            fail(None, "each exercise must be a [[exercise]] table")
            continue
        built = _exercise(ex, path.parent, fail, run_snippets)
        if built is None:  # its problems are reported
            continue
        if built.id in seen:
            fail("id" if "id" in ex else "snippet",
                 f"exercise id '{built.id}' is used twice (first in exercise {seen[built.id] + 1})")
            continue
        seen[built.id] = i
        exercises.append(built)
    if errors:
        return PackReport(None, errors)
    pack = Pack(title=data["title"], path=path, exercises=tuple(exercises), about=data.get("about", ""))
    return PackReport(pack, [])


def _exercise(ex: dict[str, Any], root: Path, fail: Any, run_snippets: bool) -> Exercise | None:
    """The exercise, or None after reporting every problem found in it."""
    problems: list[str] = []

    def report(key: str | None, message: str, col: int = 0) -> None:
        problems.append(message)
        fail(key, message, col)

    check_types(ex, _EXERCISE, _EXERCISE_REQUIRED, report)
    ok = {k: v for k, v in ex.items() if k in _EXERCISE and type(v) in _EXERCISE[k]}
    hints = ok.get("hints", [])
    if not all(isinstance(h, str) for h in hints):
        report("hints", "'hints' must be a list of strings")
    if "minutes" in ok and not ok["minutes"] > 0:
        report("minutes", "'minutes' must be above 0")
    goal = None
    if "goal" in ok:
        try:
            goal = Goal.parse(ok["goal"])
        except GoalError as e:
            report("goal", e.message, e.col)  # the value's column is its opening quote
    snippet = None
    if "snippet" in ok:
        try:
            snippet = resolve(ok["snippet"], root)
        except (FileNotFoundError, ValueError, OSError, UnicodeDecodeError) as e:
            report("snippet", f"snippet '{ok['snippet']}': {e}")
    entry = ok.get("entry") or (snippet.entry if snippet else None)
    if snippet is not None and run_snippets:
        problem = snippet_problem(snippet, entry)
        if problem is not None:
            report("snippet", f"snippet '{ok['snippet']}' does not run: {problem}")
    if problems or snippet is None or goal is None:
        return None
    return Exercise(
        id=ok.get("id") or snippet.path.stem, title=ok.get("title") or snippet.title,
        snippet=snippet, instructions=ok["instructions"], goal=goal,
        hints=tuple(hints), minutes=ok.get("minutes"), entry=entry, par=ok.get("par") or snippet.par,
    )


def snippet_problem(snippet: Snippet, entry: str | None) -> str | None:
    """Why the snippet cannot be traced (`file:line:col: message`), or None."""
    from .loading import LoadError, load_source, run_loaded

    try:
        run_loaded(load_source(snippet.source, snippet.path.name, snippet), entry)
    except LoadError as e:
        return str(e)
    return None
