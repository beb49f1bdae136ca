"""`stackvsheap record`: one SVG screenshot of the play screen per step.

The app runs headless and frozen (no animation, no spinner, no cursor
blink), is driven to each step in turn, and exports the screen as Rich
renders it; nothing on screen depends on the clock, so two recordings of
the same snippet at the same size are byte-identical. `index.json` lists the
frames with their step and source line, for slides and docs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..game.loading import LoadError

#: Without --steps, a run longer than this asks for a range instead of
#: writing a million files.
MAX_DEFAULT_FRAMES = 2_000


@dataclass(frozen=True)
class Plan:
    target: str
    out: Path
    size: tuple[int, int] = (120, 40)
    steps: tuple[int, int | None] | None = None  # (first, last), last None = the end
    png: bool = False
    entry: str | None = None


def parse_size(text: str) -> tuple[int, int]:
    """`WIDTHxHEIGHT`, at least the 80x24 the screens are laid out for."""
    from .app import MIN_HEIGHT, MIN_WIDTH

    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"expected WIDTHxHEIGHT such as 120x40, not {text!r}") from None
    if w < MIN_WIDTH or h < MIN_HEIGHT or w > 1000 or h > 500:
        raise ValueError(f"the size must be from {MIN_WIDTH}x{MIN_HEIGHT} to 1000x500, not {text}")
    return w, h


def parse_steps(text: str) -> tuple[int, int | None]:
    """`A:B` (both included), `A:` to the end, or a single step `A`."""
    a, sep, b = text.partition(":")
    try:
        first = int(a) if a.strip() else 0
        last = (int(b) if b.strip() else None) if sep else first
    except ValueError:
        raise ValueError(f"expected A:B step numbers, not {text!r}") from None
    if first < 0 or (last is not None and last < first):
        raise ValueError(f"the step range {text} is empty or negative")
    return first, last


def png_converter() -> Callable[[Path, Path], None] | None:
    """SVG -> PNG through rsvg-convert or cairosvg, whichever is present."""
    exe = shutil.which("rsvg-convert")
    if exe is not None:
        def rsvg(svg: Path, png: Path) -> None:
            subprocess.run([exe, "-o", str(png), str(svg)], check=True, capture_output=True)
        return rsvg
    try:
        import cairosvg  # type: ignore[import-not-found]
    except ImportError:
        return None

    def cairo(svg: Path, png: Path) -> None:
        cairosvg.svg2png(url=str(svg), write_to=str(png))
    return cairo


def record(plan: Plan, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Write the frames and index.json; returns the index. Bad input raises
    `LoadError` with a `file:line:col: message`."""
    from ..game.session import GameSession

    # A bad snippet fails here (a `LoadError`), before any file is written.
    session = GameSession.load(plan.target, plan.entry)
    n = session.n_steps
    first, last = plan.steps if plan.steps is not None else (0, None)
    if plan.steps is None and n + 1 > MAX_DEFAULT_FRAMES:
        raise LoadError(
            f"{session.display}:1:1: the run has {n:,} steps; choose the frames with "
            f"--steps A:B (without it, at most {MAX_DEFAULT_FRAMES:,} frames are written)")
    last = n if last is None else min(last, n)
    if first > n:
        raise LoadError(f"{session.display}:1:1: step {first:,} is past the end ({n:,} steps)")
    convert = png_converter() if plan.png else None
    if plan.png and convert is None:
        raise LoadError("record:1:1: --png needs rsvg-convert (librsvg2-bin) or cairosvg")
    plan.out.mkdir(parents=True, exist_ok=True)
    frames: list[dict[str, Any]] = []
    app = _recording_app(session)
    total = last - first + 1

    async def drive(pilot: Any) -> None:
        from .app import LoadingScreen

        while isinstance(app.screen, LoadingScreen) or not app.screen.query("PlayPane"):
            if isinstance(app.screen, LoadingScreen) and app.screen.error is not None:
                raise LoadError(app.screen.error)
            await pilot.pause(0.02)
        pane = app.screen.query_one("PlayPane")
        for i, k in enumerate(range(first, last + 1)):
            pane.goto(k)
            await pilot.pause()
            await pilot.pause()
            name = f"step-{k:07d}.svg"
            svg = stable_ids(app.export_screenshot(title=f"stackvsheap · {session.snippet_id} · step {k}"))
            _write(plan.out / name, svg)
            frame: dict[str, Any] = {"step": k, "line": session.current_line(), "svg": name}
            if convert is not None:
                png = name[:-4] + ".png"
                convert(plan.out / name, plan.out / png)
                frame["png"] = png
            frames.append(frame)
            if progress is not None:
                progress(i + 1, total)
        app.exit(0)

    app.run(headless=True, size=plan.size, auto_pilot=drive)
    index = {
        "snippet": session.snippet_id, "file": session.display, "language": "go" if session.go else "rust",
        "entry": session.entry, "size": list(plan.size), "steps": n, "frames": frames,
    }
    _write(plan.out / "index.json", json.dumps(index, indent=1) + "\n")
    return index


def stable_ids(svg: str) -> str:
    """Rich names an SVG's CSS classes after a checksum of its segments'
    reprs, which carry per-process widget ids; name them after the drawing."""
    m = re.search(r"terminal-\d+", svg)
    if m is None:
        return svg
    drawing = svg.replace(m.group(0), "terminal-ID")
    return drawing.replace("terminal-ID", f"terminal-{zlib.adler32(drawing.encode())}")


def _recording_app(session: Any) -> Any:
    """The real app, frozen, playing the already-loaded `session`."""
    from .app import make_app

    app = make_app(session.snippet_id, frozen=True)
    app.load_session = lambda ref, entry=None: session  # type: ignore[method-assign]
    return app


def _write(path: Path, text: str) -> None:
    """Atomically: a reader never sees half a frame."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def stderr_progress(done: int, total: int) -> None:
    """A one-line counter on stderr (a terminal only), for long recordings."""
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\rrecording frame {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)
