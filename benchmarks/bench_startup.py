"""Startup time: from launching `stackvsheap` to its first interactive frame.

The game runs in a pseudo-terminal (120x40 by default), exactly as a player
starts it; the clock stops when the terminal has received the frame that
shows something the player can act on:

* no target: the title screen's menu (`Play  step through a snippet`);
* `play TARGET`: the loading screen, the first frame that takes keys, and
  separately the play screen itself once the run is recorded.

Then `q` is sent and the process must exit. Each case runs several times and
the median is reported; the first run of a case warms the OS file cache.

    python benchmarks/bench_startup.py [--runs N] [--size 120x40] [TARGET ...]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Text that appears in a frame once the screen can take keys.
TITLE_READY = b"step through a snippet"
LOADING_READY = b"on the simulated machine"
PLAY_READY = b"steps/s"  # the play screen's header: "paused 4 steps/s"

BUDGET_S = 0.3  # the Speed issue: first interactive frame under 300 ms


def launch(args: list[str], cols: int, rows: int) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the game, in the pty
        os.chdir(ROOT)
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        env.pop("STACKVSHEAP_FROZEN", None)
        os.execvpe(sys.executable, [sys.executable, "-m", "stackvsheap.cli", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def wait_for(fd: int, markers: list[bytes], t0: float, timeout: float = 30.0) -> dict[bytes, float]:
    """Seconds from t0 until each marker has appeared in the output."""
    seen: dict[bytes, float] = {}
    buf = b""
    while len(seen) < len(markers):
        left = t0 + timeout - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"no {[m for m in markers if m not in seen]} after {timeout}s")
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        now = time.perf_counter() - t0
        for m in markers:
            if m not in seen and m in buf:
                seen[m] = now
    return seen


def quit_game(pid: int, fd: int) -> None:
    os.write(fd, b"q")
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        try:
            os.read(fd, 65536)  # keep the pty drained so the game can exit
        except OSError:
            break
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGTERM)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def one_run(target: str | None, cols: int, rows: int) -> dict[str, float]:
    args = [] if target is None else ["play", target]
    markers = [TITLE_READY] if target is None else [LOADING_READY, PLAY_READY]
    t0 = time.perf_counter()
    pid, fd = launch(args, cols, rows)
    try:
        seen = wait_for(fd, markers, t0)
    finally:
        quit_game(pid, fd)
    if target is None:
        return {"first interactive frame (title)": seen[TITLE_READY]}
    out = {"play screen ready": seen[PLAY_READY]}
    if LOADING_READY in seen:
        out["first interactive frame (loading)"] = seen[LOADING_READY]
    else:  # the run was recorded before the loading screen was drawn
        out["first interactive frame (loading)"] = seen[PLAY_READY]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("targets", nargs="*", help="snippet ids or files for `play` (default: none)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--size", default="120x40")
    args = p.parse_args(argv)
    cols, rows = (int(x) for x in args.size.split("x"))
    cases: list[str | None] = [None, *args.targets]
    worst = 0.0
    print(f"startup to first interactive frame, {cols}x{rows} pty, "
          f"median of {args.runs} runs (after 1 warm-up)")
    for target in cases:
        one_run(target, cols, rows)  # warm-up
        results: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for k, v in one_run(target, cols, rows).items():
                results.setdefault(k, []).append(v)
        name = "stackvsheap" if target is None else f"stackvsheap play {target}"
        print(name)
        for k, vals in sorted(results.items()):
            med = statistics.median(vals)
            print(f"  {k:<36} {med * 1000:7.0f} ms  (min {min(vals) * 1000:.0f}, "
                  f"max {max(vals) * 1000:.0f})")
            if k.startswith("first interactive"):
                worst = max(worst, med)
    ok = worst < BUDGET_S
    print(f"{'OK' if ok else 'TOO SLOW'}: worst median {worst * 1000:.0f} ms "
          f"(budget {BUDGET_S * 1000:.0f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
