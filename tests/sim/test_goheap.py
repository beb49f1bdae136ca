"""Go allocator model: size classes, tiny allocator, spans, reuse, large objects."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stackvsheap.sim.goheap import (
    ARENA_BASE, CLASS_TO_NPAGES, CLASS_TO_SIZE, MAX_SMALL_SIZE, PAGE_SIZE, TINY_SIZE,
    ZEROBASE, ZERO_OBJ, GoHeap, rounded_size, size_class, span_nelems,
)


def _goroot() -> Path | None:
    go = shutil.which("go")
    if go is None:
        return None
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOPROXY": "off", "HOME": os.environ.get("HOME", "/tmp")}
    try:
        out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=env, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    root = Path(out.stdout.strip())
    return root if root.is_dir() else None


def _go_table(src: str, name: str) -> list[int]:
    m = re.search(r"(?:" + name + r") = \[[^\]]+\]uint\d+\{([^}]*)\}", src)
    assert m, name
    return [int(x) for x in m.group(1).split(",")]


def test_tables_match_runtime_source() -> None:
    root = _goroot()
    if root is None:
        pytest.skip("no Go toolchain")
    path = next((p for p in (root / "src/internal/runtime/gc/sizeclasses.go",
                             root / "src/runtime/sizeclasses.go") if p.exists()), None)
    if path is None:
        pytest.skip("sizeclasses.go not found")
    src = path.read_text()
    assert tuple(_go_table(src, "SizeClassToSize|class_to_size")) == CLASS_TO_SIZE
    assert tuple(_go_table(src, "SizeClassToNPages|class_to_allocnpages")) == CLASS_TO_NPAGES
    # mallocgc's lookup: SizeToSizeClass8 up to 1024 - 8, SizeToSizeClass128 above.
    by8 = _go_table(src, "SizeToSizeClass8|size_to_class8")
    by128 = _go_table(src, "SizeToSizeClass128|size_to_class128")
    for size in range(1, MAX_SMALL_SIZE - 8 + 1):
        want = by8[(size + 7) // 8] if size <= 1024 - 8 else by128[(size - 1024 + 127) // 128]
        assert size_class(size) == want, size


@pytest.mark.parametrize("size,cls,rounded", [
    (1, 1, 8), (8, 1, 8), (9, 2, 16), (17, 3, 24), (24, 3, 24), (33, 5, 48),
    (1024, 32, 1024), (1025, 33, 1152), (32760, 67, 32768),
    (32768, 0, 32768), (32769, 0, 40960), (100_000, 0, 106496),
])
def test_size_classes(size: int, cls: int, rounded: int) -> None:
    assert size_class(size) == cls
    assert rounded_size(size) == rounded


def test_malloc_header_for_big_pointerful_objects() -> None:
    # > 512 bytes with pointers: an 8-byte type header is added first.
    assert size_class(512, noscan=False) == size_class(512) == 26
    assert size_class(1024, noscan=False) == 33 and rounded_size(1024, noscan=False) == 1152
    h = GoHeap()
    addr, obj = h.alloc(1024, noscan=False)
    assert addr == h.object_base(obj) + 8
    assert h.object_size(obj) == 1152


def test_zero_size() -> None:
    h = GoHeap()
    assert h.alloc(0, True) == (ZEROBASE, ZERO_OBJ)
    assert h.alloc(0, False) == (ZEROBASE, ZERO_OBJ)
    assert h.allocs == 0 and h.live_bytes == 0 and h.spans() == []
    h.free(ZERO_OBJ)  # no-op


def test_tiny_packing() -> None:
    h = GoHeap()
    a, oa = h.alloc(8, True)
    b, ob = h.alloc(8, True)
    assert oa == ob and b == a + 8 and a == ARENA_BASE
    c, oc = h.alloc(8, True)               # block full: a new 16-byte block
    assert oc != oa and c == a + 16
    assert h.allocs == 3 and h.live_bytes == 32
    [span] = h.spans()
    assert (span.size_class, span.elem_size, span.noscan) == (2, 16, True)
    assert span.used[:3] == (True, True, False)


def test_tiny_alignment() -> None:
    h = GoHeap()
    a, o = h.alloc(1, True)                # off 0
    b, _ = h.alloc(4, True)                # size&3 == 0: align 4 -> off 4
    c, _ = h.alloc(2, True)                # align 2 -> off 8
    d, _ = h.alloc(3, True)                # odd: no alignment -> off 10
    e, oe = h.alloc(8, True)               # align 8 -> 16: does not fit
    assert [x - a for x in (b, c, d)] == [4, 8, 10]
    assert oe != o and e == a + 16
    # The new block was left with 8 bytes free, the old one 3 (16 - 13):
    f, of = h.alloc(3, True)
    assert of == oe and f == e + 8


def test_tiny_keeps_the_roomier_block() -> None:
    h = GoHeap()
    a, oa = h.alloc(2, True)               # tinyoffset 2
    b, ob = h.alloc(15, True)              # does not fit; 15 > 2: keep the old block
    c, oc = h.alloc(2, True)
    assert ob != oa and oc == oa and c == a + 2


def test_pointerful_small_objects_skip_tiny() -> None:
    h = GoHeap()
    a, oa = h.alloc(8, True)
    b, ob = h.alloc(8, False)              # *int: scan span class, own span
    c, oc = h.alloc(8, False)
    assert ob != oa and oc != ob and c == b + 8
    spans = h.spans()
    assert [(s.size_class, s.noscan) for s in spans] == [(2, True), (1, False)]
    assert b == spans[1].base


def test_distinct_spans_per_span_class() -> None:
    h = GoHeap()
    sizes = [(16, True), (24, True), (24, False), (48, True), (1000, True), (9000, False)]
    addrs = [h.alloc(sz, ns)[0] for sz, ns in sizes]
    spans = h.spans()
    assert len(spans) == len(sizes)
    assert [s.base for s in spans] == sorted(s.base for s in spans)
    for addr, s in zip(addrs, spans):
        assert s.base <= addr < s.base + s.npages * PAGE_SIZE
    # Consecutive spans are packed page after page from the arena base.
    assert spans[0].base == ARENA_BASE
    for s, nxt in zip(spans, spans[1:]):
        assert nxt.base == s.base + s.npages * PAGE_SIZE


def test_nelems_follow_greentea_initspan() -> None:
    assert span_nelems(1, True) == 1024      # 8-byte noscan: no reserve
    assert span_nelems(1, False) == 1008     # pointer bitmap: 128 bytes
    assert span_nelems(2, True) == 504       # inline mark bits: 128 bytes
    assert span_nelems(2, False) == 496      # both
    assert span_nelems(67, True) == 1
    assert span_nelems(35, True) == 11       # 1408 B in 2 pages


def test_new_span_when_full() -> None:
    h = GoHeap()
    n = span_nelems(10, True)                # 128-byte objects
    addrs = [h.alloc(128, True)[0] for _ in range(n + 1)]
    s0, s1 = h.spans()
    assert all(s0.used) and s1.used[:2] == (True, False)
    assert addrs[n - 1] == s0.base + (n - 1) * 128
    assert addrs[n] == s1.base == s0.base + PAGE_SIZE


def test_slot_reuse_after_free() -> None:
    h = GoHeap()
    objs = [h.alloc(32, True) for _ in range(5)]
    h.free(objs[3][1])
    h.free(objs[1][1])
    assert h.live_bytes == 3 * 32
    assert h.alloc(32, True) == objs[1]      # lowest free slot first
    assert h.alloc(32, True) == objs[3]
    assert h.alloc(32, True)[0] == objs[4][0] + 32
    with pytest.raises(ValueError):
        h.free(objs[0][1]) or h.free(objs[0][1])


def test_free_tiny_block_resets_tiny_allocator() -> None:
    h = GoHeap()
    a, o = h.alloc(4, True)
    h.free(o)                                # the emptied span is released too
    b, o2 = h.alloc(4, True)
    assert b == a                            # same place, fresh block (offset 0)
    c, o3 = h.alloc(4, True)
    assert o3 == o2 and c == b + 4
    h.end_cycle()                            # mcache flush drops the tiny block
    d, o4 = h.alloc(4, True)
    assert o4 != o2


def test_large_objects() -> None:
    h = GoHeap()
    small, _ = h.alloc(64, True)
    big, ob = h.alloc(40000, False)
    assert h.object_size(ob) == 5 * PAGE_SIZE and big % PAGE_SIZE == 0
    [s_small, s_big] = h.spans()
    assert s_big.large and s_big.size_class == 0 and s_big.nelems == 1 and not s_big.noscan
    assert s_big.base == big == s_small.base + PAGE_SIZE
    after, _ = h.alloc(40000, True)
    assert after == big + 5 * PAGE_SIZE
    h.free(ob)                               # its pages return to the heap...
    assert [s.base for s in h.spans()] == [s_small.base, after]
    again, _ = h.alloc(3 * PAGE_SIZE, True)  # ...and are reused first-fit
    assert again == big
    assert h.live_bytes == 64 + 5 * PAGE_SIZE + 3 * PAGE_SIZE
    assert h.allocs == 4


def test_empty_span_returns_its_pages() -> None:
    h = GoHeap()
    _, a = h.alloc(16, False)
    b_addr, _ = h.alloc(48, True)
    h.free(a)
    assert [s.size_class for s in h.spans()] == [5]
    c_addr, _ = h.alloc(64, True)            # class 6 takes the freed first page
    assert c_addr == ARENA_BASE and b_addr == ARENA_BASE + PAGE_SIZE


def test_counters_and_ids() -> None:
    h = GoHeap()
    ids = {h.alloc(sz, sz % 2 == 0)[1] for sz in range(1, 200)}
    assert h.allocs == 199
    assert h.live_bytes == sum(h.object_size(o) for o in ids)
    for o in ids:
        assert h.is_live(o)
        h.free(o)
    assert h.live_bytes == 0 and h.spans() == []
    assert h.total_bytes > 0


def test_tiny_size_constant() -> None:
    assert TINY_SIZE == 16 and MAX_SMALL_SIZE == 32768
