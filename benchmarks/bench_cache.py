"""Micro-benchmark: ns per `L1Cache.access` on an interpreter-like mix.

The mix models summing a big slice in a loop: per element one sequential
8-byte load from the heap, a load and store of the accumulator and the loop
counter on the stack (hot lines), and every 16th element a pointer chase to a
random heap address. The address list is built before timing so only
`access` is measured.

    python benchmarks/bench_cache.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from stackvsheap.sim.cache import L1Cache

STACK = 0xC000_0A_0F00       # Go-like goroutine stack frame
HEAP = 0xC000_10_0000        # backing array
FAR = 0xC000_20_0000         # 1 MiB of scattered heap objects


def workload(n: int) -> list[tuple[int, int]]:
    rng = random.Random(1)
    out: list[tuple[int, int]] = []
    i = 0
    while len(out) < n:
        out.append((HEAP + 8 * i, 8))          # a[i]
        out.append((STACK + 8, 8))             # sum (load)
        out.append((STACK + 8, 8))             # sum (store)
        out.append((STACK + 16, 8))            # i
        if i % 16 == 0:
            out.append((FAR + rng.randrange(1 << 20) & ~7, 8))
        i += 1
    return out[:n]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    work = workload(n)
    cache = L1Cache()
    access = cache.access
    t0, c0 = time.perf_counter(), time.process_time()
    for addr, size in work:
        access(addr, size)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    # CPU time is the fairer number on a shared machine.
    print(
        f"{n} accesses: {dc / n * 1e9:.0f} ns/access CPU ({dt / n * 1e9:.0f} wall), "
        f"(hits {cache.hits}, misses {cache.misses}, "
        f"miss rate {cache.misses / max(1, cache.hits + cache.misses):.2%})"
    )


if __name__ == "__main__":
    main()
