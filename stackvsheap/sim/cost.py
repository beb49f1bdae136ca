"""The cost model: what each simulated event costs in CPU cycles, and the score.

The constants are round figures for a current x86-64 core at ~3 GHz, chosen to
keep the orders of magnitude the blog's argument rests on (a stack slot is a
pointer bump; a heap allocation is tens of cycles; a miss is ~25 hits):

* L1 hit 4 cycles: Intel's and AMD's optimisation manuals give a 4-5 cycle
  load-to-use latency for L1D.
* L1 miss 100 cycles: we model only L1, so a miss is charged an average of an
  L2 hit (~14), an L3 hit (~40-50) and DRAM (~250).
* Frame 4 cycles: CALL + RET + the prologue's `SUB SP` (a pointer bump).
* Go `mallocgc`: Go's own BenchmarkMalloc8/16 run at ~10-20 ns; small 50,
  tiny (packing into a 16-byte block) 25, large (a span of its own) 500.
* Go GC: marking ~20 cycles per object plus ~4 per pointer word scanned;
  sweeping ~10 per freed object; 2000 per cycle for the phase changes
  (stop-the-world, enabling write barriers) the runtime does each cycle.
* glibc malloc / free / realloc fast paths (tcache): ~40 / 20 / 60 cycles;
  the bytes realloc copies are charged through the cache as loads/stores.
* Every simulated step (a statement) costs 1 cycle of ALU work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

L1_HIT = 4
L1_MISS = 100
FRAME = 4
STEP = 1
GO_MALLOC_SMALL = 50
GO_MALLOC_TINY = 25
GO_MALLOC_LARGE = 500
GC_CYCLE = 2000
GC_MARK_OBJECT = 20
GC_SCAN_WORD = 4
GC_SWEEP_OBJECT = 10
RUST_MALLOC = 40
RUST_FREE = 20
RUST_REALLOC = 60


@dataclass(slots=True)  # (slots: the compiled step log reads them at their offsets)
class Totals:
    """The counters of TRACE.md's `totals`, plus the cycle breakdown."""

    steps: int = 0
    heap_allocs: int = 0
    heap_reallocs: int = 0
    heap_frees: int = 0
    heap_bytes: int = 0
    stack_peak_bytes: int = 0
    gc_cycles: int = 0
    gc_marked: int = 0
    gc_swept: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    # cycles by where they went; `cycles` is their sum
    alloc_cycles: int = 0
    gc_work_cycles: int = 0
    frame_cycles: int = 0

    @property
    def memory_cycles(self) -> int:
        return self.cache_hits * L1_HIT + self.cache_misses * L1_MISS

    @property
    def cycles(self) -> int:
        return (
            self.steps * STEP + self.memory_cycles + self.alloc_cycles
            + self.gc_work_cycles + self.frame_cycles
        )

    @property
    def score(self) -> int:
        return score_for(self.cycles)

    def breakdown(self) -> list[tuple[str, int]]:
        """Where the cycles went, for the results screen and `trace`."""
        return [
            ("work (1 per step)", self.steps * STEP),
            (f"cache hits ({L1_HIT} each)", self.cache_hits * L1_HIT),
            (f"cache misses ({L1_MISS} each)", self.cache_misses * L1_MISS),
            ("heap allocator", self.alloc_cycles),
            ("garbage collector", self.gc_work_cycles),
            (f"calls ({FRAME} per frame)", self.frame_cycles),
        ]

    def to_json(self) -> dict[str, int]:
        return {
            "steps": self.steps,
            "heap_allocs": self.heap_allocs,
            "heap_reallocs": self.heap_reallocs,
            "heap_frees": self.heap_frees,
            "heap_bytes": self.heap_bytes,
            "stack_peak_bytes": self.stack_peak_bytes,
            "gc_cycles": self.gc_cycles,
            "gc_marked": self.gc_marked,
            "gc_swept": self.gc_swept,
            "cache_hits": self.cache_hits,
            "cache_misses": self.cache_misses,
            "cycles": self.cycles,
            "score": self.score,
        }


def score_for(cycles: int) -> int:
    """1000 points, minus 100 for every tenfold of cycles: a run ten times
    as expensive scores 100 less, whatever its size. Higher is better."""
    return max(0, round(1000 - 100 * math.log10(max(cycles, 1))))
