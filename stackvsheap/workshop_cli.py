"""The workshop commands: `pack check`, `grade` and `workshop`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .game.loading import LoadError


def cmd_pack_check(args: argparse.Namespace) -> int:
    from .game.packs import check_pack

    report = check_pack(args.pack)
    for e in report.errors:
        print(str(e), file=sys.stderr)
    if report.pack is None:
        return 2
    n = len(report.pack.exercises)
    print(f"{args.pack}: ok, {n} exercise{'s' if n != 1 else ''} ({report.pack.title})")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from .game.grading import grade

    pack = _load(args.pack)
    if not args.dir.is_dir():
        raise LoadError(f"{args.dir}:1:1: not a folder of attendees' solutions")
    grades = grade(pack, args.dir)
    if args.json:
        json.dump(grades.to_json(), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    _print_grades(grades)
    return 0


def _print_grades(grades: Any) -> None:
    """One column per exercise, numbered, with a legend: fits 80 columns."""
    from rich.console import Console
    from rich.table import Table

    from .game.grading import ERROR, MET, MISSING

    console = Console()
    exercises = grades.pack.exercises
    table = Table(title=f"{grades.pack.title}: goals met", title_justify="left")
    table.add_column("attendee", overflow="fold")
    for i, _ in enumerate(exercises, 1):
        table.add_column(str(i), justify="center")
    table.add_column("met", justify="right")
    marks = {MET: "[green]✓[/]", MISSING: "[dim]·[/]", ERROR: "[red]![/]"}
    problems: list[str] = []
    for a in grades.attendees:
        cells = []
        for ex in exercises:
            o = a.results[ex.id]
            cells.append(marks.get(o.status, "[yellow]✗[/]"))
            if o.message:
                problems.append(o.message)
        table.add_row(a.name, *cells, f"{a.met}/{len(exercises)}")
        problems.extend(a.notes)
    console.print(table)
    console.print("✓ goal met · ✗ not met · ! does not parse or run · · no solution")
    for i, ex in enumerate(exercises, 1):
        console.print(f"{i:>2} {ex.id}: {ex.goal.text}", markup=False, highlight=False)
    for p in problems:
        console.print(p, markup=False, highlight=False)


def cmd_workshop(args: argparse.Namespace) -> int:
    pack = _load(args.pack)
    try:
        from .ui.app import run_app
    except ImportError:
        raise LoadError("stackvsheap:1:1: the game screen is not installed in this build") from None
    return run_app(target=None, workshop=pack)


def _load(path: Path) -> Any:
    from .game.packs import PackError, load_pack

    try:
        return load_pack(path)
    except PackError as e:
        raise LoadError(str(e)) from None


def add_commands(sub: Any) -> None:
    pk = sub.add_parser("pack", help="workshop packs: `pack check PACK.toml`")
    pk_sub = pk.add_subparsers(dest="pack_command", required=True)
    chk = pk_sub.add_parser("check", help="validate a pack; every error as FILE:LINE:COL")
    chk.add_argument("pack", type=Path, metavar="PACK.toml")
    chk.set_defaults(func=cmd_pack_check)
    gr = sub.add_parser("grade", help="grade attendees' edited snippets against a pack's goals")
    gr.add_argument("pack", type=Path, metavar="PACK.toml")
    gr.add_argument("dir", type=Path, metavar="DIR",
                    help="one subfolder (or .go/.rs file) per attendee")
    gr.add_argument("--json", action="store_true", help="machine-readable output")
    gr.set_defaults(func=cmd_grade)
    ws = sub.add_parser("workshop", help="run a pack's exercises in the game")
    ws.add_argument("pack", type=Path, metavar="PACK.toml")
    ws.set_defaults(func=cmd_workshop)
