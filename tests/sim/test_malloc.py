"""glibc malloc model: chunk sizes, tcache/fastbin reuse, realloc, layout, and
a differential run against the machine's glibc when a C compiler is present."""

from __future__ import annotations

import platform
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from stackvsheap.sim.malloc import (
    HEAP_START, MMAP_TOP, ChunkView, MallocHeap, chunk_size,
)

FIRST = HEAP_START + 0x2A0   # after glibc's 0x290-byte tcache chunk


@pytest.mark.parametrize("req,size", [(1, 32), (24, 32), (25, 48), (40, 48), (41, 64), (100, 112), (1000, 1008)])
def test_chunk_sizes(req: int, size: int) -> None:
    assert chunk_size(req) == size
    h = MallocHeap()
    a = h.malloc(req)
    b = h.malloc(1)
    assert b - a == size
    assert h.usable_size(a) == size - 8


def test_first_pointer_and_alignment() -> None:
    h = MallocHeap()
    ptrs = [h.malloc(n) for n in (1, 7, 24, 25, 100, 3000, 5)]
    assert ptrs[0] == FIRST == 0x5555555592A0
    assert all(p % 16 == 0 for p in ptrs)
    assert ptrs == sorted(ptrs)              # fresh chunks are carved from top


def test_lifo_reuse_of_same_size() -> None:
    h = MallocHeap()
    a, b, c = h.malloc(40), h.malloc(40), h.malloc(40)
    h.free(a)
    h.free(c)
    assert h.malloc(33) == c                 # same chunk size (48), last freed first
    assert h.malloc(48 - 8) == a
    assert h.malloc(40) > c                  # tcache empty again: from top
    h.free(b)
    assert h.malloc(100) != b                # another size does not take it


def test_tcache_then_fastbin_then_stash() -> None:
    h = MallocHeap()
    ptrs = [h.malloc(16) for _ in range(10)]
    for p in ptrs:
        h.free(p)
    states = {c.user: c.state for c in h.chunks()}
    assert [states[p] for p in ptrs] == ["tcache"] * 7 + ["fastbin"] * 3
    # tcache is LIFO: the 7th freed comes back first.
    assert [h.malloc(16) for _ in range(7)] == ptrs[6::-1]
    # Then the fastbin head, and the rest is stashed into tcache (reversed).
    assert h.malloc(16) == ptrs[9]
    assert [h.malloc(16), h.malloc(16)] == [ptrs[7], ptrs[8]]


def test_free_into_top_and_coalescing() -> None:
    h = MallocHeap()
    a, b, c = h.malloc(2000), h.malloc(2000), h.malloc(2000)   # beyond tcache
    top = h.top
    h.free(c)
    assert h.top == c - 16                   # c merged back into top
    h.free(a)
    h.free(b)                                # b merges with a and then with top
    assert h.top == a - 16 and top > h.top
    assert [x.state for x in h.chunks()] == ["meta"]


def test_chunks_show_holes() -> None:
    h = MallocHeap()
    a, b, c = h.malloc(24), h.malloc(2000), h.malloc(24)
    h.free(b)
    assert h.chunks() == [
        ChunkView(HEAP_START, HEAP_START + 16, 0x290, True, "meta"),
        ChunkView(a - 16, a, 32, True, "used"),
        ChunkView(b - 16, b, 2016, False, "free"),
        ChunkView(c - 16, c, 32, True, "used"),
    ]
    h.free(a)
    assert [(x.user, x.in_use, x.state) for x in h.chunks()[1:]] == [
        (a, False, "tcache"), (b, False, "free"), (c, True, "used")]


def test_realloc_grows_in_place_at_top() -> None:
    h = MallocHeap()
    a = h.malloc(32)
    assert h.realloc(a, 64) == a
    assert h.realloc(a, 4000) == a
    assert h.top == a - 16 + chunk_size(4000)
    assert h.realloc(a, 10) == a             # shrinking stays put
    assert h.chunks()[1].size == 32
    assert h.reallocs == 3 and h.allocs == 1


