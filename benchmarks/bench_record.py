"""Recording for the game vs the headless trace, million-iteration loops.

Run: python benchmarks/bench_record.py [--repeat N] [CASE ...]

The game records every step of a run so the player can step back (the
loading screen's job); `stackvsheap trace` runs the same program headless.
The Speed issue's target: recording takes at most the headless time plus
50%. Each measurement runs in a fresh process: parse and run (headless), or
parse and GameSession.from_program (recorded, with the game's 10M-step and
1.5 GiB limits); CPU time is the steadier figure on a shared machine.

Cases: the two benchmark programs (`million_boxes.go`, `million_boxes.rs`),
which pass the game's recording budget, and million-iteration loops that
fit it: `total += i` in Go and Rust, and the boxes loops at 250,000.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent

GO_SUM = """package main

func sumLoop() int {
	total := 0
	for i := 0; i < 1000000; i++ {
		total += i
	}
	return total
}
"""

RUST_SUM = """fn main() {
    let mut total: u64 = 0;
    for i in 0..1000000 {
        total += i;
    }
    println!("{}", total);
}
"""


def _scaled(path: Path, n: int) -> tuple[str, str, str]:
    return path.read_text().replace("1000000", str(n)), path.name, "go" if path.suffix == ".go" else "rust"


CASES = {
    "go-sum": lambda: (GO_SUM, "sum.go", "go"),
    "rust-sum": lambda: (RUST_SUM, "sum.rs", "rust"),
    "go-boxes-250k": lambda: _scaled(HERE / "million_boxes.go", 250_000),
    "rust-boxes-250k": lambda: _scaled(HERE / "million_boxes.rs", 250_000),
    "go-boxes": lambda: _scaled(HERE / "million_boxes.go", 1_000_000),
    "rust-boxes": lambda: _scaled(HERE / "million_boxes.rs", 1_000_000),
}

CHILD = r"""
import json, resource, sys, time
from stackvsheap.lang.load import parse_source
src, name, lang, mode = json.loads(sys.stdin.read())
entry = next((l.split(":", 1)[1].strip() for l in src.splitlines()[:3] if "entry:" in l), None)
t0, c0 = time.perf_counter(), time.process_time()
prog = parse_source(src, name, lang)
err, steps = None, 0
if mode == "headless":
    from stackvsheap.sim.run import run_program
    res = run_program(prog, declared_entry=entry)
    steps = res.totals.steps
    err = None if res.error is None else res.error.message
else:
    from stackvsheap.game.session import GameSession, LoadError
    try:
        steps = GameSession.from_program(prog, snippet=type("S", (), {"entry": entry})()).n_steps
    except LoadError as e:
        err = str(e)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall": wall, "cpu": cpu, "steps": steps, "err": err,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(case: str, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps([*CASES[case](), mode]),
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return {"err": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement (the best is kept)")
    ap.add_argument("cases", nargs="*", choices=[*CASES, []], default=[])
    args = ap.parse_args(argv)
    print(f"{date.today()}  {platform.machine()}  Python {platform.python_version()}")
    print(f"{'case':16} {'steps':>10} {'headless cpu':>13} {'recorded cpu':>13} {'ratio':>6} {'recorded peak':>14}")
    for case in args.cases or list(CASES):
        runs = {mode: min((measure(case, mode) for _ in range(args.repeat)),
                          key=lambda r: r.get("cpu", 1e9)) for mode in ("headless", "record")}
        h, r = runs["headless"], runs["record"]
        if r.get("err") or h.get("err"):
            print(f"{case:16} {h.get('steps', 0):>10,} {h.get('cpu', 0):>11.2f} s   not recorded: {r.get('err') or h.get('err')}")
            continue
        print(f"{case:16} {r['steps']:>10,} {h['cpu']:>11.2f} s {r['cpu']:>11.2f} s {r['cpu'] / h['cpu']:>5.1f}x "
              f"{r['peak_mb']:>10.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
