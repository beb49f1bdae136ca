"""Data files in TOML (levels, workshop packs) with errors at their line.

`tomllib` reports syntax errors with a position but gives none for values,
so `Positions` finds where each `key = value` sits, table by table (also in
arrays of tables, `[[exercise]]`), to report a bad value as
`FILE:LINE:COL: message` at the value itself."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

# tomllib's messages end in "(at line L, column C)" on Python < 3.14.
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=\s*")

TYPE_NAMES = {int: "an integer", str: "a string", bool: "true or false", list: "a list",
              float: "a number"}


class DataError(ValueError):
    """`FILE:LINE:COL: message`."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{col}: {message}")
        self.file, self.line, self.col, self.message = file, line, col, message


def decode(text: str, display: str) -> dict[str, Any]:
    """Parse TOML; a syntax error raises `DataError` at its line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        line, col = getattr(e, "lineno", None), getattr(e, "colno", None)
        m = _AT.search(msg)
        if m:
            msg = msg[: m.start()]
            line, col = line or int(m.group(1)), col or int(m.group(2))
        raise DataError(display, line or 1, col or 1, msg) from None


@dataclass
class Positions:
    """Where each table starts and each key's value sits (1-based line, col).

    Keyed by `(table, index, key)`: `("", 0, "title")` at the top level,
    `("exercise", 2, "goal")` in the third `[[exercise]]`."""

    tables: dict[tuple[str, int], int] = field(default_factory=dict)
    values: dict[tuple[str, int, str], tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Positions:
        pos = cls()
        table, index = "", 0
        counts: dict[str, int] = {}
        in_string: str | None = None  # the quote of an open multi-line string
        for n, line in enumerate(text.splitlines(), 1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                table = header.group(2).strip().strip("\"'")
                if header.group(1) == "[[":
                    index = counts.get(table, -1) + 1
                    counts[table] = index
                else:
                    index = 0
                pos.tables[(table, index)] = n
                continue
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip('"')
                pos.values.setdefault((table, index, name), (n, key.end() + 1))
                rest = line[key.end():]
                for quote in ('"""', "'''"):
                    if rest.startswith(quote) and rest.count(quote) == 1:
                        in_string = quote
        return pos

    def at(self, key: str | None, table: str = "", index: int = 0) -> tuple[int, int]:
        """The value of `key` in that table, else the table's header, else 1:1."""
        if key is not None and (table, index, key) in self.values:
            return self.values[(table, index, key)]
        return (self.tables.get((table, index), 1), 1)


def check_types(
    data: dict[str, Any], fields: dict[str, tuple[type, ...]], required: tuple[str, ...],
    fail: Any,
) -> None:
    """Unknown keys, wrong types and missing keys, each through
    `fail(key_or_None, message)`, which raises or collects."""
    for key, value in data.items():
        if key not in fields:
            fail(key, f"unknown key '{key}' (known: {', '.join(fields)})")
        elif type(value) not in fields[key]:
            fail(key, f"'{key}' must be {TYPE_NAMES.get(fields[key][0], fields[key][0].__name__)}")
    for key in required:
        if key not in data:
            fail(None, f"missing required key '{key}'")