def test_realloc_moves_when_blocked() -> None:
    h = MallocHeap()
    a = h.malloc(32)
    b = h.malloc(32)
    a2 = h.realloc(a, 100)                   # b sits after a: move
    assert a2 != a and a2 > b
    copies = [t for t in h.touched() if t[1] == chunk_size(32) - 8]
    assert copies == [(a, 40, False), (a2, 40, True)]   # memcpy of the usable size
    assert {c.user: c.state for c in h.chunks()}[a] == "tcache"   # old chunk freed
    assert h.malloc(32) == a                 # and reused


def test_realloc_extends_into_free_next_chunk() -> None:
    h = MallocHeap()
    a = h.malloc(2000)
    b = h.malloc(2000)
    _guard = h.malloc(24)
    h.free(b)                                # 2016-byte free chunk after a
    assert h.realloc(a, 2500) == a           # 2512 of the 4032 bytes
    tail = [c for c in h.chunks() if c.user > a][0]
    assert (tail.addr, tail.size, tail.state) == (a - 16 + 2512, 1520, "free")
    h.free(a)
    a = h.malloc(2000)
    assert h.realloc(a, 3000) == a           # leaves 1024 bytes, which go to tcache
    tail = [c for c in h.chunks() if c.user > a][0]
    assert (tail.size, tail.state) == (1024, "tcache")


def test_mmap_for_large_requests() -> None:
    h = MallocHeap()
    big = h.malloc(200_000)
    assert big == MMAP_TOP - 0x31000 + 16    # page-rounded 200_000 + 16
    assert h.chunks()[-1].state == "mmap"
    grown = h.realloc(big, 400_000)          # mremap: nothing free above it -> moves
    assert grown != big and grown % 4096 == 16
    assert all(t[1] <= 8 for t in h.touched())   # no copy: pages are remapped
    h.free(grown)
    assert h.mmap_threshold == 0x62000       # raised to the freed mapping
    assert HEAP_START < h.malloc(200_000) < MMAP_TOP - (1 << 30)   # now from the heap


def test_calloc_zeroes_only_possibly_dirty_memory() -> None:
    h = MallocHeap()
    a = h.calloc(100)                        # top memory: glibc clears it
    assert (a, 104, True) in h.touched()
    b = h.calloc(130_000)                    # still fits the first 0x21000 sbrk
    assert (b, chunk_size(130_000) - 8, True) in h.touched()
    c = h.calloc(120_000)                    # needs more break: only the old top part
    left = 0x21000 - 0x290 - 112 - chunk_size(130_000)
    assert (c, left - 8, True) in h.touched()
    d = h.calloc(300_000)                    # a fresh mapping is already zero
    assert d > MMAP_TOP - (1 << 30) and not [t for t in h.touched() if t[1] > 16]


def test_counters_and_touched() -> None:
    h = MallocHeap()
    a = h.malloc(10)
    assert any(addr == a - 8 and w for addr, _, w in h.touched())  # wrote the size field
    h.free(a)
    assert any(addr == a and w for addr, _, w in h.touched())      # wrote the tcache link
    a = h.calloc(5)
    h.realloc(a, 300)
    assert (h.allocs, h.frees, h.reallocs, h.bytes_requested) == (2, 1, 1, 10 + 5 + 300)
    with pytest.raises(ValueError):
        h.free(a + 8)
    b = h.malloc(10)
    assert h.realloc(b, 0) == 0              # glibc: realloc to 0 frees
    assert {c.user: c.state for c in h.chunks()}[b] == "tcache"
    with pytest.raises(ValueError):
        h.free(b)                            # double free


# -- differential: the real glibc ---------------------------------------------

