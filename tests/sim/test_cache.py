"""L1Cache against pycachesim (same geometry, LRU, write-allocate) and by hand."""

from __future__ import annotations

import random

import pytest
from cachesim import Cache, CacheSimulator, MainMemory

from stackvsheap.sim.cache import L1Cache

Trace = list[tuple[str, int, int]]


def reference(trace: Trace) -> tuple[int, int]:
    """pycachesim's (hits, misses), per line like ours.

    Every access is replayed as a load: with write-allocate a write behaves
    like a read for hit/miss, which is what we model. pycachesim's `store`
    differs: a store hit neither counts as a HIT nor refreshes the line's LRU
    position (cachesim/backend.c, Cache__store only marks it dirty). Note
    that pycachesim parses addresses as 32-bit unsigned ints.
    """
    mem = MainMemory()
    l1 = Cache("L1", 64, 8, 64, "LRU", write_back=True, write_allocate=True)
    mem.load_to(l1)
    mem.store_from(l1)
    sim = CacheSimulator(l1, mem)
    for _, addr, size in trace:
        sim.load(addr, size)
    return l1.backend.HIT_count, l1.backend.MISS_count


def ours(trace: Trace) -> L1Cache:
    cache = L1Cache()
    for _, addr, size in trace:
        cache.access(addr, size)
    return cache


def random_trace(seed: int, n: int, span: int) -> Trace:
    rng = random.Random(seed)
    return [
        (rng.choice("rw"), rng.randrange(span), rng.choice([1, 2, 4, 8, 8, 8, 16, rng.randint(1, 64)]))
        for _ in range(n)
    ]


def strided_trace(seed: int, n: int) -> Trace:
    rng = random.Random(seed)
    out: Trace = []
    base = 0xC000000000   # pycachesim keeps the low 32 bits: still distinct
    while len(out) < n:
        stride = rng.choice([8, 24, 64, 72, 4096, 4104, 32768])
        size = rng.choice([1, 8, 12, 24, 63, 64])
        start = base + rng.randrange(1 << 20)
        for i in range(rng.randint(10, 400)):
            out.append((rng.choice("rrw"), start + i * stride, size))
        out.append(("w", 0x7FFFFFFFE000 + rng.randrange(256), 8))   # stack traffic
    return out[:n]


@pytest.mark.parametrize("seed,span", [(1, 1 << 12), (2, 1 << 15), (3, 1 << 16), (4, 1 << 20), (5, 1 << 24)])
def test_random_matches_pycachesim(seed: int, span: int) -> None:
    trace = random_trace(seed, 20_000, span)
    cache = ours(trace)
    assert (cache.hits, cache.misses) == reference(trace)
    lines = sum(((a + s - 1) >> 6) - (a >> 6) + 1 for _, a, s in trace)
    assert cache.hits + cache.misses == lines


@pytest.mark.parametrize("seed", [10, 11, 12])
def test_strided_matches_pycachesim(seed: int) -> None:
    trace = strided_trace(seed, 20_000)
    cache = ours(trace)
    assert (cache.hits, cache.misses) == reference(trace)


def test_write_hit_refreshes_lru() -> None:
    c = L1Cache()
    for k in range(8):
        c.access(k * 4096, 8)
    c.access(0, 8)            # a write hit makes line 0 most recent...
    c.access(8 * 4096, 8)     # ...so this evicts line 1
    assert c.access(0, 8) == 0
    assert c.access(4096, 8) == 1


def test_geometry() -> None:
    c = L1Cache()
    assert (c.sets, c.ways, c.line_bytes) == (64, 8, 64)
    assert L1Cache(65536, 4, 128).sets == 128
    with pytest.raises(ValueError):
        L1Cache(32768, 8, 48)


