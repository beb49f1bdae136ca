"""The compiled L1 hot path (sim/_l1c.c) against cache.py's pure-Python
closures: same miss counts call by call, same counters, same resident lines.
Whole programs are compared in test_trace_golden.py (both paths, every file)."""

from __future__ import annotations

import random
import shutil
import sysconfig

import pytest

from stackvsheap.sim import cache as cache_mod
from stackvsheap.sim.cache import L1Cache

needs_compiled = pytest.mark.skipif(cache_mod._l1c is None, reason="the C extension is not built here")


def test_compiled_path_is_built_where_a_compiler_is() -> None:
    """A build that silently fell back to pure Python would hide here."""
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        pytest.skip(f"no C compiler ({cc}) on this machine")
    assert cache_mod._l1c is not None, "stackvsheap/sim/_l1c.c was not compiled by the install"


class PureL1(L1Cache):
    compiled = False


class CompiledL1(L1Cache):
    compiled = True


def _drive(cache: L1Cache, ops: list[tuple]) -> tuple[list[int], tuple]:
    access = cache.fast_access()
    replay, access2 = cache.fast_replay(), cache.fast_access2()
    out: list[int] = []
    for op in ops:
        if op[0] == "a":
            out.append(access(op[1], op[2]))
        elif op[0] == "2":
            out.append(access2(op[1], op[2], op[3]))
        elif op[0] == "r":
            replay(op[1])
        else:
            cache.reset()
    cache.sync()
    return out, (cache.hits, cache.misses, cache.resident(), [lst[:] for lst in cache._lru])


def _ops(rng: random.Random, n: int, span: int) -> list[tuple]:
    ops: list[tuple] = []
    base = rng.randrange(0, 1 << 40)
    for _ in range(n):
        addr = base + rng.randrange(span)
        size = rng.choice((0, 1, 4, 8, 8, 8, 16, 24, 63, 64, 65, 200))
        kind = rng.random()
        if kind < 0.75:
            ops.append(("a", addr, size))
        elif kind < 0.88:
            ops.append(("2", addr, addr + rng.choice((8, 16, 4096)), size))
        elif kind < 0.995:
            ops.append(("r", [(base + rng.randrange(span), rng.choice((8, 16, 70)), rng.random() < 0.5)
                              for _ in range(rng.randrange(6))]))
        else:
            ops.append(("reset",))
    return ops


@needs_compiled
@pytest.mark.parametrize("geometry", [(32768, 8, 64), (4096, 4, 64), (1024, 1, 32), (65536, 16, 128), (512, 8, 64)])
@pytest.mark.parametrize("seed", range(6))
def test_compiled_matches_pure_call_by_call(geometry: tuple[int, int, int], seed: int) -> None:
    rng = random.Random(seed * 7919 + geometry[0])
    ops = _ops(rng, 4000, rng.choice((2048, 1 << 16, 1 << 20)))
    pure = _drive(PureL1(*geometry), ops)
    comp = _drive(CompiledL1(*geometry), ops)
    assert comp[0] == pure[0]
    assert comp[1] == pure[1]


@needs_compiled
def test_compiled_state_carries_over_into_the_methods() -> None:
    """After sync, the lists (snapshot, resident, the UI's view) hold what C held."""
    c = CompiledL1()
    access = c.fast_access()
    for a in range(0, 64 * 600, 24):
        access(a, 8)
    c.sync()
    p = PureL1()
    for a in range(0, 64 * 600, 24):
        p.access(a, 8)
    assert (c.hits, c.misses, c.resident()) == (p.hits, p.misses, p.resident())
    assert c.access(64 * 599, 8) == p.access(64 * 599, 8) == 0


@needs_compiled
def test_compiled_refuses_bad_input_without_crashing() -> None:
    c = cache_mod._l1c.L1(64, 8, 6)
    with pytest.raises(TypeError):
        c.access(1)
    with pytest.raises(OverflowError):
        c.access(1 << 80, 8)
    with pytest.raises(TypeError):
        c.replay([(1,)])
    with pytest.raises(ValueError):
        c.load([[0] * 8], [[0] * 8], -1, 0, 0)
    with pytest.raises(ValueError):
        cache_mod._l1c.L1(3, 8, 6)


@needs_compiled
def test_compiled_extension_is_not_stale() -> None:
    """An edit of _l1c.c takes effect only when rebuilt (`pip install -e .`)."""
    from pathlib import Path

    so = Path(cache_mod._l1c.__file__)
    src = so.with_name("_l1c.c")
    if not src.is_file():
        pytest.skip("installed without its source")
    assert so.stat().st_mtime >= src.stat().st_mtime, f"{so.name} is older than _l1c.c: run `pip install -e .`"