def _gen(seed: int, n: int, maxsz: int) -> list[tuple[str, int, int]]:
    rng = random.Random(seed)
    ops: list[tuple[str, int, int]] = [("m", 0, 1)]   # anchors the heap base
    live: list[int] = [0]
    nid = 1
    for _ in range(n):
        k = rng.random()
        if k < 0.45 or not live:
            ops.append(("m", nid, rng.choice([rng.randint(1, 64), rng.randint(1, maxsz)])))
        elif k < 0.55:
            ops.append(("c", nid, rng.randint(1, maxsz)))
        elif k < 0.8:
            ops.append(("f", live.pop(rng.randrange(len(live))), 0))
            continue
        else:
            ops.append(("r", rng.choice(live), rng.randint(1, maxsz)))
            continue
        live.append(nid)
        nid += 1
    return ops


def _c_program(ops: list[tuple[str, int, int]]) -> str:
    n = max(i for _, i, _ in ops) + 1
    body = []
    for k, (op, i, sz) in enumerate(ops):
        call = {"m": f"malloc({sz})", "c": f"calloc(1, {sz})", "r": f"realloc(p[{i}], {sz})"}.get(op)
        body.append(f"free(p[{i}]);" if call is None else f"p[{i}] = {call}; out[{k}] = (uintptr_t)p[{i}];")
    return "\n".join([
        "#include <stdio.h>", "#include <stdlib.h>", "#include <stdint.h>",
        f"static void *p[{n}]; static uintptr_t out[{len(ops)}];",
        "int main(void) {", *body,
        "uintptr_t heap = out[0] - 0x2a0;",
        f"for (int k = 0; k < {len(ops)}; k++)",
        '  printf("%ld\\n", !out[k] ? 0L : out[k] > 0x700000000000 ? -1L : (long)(out[k] - heap));',
        "return 0; }",
    ])


def _model(ops: list[tuple[str, int, int]]) -> list[int]:
    h = MallocHeap()
    p: dict[int, int] = {}
    out = []
    for op, i, sz in ops:
        if op == "f":
            h.free(p[i])
            out.append(0)
            continue
        p[i] = h.malloc(sz) if op == "m" else h.calloc(sz) if op == "c" else h.realloc(p[i], sz)
        out.append(-1 if p[i] > MMAP_TOP - (1 << 40) else p[i] - HEAP_START)
    return out


@pytest.mark.differential
@pytest.mark.parametrize("seed,n,maxsz", [(1, 1500, 100), (2, 1500, 1500), (3, 1000, 70_000), (4, 300, 400_000)])
def test_matches_real_glibc(tmp_path: Path, seed: int, n: int, maxsz: int) -> None:
    cc = shutil.which("cc") or shutil.which("gcc")
    name, version = platform.libc_ver()
    if cc is None or name != "glibc" or tuple(map(int, version.split(".")[:2])) < (2, 35):
        pytest.skip("needs a C compiler and glibc >= 2.35")
    ops = _gen(seed, n, maxsz)
    (tmp_path / "t.c").write_text(_c_program(ops))
    subprocess.run([cc, "-O0", "-o", str(tmp_path / "t"), str(tmp_path / "t.c")], check=True)
    run = subprocess.run([str(tmp_path / "t")], capture_output=True, text=True, check=True)
    real = [int(x) for x in run.stdout.split()]
    model = _model(ops)
    first = next((k for k in range(len(ops)) if real[k] != model[k]), None)
    assert first is None, f"op {first} {ops[first]}: glibc {real[first]:#x}, model {model[first]:#x}"


@pytest.mark.parametrize("bad", [FIRST + 8, FIRST + 16, HEAP_START - 0x1000, HEAP_START + (1 << 30), 0x10])
def test_bad_pointers_are_refused(bad: int) -> None:
    """free and realloc of an address where no chunk starts (inside a chunk,
    misaligned, outside the arena) raise; the heap is unchanged."""
    h = MallocHeap()
    a = h.malloc(40)
    assert a == FIRST
    before = h.chunks()
    with pytest.raises(ValueError, match="invalid pointer"):
        h.free(bad)
    with pytest.raises(ValueError, match="invalid pointer"):
        h.realloc(bad, 64)
    assert h.chunks() == before


def test_double_free_is_refused() -> None:
    h = MallocHeap()
    a = h.malloc(40)
    h.free(a)
    with pytest.raises(ValueError, match="invalid pointer"):
        h.free(a)
