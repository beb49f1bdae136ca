"""The `stackvsheap` command: the game, `list`, `trace`, `play`, `record`, and the
campaign's `levels`, `check-level` and `scores`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .game.loading import Loaded, LoadError, load, run_loaded, trace_json

EXIT_ERROR = 2
AUTOPLAY_SPEED = 4.0  # steps per second when --autoplay has no --speed


CliError = LoadError  # the CLI's name for bad input


def parse_cache(text: str) -> Any:
    """`KIB,WAYS,LINE`, e.g. `32,8,64` (the default L1d)."""
    from .sim.run import CacheConfig

    try:
        kib, ways, line = (int(x) for x in text.split(","))
        config = CacheConfig(kib * 1024, ways, line)
        from .sim.cache import L1Cache

        L1Cache(config.size_bytes, config.ways, config.line_bytes)  # validates the geometry
    except ValueError as e:
        raise argparse.ArgumentTypeError(
            f"expected KIB,WAYS,LINE with a power-of-two number of sets ({e})"
        ) from None
    return config


def cmd_trace(args: argparse.Namespace) -> int:
    loaded = load(args.target)
    result = run_loaded(
        loaded, args.entry, accesses=args.accesses, realistic=args.realistic,
        max_steps=args.max_steps, cache=args.cache,
    )
    if args.json:
        json.dump(trace_json(loaded, result, args.accesses), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    _print_summary(loaded, result)
    return 0


def _print_summary(loaded: Loaded, result: Any) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    t = result.totals
    console.print(f"[bold]{loaded.display}[/] · entry [bold]{result.entry}[/] · {loaded.program.language}")
    sites = Table(title="Allocation sites", title_justify="left")
    for col in ("where", "what", "placement", "why"):
        sites.add_column(col)
    for s in loaded.program.sites:
        colour = "red" if s.placement == "heap" else "green"
        sites.add_row(
            f"{s.line}:{s.col}", escape(s.name if s.kind == "var" else s.expr),
            f"[{colour}]{s.placement}[/]", escape(s.reason),
        )
    if loaded.program.sites:
        console.print(sites)
    tot = Table(title="One call", title_justify="left")
    tot.add_column("counter")
    tot.add_column("value", justify="right")
    for k, v in t.to_json().items():
        tot.add_row(k, f"{v:,}")
    console.print(tot)
    cyc = Table(title="Where the cycles went", title_justify="left")
    cyc.add_column("part")
    cyc.add_column("cycles", justify="right")
    for name, v in t.breakdown():
        cyc.add_row(name, f"{v:,}")
    console.print(cyc)
    if result.output:
        console.print("[bold]output[/]")
        console.print(result.output, markup=False, highlight=False, end="")
        if result.order_note:
            console.print(f"[dim]({result.order_note})[/]")
    err = "".join(getattr(result.machine, "err_out", ()) or ())
    if err:  # eprintln!/dbg!: the program's stderr, apart from its output
        console.print("[bold]stderr[/]")
        console.print(err, markup=False, highlight=False, end="")


def cmd_list(args: argparse.Namespace) -> int:
    from .game.snippets import catalog

    cat = catalog()
    if args.json:
        json.dump(
            [
                {
                    "id": s.id, "language": s.language, "title": s.title, "lesson": s.lesson,
                    "entry": s.entry, "claim": s.claim, "truth": s.truth, "pair": s.pair,
                    "par": s.par,
                }
                for s in cat.values()
            ],
            sys.stdout,
            indent=1,
        )
        sys.stdout.write("\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Built-in snippets")
    for col in ("id", "lesson", "title"):
        table.add_column(col)
    for s in cat.values():
        table.add_row(s.id, s.lesson, s.title)
    Console().print(table)
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    try:
        from .ui.app import run_app
    except ImportError:
        raise CliError("stackvsheap:1:1: the game screen is not installed in this build") from None
    if args.target is not None:
        load(args.target)  # fail fast with a clear message
    if args.autoplay and args.target is None:
        raise CliError("play:1:1: --autoplay needs a snippet id or a file to play")
    if args.autoplay and args.predict:
        raise CliError("play:1:1: --autoplay runs unattended; it cannot ask predictions (--predict)")
    if (args.speed is not None or args.exit_at_end) and not args.autoplay:
        raise CliError("play:1:1: --speed and --exit-at-end go with --autoplay")
    return run_app(target=args.target, entry=args.entry, predict=args.predict,
                   autoplay=(args.speed or AUTOPLAY_SPEED) if args.autoplay else None,
                   exit_at_end=args.exit_at_end, show_keys=args.show_keys,
                   data_dir=args.data_dir)


def cmd_record(args: argparse.Namespace) -> int:
    from .ui.record import Plan, record, stderr_progress

    index = record(
        Plan(args.target, args.out, args.size, args.steps, args.png, args.entry),
        progress=stderr_progress,
    )
    print(f"wrote {len(index['frames']):,} frames and index.json to {args.out}")
    return 0


def _positive(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of steps per second, not {text!r}") from None
    if not v > 0:
        raise argparse.ArgumentTypeError("the speed must be above 0 steps per second")
    return v


def _parsed(parse: Any) -> Any:
    """An argparse type from a parser that raises ValueError with a message."""
    def convert(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
    return convert


def _campaign() -> Any:
    from .game.levels import load_levels

    campaign = load_levels()
    for problem in campaign.problems:  # a broken level file is skipped, and said so
        print(problem, file=sys.stderr)
    return campaign


def _progress(args: argparse.Namespace) -> Any:
    from .game.saves import Progress

    progress = Progress.load(args.data_dir)
    if progress.notice:
        print(progress.notice, file=sys.stderr)
    return progress


def cmd_levels(args: argparse.Namespace) -> int:
    campaign = _campaign()
    if args.json:
        json.dump([lv.to_json() for lv in campaign.levels], sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Campaign")
    for col in ("#", "id", "language", "title", "goal", "par"):
        table.add_column(col)
    for i, lv in enumerate(campaign.levels, 1):
        kind = " (fix it)" if lv.fixit else " (predict)" if lv.predict else ""
        table.add_row(str(i), lv.id, lv.language, lv.title + kind, lv.goal.text, str(lv.par))
    Console().print(table)
    return 0


def cmd_check_level(args: argparse.Namespace) -> int:
    from .game.levels import check_code

    level = _campaign().get(args.level_id)
    if level is None:
        raise CliError(f"{args.level_id}:1:1: no such level (see `stackvsheap levels`)")
    path = Path(args.file)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CliError(f"{args.file}:1:1: cannot read file: {e}") from None
    check = check_code(level, source, args.file)
    t = check.totals
    verdict = "meets" if check.met else "does not meet"
    print(f"{args.file} {verdict} the goal of {level.id}: {level.goal.text} "
          f"(heap_allocs={t['heap_allocs']}, cache_misses={t['cache_misses']}, "
          f"gc_cycles={t['gc_cycles']}, score={t['score']}, par={level.par})")
    return 0 if check.met else 1


def cmd_scores(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from .game.stars import star_text

    campaign = _campaign()
    progress = _progress(args)
    ids = [lv.id for lv in campaign.levels]
    table = Table(title=f"Progress ({progress.path})")
    for col in ("#", "level", "status", "best", "par", "stars"):
        table.add_column(col)
    for i, lv in enumerate(campaign.levels, 1):
        rec = progress.records.get(lv.id)
        if rec is not None:
            row = ("done", str(rec.best_score), str(lv.par), star_text(rec.stars))
        elif progress.unlocked(ids, lv.id):
            row = ("open", "—", str(lv.par), "")
        else:
            row = ("locked", "—", str(lv.par), "")
        table.add_row(str(i), lv.title, *row)
    Console().print(table)
    return 0


def _data_dir_option(parser: argparse.ArgumentParser, default: Any) -> None:
    """`--data-dir` before or after the command; after it, SUPPRESS keeps the
    subcommand from resetting a value given before it."""
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="where progress is saved (default: the platform's user data directory)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="stackvsheap",
        description="A terminal game that shows where Go and Rust put your values: "
        "stack or heap, step by step, with a simulated L1 cache and Go's GC.",
    )
    p.add_argument("--version", action="version", version=f"stackvsheap {__version__}")
    _data_dir_option(p, None)
    sub = p.add_subparsers(dest="command")
    t = sub.add_parser("trace", help="run a snippet or file headless and report what it did")
    t.add_argument("target", metavar="FILE_OR_SNIPPET_ID")
    t.add_argument("--entry", metavar="NAME", help="the function to run (takes no arguments)")
    t.add_argument("--json", action="store_true", help="machine-readable output (see TRACE.md)")
    t.add_argument("--accesses", action="store_true", help="with --json: every memory access")
    t.add_argument("--realistic", action="store_true",
                   help="Go: use the runtime's 4 MiB minimum heap for GC pacing")
    t.add_argument("--cache", type=parse_cache, metavar="KIB,WAYS,LINE",
                   help="L1 data cache geometry (default 32,8,64: 32 KiB, 8-way, 64-byte lines)")
    t.add_argument("--max-steps", type=int, metavar="N",
                   help="stop with an error after N steps (default 30,000,000)")
    t.set_defaults(func=cmd_trace)
    ls = sub.add_parser("list", help="list the built-in snippets")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    pl = sub.add_parser("play", help="open the play screen on a snippet or file")
    _data_dir_option(pl, argparse.SUPPRESS)
    pl.add_argument("target", metavar="SNIPPET_ID_OR_FILE", nargs="?")
    pl.add_argument("--entry", metavar="NAME")
    pl.add_argument("--predict", action="store_true",
                    help="stop before each allocation site and loop and ask: stack or heap?")
    pl.add_argument("--autoplay", action="store_true",
                    help="play the run by itself, the same frames every time (for recordings)")
    pl.add_argument("--speed", type=_positive, metavar="X",
                    help=f"with --autoplay: steps per second (default {AUTOPLAY_SPEED:g}; "
                    "the nearest of 1, 2, 4, ... 16384)")
    pl.add_argument("--exit-at-end", action="store_true",
                    help="with --autoplay: show the results, then quit")
    pl.add_argument("--show-keys", action="store_true",
                    help="show the keys pressed in a small overlay (for tutorials)")
    pl.set_defaults(func=cmd_play)
    from .ui.record import parse_size, parse_steps  # no Textual: `trace` stays light

    rec = sub.add_parser("record", help="write one SVG screenshot per step, headless")
    rec.add_argument("target", metavar="SNIPPET_ID_OR_FILE")
    rec.add_argument("--out", type=Path, required=True, metavar="DIR",
                     help="the folder for the frames and index.json")
    rec.add_argument("--size", type=_parsed(parse_size), default=(120, 40), metavar="WxH",
                     help="the terminal size (default 120x40)")
    rec.add_argument("--steps", type=_parsed(parse_steps), metavar="A:B",
                     help="only steps A to B, both included (A: to the end)")
    rec.add_argument("--png", action="store_true",
                     help="a PNG beside each SVG (needs rsvg-convert or cairosvg)")
    rec.add_argument("--entry", metavar="NAME")
    rec.set_defaults(func=cmd_record)
    lv = sub.add_parser("levels", help="list the campaign's levels and their goals")
    lv.add_argument("--json", action="store_true")
    lv.set_defaults(func=cmd_levels)
    ck = sub.add_parser("check-level", help="does FILE meet level ID's goal? (exit 0 yes, 1 no, 2 error)")
    ck.add_argument("level_id", metavar="ID")
    ck.add_argument("file", metavar="FILE")
    ck.set_defaults(func=cmd_check_level)
    sc = sub.add_parser("scores", help="print saved progress: best scores and stars per level")
    _data_dir_option(sc, argparse.SUPPRESS)
    sc.set_defaults(func=cmd_scores)
    from .serve_cli import add_command as add_serve
    from .workshop_cli import add_commands

    add_commands(sub)
    add_serve(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        try:
            from .ui.app import run_app
        except ImportError:
            parser.print_help()
            print("\nThe game screen is coming in the next release; `trace` and `list` work today.")
            return 0
        return run_app(target=None, data_dir=args.data_dir)
    try:
        return args.func(args)
    except CliError as e:
        print(str(e), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, as Unix tools do
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