def test_nine_lines_in_one_set_evict_lru() -> None:
    c = L1Cache()
    stride = 64 * 64  # same set, next tag
    for k in range(9):
        assert c.access(k * stride, 8) == 1   # all cold
    # Line 0 was least recently used, so line 8 replaced it (in its way).
    assert c.resident()[0] == [8, 1, 2, 3, 4, 5, 6, 7]
    assert c.access(1 * stride, 8) == 0       # still resident; now MRU
    assert c.access(0 * stride, 8) == 1       # evicts line 2, the LRU now
    assert c.resident()[0] == [8, 1, 0, 3, 4, 5, 6, 7]
    assert c.access(2 * stride, 8) == 1
    assert (c.hits, c.misses) == (1, 11)
    assert all(ways == [-1] * 8 for ways in c.resident()[1:])


def test_straddle_and_size_zero() -> None:
    c = L1Cache()
    assert c.access(60, 8) == 2               # lines 0 and 1
    assert c.access(0, 128) == 0              # both resident
    assert c.access(64, 0) == 0 and c.access(70, 0) == 0
    assert (c.hits, c.misses) == (2, 2)
    assert c.access(1000, 200) == 4           # lines 15..18


def test_access_lines_agrees_with_access() -> None:
    trace = random_trace(21, 5000, 1 << 16)
    a, b = L1Cache(), L1Cache()
    for _, addr, size in trace:
        misses = a.access(addr, size)
        lines = b.access_lines(addr, size)
        assert misses == sum(not hit for _, _, hit in lines)
        first = addr >> 6
        for i, (s, way, _) in enumerate(lines):
            assert s == (first + i) % 64
            assert b.resident()[s][way] == (first + i) >> 6
    assert (a.hits, a.misses) == (b.hits, b.misses)
    assert a.resident() == b.resident()
    assert b.access_lines(5, 0) == []


@pytest.mark.parametrize("seed", [31, 32])
def test_recording_access_logs_what_access_lines_sees(seed: int) -> None:
    """The recorder's one-call access logs exactly the old per-line path's
    (address, size, first line's way, write, missed) and keeps the same
    state and counters, straddling and zero-sized accesses included."""
    trace = random_trace(seed, 6000, 1 << 16) + [("r", 5, 0), ("w", 64, 0), ("r", 4000, 300)]
    a, b = L1Cache(), L1Cache()
    addrs: list[int] = []
    metas: list[int] = []
    rd, wr, counts = b.recording_access(addrs.append, metas.append)
    for k, (w, addr, size) in enumerate(trace):
        lines = a.access_lines(addr, size)
        miss = sum(not hit for _, _, hit in lines)
        assert (wr if w == "w" else rd)(addr, size) == miss
        way = lines[0][1] if lines else 0
        assert (addrs[k], metas[k]) == (addr, size << 16 | way << 8 | (2 if w == "w" else 0) | (miss > 0))
    assert counts() == (a.hits, a.misses)
    b.sync()
    assert (b.hits, b.misses, b.resident()) == (a.hits, a.misses, a.resident())


def test_physical_way_is_stable() -> None:
    c = L1Cache()
    [(s, way, hit)] = c.access_lines(0x1000, 8)
    assert not hit
    for k in range(1, 8):                     # fill the rest of the set
        c.access(0x1000 + k * 4096, 8)
    assert c.access_lines(0x1000, 8) == [(s, way, True)]


def test_snapshot_restore_reset() -> None:
    c = L1Cache()
    for _, a, s in random_trace(3, 2000, 1 << 16):
        c.access(a, s)
    snap = c.snapshot()
    before = (c.hits, c.misses, c.resident())
    for _, a, s in random_trace(4, 2000, 1 << 16):
        c.access(a, s)
    assert (c.hits, c.misses, c.resident()) != before
    c.restore(snap)
    assert (c.hits, c.misses, c.resident()) == before
    # Restoring must not alias the snapshot: replaying gives the same result twice.
    trace = random_trace(5, 500, 1 << 16)
    r1 = [c.access(a, s) for _, a, s in trace]
    c.restore(snap)
    assert [c.access(a, s) for _, a, s in trace] == r1
    c.reset()
    assert (c.hits, c.misses) == (0, 0)
    assert c.access(0, 1) == 1
