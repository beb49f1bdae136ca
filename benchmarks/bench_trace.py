"""Headless trace speed: one million iterations, Go and Rust.

Run: python benchmarks/bench_trace.py [go|rust ...]
Each case runs in a fresh subprocess so its peak RSS is its own; the CPU
time is the steadier figure on a busy machine. Targets from the issues:
under 6 s and 400 MB on the 2-core dev machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = {"go": HERE / "million_boxes.go", "rust": HERE / "million_boxes.rs"}

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from stackvsheap.lang.load import parse_source
from stackvsheap.game.snippets import snippet_from_path
path = Path(sys.argv[1])
snip = snippet_from_path(path)
t0 = time.perf_counter()
c0 = time.process_time()
prog = parse_source(path.read_text(), path.name, snip.language)
t1 = time.perf_counter()
from stackvsheap.sim.run import run_program
c1 = time.process_time()
res = run_program(prog, declared_entry=snip.entry)
t2 = time.perf_counter()
c2 = time.process_time()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"parse_s": t1 - t0, "run_s": t2 - t1, "cpu_s": c2 - c1, "peak_mb": rss,
                  "error": None if res.error is None else res.error.message,
                  "totals": res.totals.to_json()}))
"""


def main(argv: list[str]) -> int:
    names = argv or list(CASES)
    for name in names:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(CASES[name])],
            capture_output=True, text=True, check=False,
        )
        if out.returncode != 0:
            print(f"{name}: failed\n{out.stderr}")
            continue
        r = json.loads(out.stdout)
        t = r["totals"]
        print(
            f"{name:5} run {r['run_s']:.2f} s (cpu {r['cpu_s']:.2f} s)  parse {r['parse_s']:.2f} s  "
            f"peak {r['peak_mb']:.0f} MB  steps {t['steps']:,}  allocs {t['heap_allocs']:,}  "
            f"gc {t['gc_cycles']}  hits {t['cache_hits']:,}  misses {t['cache_misses']:,}"
            + (f"  ERROR {r['error']}" if r["error"] else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
