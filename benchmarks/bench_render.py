"""Per-step render time of the play screen across a ~1M-step trace.

A step must render well under 16 ms at any position. This records a Go
program of about a million steps (the blog's createManyBoxes with 250,000
iterations: every `value` moved to the heap, a growing slice, several GC
cycles), opens the real PlayScreen headless at 120x40, jumps to positions
across the trace and times, at each one, a step forward and a step back:

  model   the session move (TraceCursor deltas + heap map)
  panes   every pane rebuilding its visible lines from the cursor and
          marking the lines that changed (PlayPane.refresh_view)
  paint   Textual repainting what changed, as its update timer does
          (compositor update of the dirty widgets, then the headless display)

    python benchmarks/bench_render.py [ITERATIONS]   # default 250000
    python benchmarks/bench_render.py --sum 3333330  # a 10M-step trace

`--sum` records a loop of arithmetic instead (three steps an iteration, no
heap): the boxes loop costs about 500 bytes a recorded step, so ten million
of its steps pass the game's 1.5 GiB recording budget; this one is ~130.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from textual.app import App
from textual.screen import Screen

from stackvsheap.game.session import GameSession
from stackvsheap.lang.load import parse_source
from stackvsheap.ui.play import PlayPane, PlayScreen

SOURCE = """package main

func manyBoxes() int {
	var boxes []*int
	for i := 0; i < {N}; i++ {
		value := i
		boxes = append(boxes, &value)
	}
	return len(boxes)
}
"""

SUM_SOURCE = """package main

func sumLoop() int {
	total := 0
	for i := 0; i < {N}; i++ {
		total += i
	}
	return total
}
"""

REPEATS = 15
# CPU time of this thread: the dev machine is shared (two cores, other
# engineers' test runs), and waiting for a core is not rendering.
CLOCK = time.thread_time


class BenchApp(App[None]):
    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        self.push_screen(PlayScreen(self.session))


def repaint(screen: Screen) -> None:
    """What Textual does between a key press and the terminal write, done
    synchronously: collect the widgets that asked for a repaint (Widget.
    _check_refresh), update them in the compositor and render the changed
    regions to the (headless) display (Screen._on_timer_update)."""
    dirty = [w for w in screen.walk_children(with_self=True) if w._repaint_required]
    for w in dirty:
        w._repaint_required = False
    screen._dirty_widgets.update(dirty)
    screen._compositor.update_widgets(screen._dirty_widgets)
    screen._compositor_refresh()


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:6.2f} / {max(xs) * 1000:6.2f}"


async def measure(session: GameSession) -> list[tuple[int, dict[str, list[float]]]]:
    app = BenchApp(session)
    app.animation_level = "none"
    out = []
    t_open = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(f"play screen open (first frame, incl. gc.freeze of the trace): "
              f"{time.perf_counter() - t_open:.2f} s")
        screen = app.screen
        pane = screen.query_one(PlayPane)
        n = session.n_steps
        positions = sorted({1, 1000, n // 4, n // 2, 3 * n // 4, n - 2000, n - 2})
        for k in positions:
            pane.goto(k)
            await pilot.pause()
            times: dict[str, list[float]] = {"model": [], "panes": [], "paint": [], "total": []}
            for r in range(REPEATS):
                move = session.step if r % 2 == 0 else session.back
                t0 = CLOCK()
                move()
                t1 = CLOCK()
                pane.refresh_view()
                t2 = CLOCK()
                repaint(screen)
                t3 = CLOCK()
                times["model"].append(t1 - t0)
                times["panes"].append(t2 - t1)
                times["paint"].append(t3 - t2)
                times["total"].append(t3 - t0)
            out.append((k, times))
    return out


def main(argv: list[str]) -> int:
    arith = "--sum" in argv
    argv = [a for a in argv if a != "--sum"]
    iterations = int(argv[0]) if argv else 250_000
    t0 = time.perf_counter()
    source = SUM_SOURCE if arith else SOURCE
    program = parse_source(source.replace("{N}", str(iterations)), "loop.go", "go")
    session = GameSession.from_program(program)
    t1 = time.perf_counter()
    t = session.final_totals
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"recorded {session.n_steps:,} steps in {t1 - t0:.1f} s, peak {peak:,} MB "
          f"({t.heap_allocs:,} heap allocations, {t.gc_cycles} GC cycles)")
    results = asyncio.run(measure(session))
    print(f"{'position':>10}  {'model':>15}  {'panes':>15}  {'paint':>15}  {'total':>15}")
    print(f"{'':>10}  {'median / max ms':>15}  {'median / max ms':>15}  {'median / max ms':>15}"
          f"  {'median / max ms':>15}")
    worst = 0.0
    for k, times in results:
        worst = max(worst, max(times["total"]))
        print(f"{k:>10,}  {ms(times['model']):>15}  {ms(times['panes']):>15}  {ms(times['paint']):>15}"
              f"  {ms(times['total']):>15}")
    print(f"worst step: {worst * 1000:.2f} ms (budget 16 ms)")
    return 0 if worst < 0.016 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
