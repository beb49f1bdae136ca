"""The packed per-step counters read back exactly what was appended."""

from __future__ import annotations

import random

from stackvsheap.sim.stepcounters import CHUNK, StepCounters


def test_packed_counters_read_back_exactly() -> None:
    rng = random.Random(7)
    nc = 5
    sc = StepCounters(nc)
    flat: list[int] = []
    vals = [0] * nc
    for step in range(CHUNK * 3 + 123):
        vals[0] = step                                   # every step
        vals[1] += rng.random() < 0.01                   # rarely
        vals[2] += rng.choice([0, 1 << 20, 1 << 40])     # big jumps ('q')
        vals[4] = rng.randrange(300)                     # up and down
        flat.extend(vals)
        if len(sc.tail) >= sc.flush_at:
            sc.pack()
        sc.extend(tuple(vals))
    assert len(sc) == len(flat)
    assert list(sc) == flat
    assert sc[7 * nc + 2] == flat[7 * nc + 2] and sc[-1] == flat[-1]
    assert sc[CHUNK * nc - 3:CHUNK * nc + 8] == flat[CHUNK * nc - 3:CHUNK * nc + 8]
    assert sc.nbytes() < 8 * len(flat) // 2
