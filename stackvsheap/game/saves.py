"""Saved progress: which levels are done, best scores, stars and solutions.

One JSON file under the user data directory (`platformdirs`), or `--data-dir`.
Writes are atomic: a temporary file in the same directory, fsync, `os.replace`,
so a crash mid-write leaves the old save whole. A save that cannot be read is
moved aside (never overwritten: the backup gets a fresh name), the player is
told once through `notice`, and the game starts fresh."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SAVE_NAME = "progress.json"
FORMAT = 1


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("stackvsheap", appauthor=False))


@dataclass
class LevelRecord:
    best_score: int
    stars: int
    solution: str | None = None  # the player's code that met the goal (fix-it levels)


class SaveError(ValueError):
    """The save file's content is not a save."""


@dataclass
class Progress:
    path: Path
    records: dict[str, LevelRecord] = field(default_factory=dict)
    notice: str | None = None  # set once, when a broken save was moved aside
    writable: bool = True      # False when a broken save could not be moved: never overwrite it

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> Progress:
        path = Path(data_dir or default_data_dir()) / SAVE_NAME
        if not path.exists():
            return cls(path)
        try:
            records = _parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            try:
                backup = _move_aside(path)
            except OSError as move_error:
                return cls(path, writable=False, notice=(
                    f"{path}:1:1: the save could not be read ({e}) nor moved aside "
                    f"({move_error}); progress is not saved this session"
                ))
            return cls(path, notice=(
                f"{path}:1:1: the save could not be read ({e}); "
                f"it was moved to {backup.name} and the game starts fresh"
            ))
        return cls(path, records)

    def completed(self, level_id: str) -> bool:
        return level_id in self.records

    def unlocked(self, level_ids: Sequence[str], level_id: str) -> bool:
        """The first level, and any level whose predecessor is completed."""
        i = list(level_ids).index(level_id)
        return i == 0 or self.completed(level_ids[i - 1])

    def record_result(
        self, level_id: str, score: int, stars: int, solution_text: str | None = None,
    ) -> bool:
        """A run that met `level_id`'s goal: keep the best score and stars and
        the latest solution, and save. True if this improved the best."""
        old = self.records.get(level_id)
        improved = old is None or score > old.best_score
        rec = LevelRecord(
            best_score=max(score, old.best_score) if old else score,
            stars=max(stars, old.stars) if old else stars,
            solution=solution_text if solution_text is not None else (old.solution if old else None),
        )
        self.records[level_id] = rec
        self.save()
        return improved

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "levels": {k: asdict(v) for k, v in sorted(self.records.items())}}

    def save(self) -> None:
        if not self.writable:
            return
        atomic_write(self.path, json.dumps(self.to_json(), indent=1) + "\n")


def _parse(text: str) -> dict[str, LevelRecord]:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(f"not a format-{FORMAT} save")
    levels = data.get("levels")
    if not isinstance(levels, dict):
        raise SaveError("no 'levels' table")
    out: dict[str, LevelRecord] = {}
    for lid, rec in levels.items():
        if not isinstance(rec, dict):
            raise SaveError(f"level '{lid}' is not a record")
        score, stars, sol = rec.get("best_score"), rec.get("stars"), rec.get("solution")
        if type(score) is not int or type(stars) is not int or not (sol is None or isinstance(sol, str)):
            raise SaveError(f"level '{lid}' has a malformed record")
        out[str(lid)] = LevelRecord(score, stars, sol)
    return out


def _move_aside(path: Path) -> Path:
    """Rename the unreadable save to a name nothing else uses."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    n = 0
    while True:
        backup = path.with_name(f"{path.name}.broken-{stamp}" + (f"-{n}" if n else ""))
        if not backup.exists():
            break
        n += 1
    os.replace(path, backup)
    return backup


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new
    one, never half of either."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
