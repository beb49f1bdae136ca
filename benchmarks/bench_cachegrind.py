"""stackvsheap trace vs valgrind's cachegrind, side by side in one run.

Run: python benchmarks/bench_cachegrind.py [--repeat N] [go|rust ...]

Both million-iteration programs are built natively (`go build -gcflags=-l`,
`rustc` debug) and run under `valgrind --tool=cachegrind --cache-sim=yes`, which
executes the program and simulates every data access through an L1, the same
job as `stackvsheap trace`. Each measurement runs in a fresh process; wall time
and the child's peak RSS are taken from wait4. Prints the ratios the Speed
issue sets targets for (at most 1.5x cachegrind, at most 300 MB).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS = {"go": HERE / "million_boxes.go", "rust": HERE / "million_boxes.rs"}


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def build(lang: str, src: Path, out: Path) -> Path:
    exe = out / f"{lang}_native"
    if lang == "go":
        mod = out / "gomod"
        mod.mkdir(exist_ok=True)
        shutil.copy(src, mod / "main.go")
        (mod / "go.mod").write_text("module bench\n\ngo 1.27\n")
        subprocess.run(["go", "build", "-gcflags=-l", "-o", str(exe), "."], cwd=mod,
                       check=True, capture_output=True)
    else:
        subprocess.run(["rustc", "-C", "opt-level=0", "-C", "debuginfo=0", "-o", str(exe), str(src)],
                       check=True, capture_output=True)
    return exe


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("langs", nargs="*", metavar="go|rust")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    args = ap.parse_args(argv)
    args.langs = args.langs or list(PROGRAMS)
    if unknown := set(args.langs) - set(PROGRAMS):
        ap.error(f"unknown program: {', '.join(sorted(unknown))}")
    if not shutil.which("valgrind"):
        print("valgrind is not installed", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in args.langs:
            exe = build(lang, PROGRAMS[lang], Path(tmp))
            cg = ["valgrind", "--tool=cachegrind", "--cache-sim=yes",
                  f"--cachegrind-out-file={tmp}/cg.out", str(exe)]
            svh = [sys.executable, "-m", "stackvsheap", "trace", str(PROGRAMS[lang]), "--json"]
            best_cg = best_svh = (float("inf"), 0.0)
            for _ in range(args.repeat):
                # Interleaved, so both see the same machine load.
                best_cg = min(best_cg, timed(cg))
                best_svh = min(best_svh, timed(svh))
            rows.append((lang, best_svh, best_cg))
    print(f"{date.today()}  {platform.machine()}  {os.cpu_count()} cores  Python {platform.python_version()}")
    print(f"{'':6}{'stackvsheap trace':>18}{'cachegrind':>12}{'ratio':>8}{'peak memory':>13}")
    for lang, (s_wall, s_mb), (c_wall, _) in rows:
        print(f"{lang:6}{s_wall:>16.2f} s{c_wall:>10.2f} s{s_wall / c_wall:>7.1f}x{s_mb:>10.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
