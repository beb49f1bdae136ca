"""The built-in snippets: real .go/.rs files with a short metadata header.

A header is the run of `// key: value` comment lines at the top of the file:
title, entry, lesson, claim, truth (where the real toolchain disagrees with
the claim), pair (the twin in the other language), par (the score to beat)
and error (a snippet whose lesson is the compiler's refusal: the message
the real compiler and the front end give).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_HEADER = re.compile(r"^//\s*([a-z_]+)\s*:\s*(.*?)\s*$")
LANGUAGES = {".go": "go", ".rs": "rust"}


def assets_dir() -> Path:
    """`stackvsheap/assets` in an installed wheel, `assets/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for cand in (here / "assets", here.parent / "assets"):
        if (cand / "snippets").is_dir():
            return cand
    return here.parent / "assets"


@dataclass(frozen=True)
class Snippet:
    id: str
    language: str
    path: Path
    title: str
    entry: str | None
    lesson: str
    claim: str
    truth: str | None
    pair: str | None
    par: int | None
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    error: str | None = None

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")


def parse_header(text: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in text.splitlines():
        mt = _HEADER.match(line)
        if not mt:
            break
        meta[mt.group(1)] = mt.group(2)
    return meta


def snippet_from_path(path: Path, sid: str | None = None) -> Snippet:
    """A snippet for any .go/.rs file (a user's own file has no id)."""
    language = LANGUAGES.get(path.suffix)
    if language is None:
        raise ValueError(f"{path}: not a .go or .rs file")
    text = path.read_text(encoding="utf-8")
    meta = parse_header(text)
    par = meta.get("par")
    return Snippet(
        id=sid or str(path),
        language=language,
        path=path,
        title=meta.get("title", path.stem.replace("_", " ")),
        entry=meta.get("entry"),
        lesson=meta.get("lesson", "basics"),
        claim=meta.get("claim", ""),
        truth=meta.get("truth"),
        pair=meta.get("pair"),
        par=int(par) if par and par.isdigit() else None,
        meta=meta,
        error=meta.get("error"),
    )


@lru_cache(maxsize=1)
def catalog() -> dict[str, Snippet]:
    """Every built-in snippet by id (`go/sum_value`), Go first, then Rust."""
    out: dict[str, Snippet] = {}
    root = assets_dir() / "snippets"
    for lang_dir, suffix in (("go", ".go"), ("rust", ".rs")):
        for path in sorted((root / lang_dir).glob(f"*{suffix}")):
            sid = f"{lang_dir}/{path.stem}"
            out[sid] = snippet_from_path(path, sid)
    return out


def resolve(ref: str, root: Path | None = None) -> Snippet:
    """A snippet id or a path to a .go/.rs file (relative to `root`, a level
    or pack file's folder, when given). Raises FileNotFoundError with a
    clear message."""
    cat = catalog()
    if ref in cat:
        return cat[ref]
    p = Path(ref) if root is None else root / ref
    if p.suffix in LANGUAGES:
        if not p.is_file():
            raise FileNotFoundError("no such file")
        return snippet_from_path(p)
    raise FileNotFoundError(
        "not a snippet id (see `stackvsheap list`) or a .go/.rs file"
    )
