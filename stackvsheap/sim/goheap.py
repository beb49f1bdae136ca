"""Go's heap allocator (mallocgc), modelled on the Go 1.27 amd64 runtime.

What is modelled (file references are to $GOROOT/src):
  * size classes: internal/runtime/gc/sizeclasses.go, copied below;
  * mallocgc's dispatch (runtime/malloc.go): size 0 returns &zerobase; noscan
    objects < 16 B go to the tiny allocator; small objects (<= 32768 - 8 B)
    go to a span of their span class (class<<1 | noscan); the rest are large,
    one span of whole pages each (mallocgcLarge, class 0);
  * the malloc header: pointerful objects > 512 B (heapBitsInSpan false)
    get an 8-byte type header in front, so their class is chosen for size+8
    and the returned pointer is 8 bytes into the slot
    (mallocgcSmallScanHeader);
  * the tiny allocator, exactly as mallocgcTiny: the alignment rule, the
    16-byte block from the 16-byte noscan span class, and replacing the
    current block only when the new one has more room left;
  * objects per span: mheap.initSpan with the GreenTea GC (default since Go
    1.26): spans of 16..512-byte objects reserve 128 B of inline mark bits
    (spanInlineMarkBits) and pointerful spans of <= 512-byte objects reserve
    npages*8192/64 B of pointer bitmap, so e.g. a 16-byte noscan span holds
    504 objects, not 512;
  * slots: the lowest free slot of the span (nextFreeFast over allocBits).

Simplified:
  * addresses start at 0xc000000000 (Go 1.27 randomises the arena base by
    default; we keep the familiar one) and pages come from a first-fit,
    lowest-address page allocator (the runtime's pageAlloc also finds the
    lowest free address; per-P page caches are not modelled);
  * `free(obj)` means "the GC swept it": the slot is reusable immediately,
    an emptied small span returns its pages like sweep's freeSpan, and the
    next allocation of that span class uses the lowest-address span with a
    free slot (as after the mcache flush at each GC cycle); `end_cycle()`
    drops the tiny block like mcache.releaseAll;
  * no scavenging, arenas, stacks or runtime-internal allocations.

Object ids are `span_id << 10 | slot` (MaxObjsPerSpan = 1024); a tiny
allocation returns the id of its shared 16-byte block. Ids are reused after
free, like addresses. State lives in flat lists indexed by span id.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

# internal/runtime/gc/sizeclasses.go: SizeClassToSize, SizeClassToNPages.
CLASS_TO_SIZE: tuple[int, ...] = (
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240,
    256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024,
    1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864,
    5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568,
    14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768,
)
CLASS_TO_NPAGES: tuple[int, ...] = (
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1,
    7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4,
)
PAGE_SIZE = 8192                  # gc.PageShift = 13
MAX_SMALL_SIZE = 32768            # gc.MaxSmallSize
TINY_SIZE = 16                    # gc.TinySize (maxTinySize)
TINY_SIZE_CLASS = 2               # gc.TinySizeClass
MALLOC_HEADER_SIZE = 8            # gc.MallocHeaderSize
MIN_SIZE_FOR_MALLOC_HEADER = 512  # gc.MinSizeForMallocHeader = PtrSize * 64
MAX_OBJS_PER_SPAN = 1024          # gc.MaxObjsPerSpan
INLINE_MARK_BITS = 128            # sizeof(spanInlineMarkBits): 63+1+63+1
ARENA_BASE = 0xC000000000         # arenaBaseOffset-free amd64 hint address
# &runtime.zerobase in a small Go 1.27 linux/amd64 binary (varies per binary).
ZEROBASE = 0x596FC0
ZERO_OBJ = -1                     # the object id of zero-size allocations

_MAX_SMALL_REQ = MAX_SMALL_SIZE - MALLOC_HEADER_SIZE  # mallocgc's small limit
_TINY_SPC = TINY_SIZE_CLASS << 1 | 1                  # tinySpanClass
_SLOT_BITS = 10

# Smallest class whose size fits, for every small size (what the runtime's
# SizeToSizeClass8/128 tables encode).
_SIZE_TO_CLASS: list[int] = [
    bisect_left(CLASS_TO_SIZE, s, 1) if s else 0 for s in range(MAX_SMALL_SIZE + 1)
]


def _needs_header(size: int, noscan: bool) -> bool:
    return not noscan and size > MIN_SIZE_FOR_MALLOC_HEADER


def size_class(size: int, noscan: bool = True) -> int:
    """The runtime's size class for an allocation, 0 for large (and size 0)."""
    if size <= 0 or size > _MAX_SMALL_REQ:
        return 0
    if _needs_header(size, noscan):
        size += MALLOC_HEADER_SIZE
    return _SIZE_TO_CLASS[size]


def rounded_size(size: int, noscan: bool = True) -> int:
    """Bytes the heap spends on the allocation: its class size, or whole pages."""
    if size <= 0:
        return 0
    c = size_class(size, noscan)
    if c:
        return CLASS_TO_SIZE[c]
    return -(-size // PAGE_SIZE) * PAGE_SIZE


def span_nelems(sizeclass: int, noscan: bool) -> int:
    """Objects per span, as mheap.initSpan computes it under GreenTea GC."""
    elem = CLASS_TO_SIZE[sizeclass]
    nbytes = CLASS_TO_NPAGES[sizeclass] * PAGE_SIZE
    reserve = 0
    if 16 <= elem <= MIN_SIZE_FOR_MALLOC_HEADER:  # gcUsesSpanInlineMarkBits
        reserve += INLINE_MARK_BITS
    if elem <= MIN_SIZE_FOR_MALLOC_HEADER and not noscan:  # heap bits at span end
        reserve += nbytes // 8 // 8
    return (nbytes - reserve) // elem


_NELEMS: tuple[int, ...] = tuple(
    span_nelems(spc >> 1, bool(spc & 1)) if spc >> 1 else 1
    for spc in range(2 * len(CLASS_TO_SIZE))
)


@dataclass(frozen=True, slots=True)
class SpanView:
    """One span, for the UI. `used[i]` is slot i's allocation bit (nelems
    entries, at most 1024; a large span has one). `npages` spans
    [base, base + npages*8192)."""

    base: int
    size_class: int
    elem_size: int
    nelems: int
    noscan: bool
    large: bool
    used: tuple[bool, ...]
    npages: int


class GoHeap:
    """The Go heap of one simulated program (one P, one mcache)."""

    def __init__(self) -> None:
        # Per span id (never reused).
        self._base: list[int] = []
        self._spc: list[int] = []       # span class: sizeclass<<1 | noscan
        self._elem: list[int] = []
        self._nelems: list[int] = []
        self._npages: list[int] = []
        self._bits: list[int] = []      # allocBits, bit i = slot i in use
        self._count: list[int] = []     # allocCount
        self._alive: list[bool] = []
        # Per span class: live span ids, and the mcache's current span.
        self._class_spans: list[list[int]] = [[] for _ in range(2 * len(CLASS_TO_SIZE))]
        self._cur: list[int] = [-1] * (2 * len(CLASS_TO_SIZE))
        # Page allocator: free runs [start page, npages], sorted; pages >= _top are fresh.
        self._free_runs: list[list[int]] = []
        self._top = 0
        # Tiny allocator (mcache.tiny / tinyoffset); _tiny_obj -1 = none.
        self._tiny_addr = 0
        self._tiny_off = 0
        self._tiny_obj = -1
        self.live_bytes = 0     # sum of object_size over live objects
        self.total_bytes = 0    # cumulative object bytes allocated (new tiny blocks once)
        self.allocs = 0         # mallocgc calls with size > 0 (testing.AllocsPerRun)

    # -- allocation -------------------------------------------------------

    def alloc(self, size: int, noscan: bool) -> tuple[int, int]:
        """Allocate `size` bytes; return (address, object id)."""
        if size <= 0:
            return ZEROBASE, ZERO_OBJ
        self.allocs += 1
        if size > _MAX_SMALL_REQ:
            return self._alloc_large(size, noscan)
        if noscan:
            if size < TINY_SIZE:
                return self._alloc_tiny(size)
            return self._alloc_small(_SIZE_TO_CLASS[size] << 1 | 1)
        if size > MIN_SIZE_FOR_MALLOC_HEADER:
            addr, obj = self._alloc_small(_SIZE_TO_CLASS[size + MALLOC_HEADER_SIZE] << 1)
            return addr + MALLOC_HEADER_SIZE, obj
        return self._alloc_small(_SIZE_TO_CLASS[size] << 1)

    def _alloc_tiny(self, size: int) -> tuple[int, int]:
        off = self._tiny_off
        # malloc.go mallocgcTiny: conservative alignment (the 12-byte rule
        # only applies when PtrSize == 4).
        if size & 7 == 0:
            off = (off + 7) & ~7
        elif size & 3 == 0:
            off = (off + 3) & ~3
        elif size & 1 == 0:
            off = (off + 1) & ~1
        if off + size <= TINY_SIZE and self._tiny_obj >= 0:
            self._tiny_off = off + size
            return self._tiny_addr + off, self._tiny_obj
        addr, obj = self._alloc_small(_TINY_SPC)
        # Keep whichever block has more room left.
        if size < self._tiny_off or self._tiny_obj < 0:
            self._tiny_addr = addr
            self._tiny_obj = obj
            self._tiny_off = size
        return addr, obj

    def _alloc_small(self, spc: int) -> tuple[int, int]:
        s = self._cur[spc]
        if s < 0 or self._count[s] == self._nelems[s]:
            s = self._refill(spc)
        bits = self._bits[s]
        slot = (~bits & (bits + 1)).bit_length() - 1   # lowest zero bit
        self._bits[s] = bits | (1 << slot)
        self._count[s] += 1
        elem = self._elem[s]
        self.live_bytes += elem
        self.total_bytes += elem
        return self._base[s] + slot * elem, s << _SLOT_BITS | slot

    def _refill(self, spc: int) -> int:
        """mcache.refill: the lowest-address span of the class with room, else a new one."""
        best = -1
        for s in self._class_spans[spc]:
            if self._count[s] < self._nelems[s] and (best < 0 or self._base[s] < self._base[best]):
                best = s
        if best < 0:
            c = spc >> 1
            best = self._new_span(spc, CLASS_TO_NPAGES[c], CLASS_TO_SIZE[c], _NELEMS[spc])
        self._cur[spc] = best
        return best

    def _alloc_large(self, size: int, noscan: bool) -> tuple[int, int]:
        npages = -(-size // PAGE_SIZE)
        nbytes = npages * PAGE_SIZE
        s = self._new_span(int(noscan), npages, nbytes, 1)
        self._bits[s] = 1
        self._count[s] = 1
        self.live_bytes += nbytes
        self.total_bytes += nbytes
        return self._base[s], s << _SLOT_BITS

    def _new_span(self, spc: int, npages: int, elem: int, nelems: int) -> int:
        s = len(self._base)
        self._base.append(ARENA_BASE + self._alloc_pages(npages) * PAGE_SIZE)
        self._spc.append(spc)
        self._elem.append(elem)
        self._nelems.append(nelems)
        self._npages.append(npages)
        self._bits.append(0)
        self._count.append(0)
        self._alive.append(True)
        if spc >> 1:
            self._class_spans[spc].append(s)
        return s

    # -- pages --------------------------------------------------------------

    def _alloc_pages(self, n: int) -> int:
        for i, run in enumerate(self._free_runs):
            if run[1] >= n:
                start = run[0]
                if run[1] == n:
                    del self._free_runs[i]
                else:
                    run[0] += n
                    run[1] -= n
                return start
        start = self._top
        self._top += n
        return start

    def _free_pages(self, start: int, n: int) -> None:
        runs = self._free_runs
        i = 0
        while i < len(runs) and runs[i][0] < start:
            i += 1
        runs.insert(i, [start, n])
        if i + 1 < len(runs) and start + n == runs[i + 1][0]:   # merge right
            runs[i][1] += runs[i + 1][1]
            del runs[i + 1]
        if i > 0 and runs[i - 1][0] + runs[i - 1][1] == start:  # merge left
            runs[i - 1][1] += runs[i][1]
            del runs[i]
            i -= 1
        if runs[i][0] + runs[i][1] == self._top:                 # back to fresh
            self._top = runs[i][0]
            del runs[i]

    # -- freeing (sweep) -----------------------------------------------------

    def free(self, obj: int) -> None:
        """Free an allocator object, as the GC's sweep would."""
        if obj < 0:
            return
        s = obj >> _SLOT_BITS
        bit = 1 << (obj & (MAX_OBJS_PER_SPAN - 1))
        if s >= len(self._base) or not self._alive[s] or not self._bits[s] & bit:
            raise ValueError(f"free of an object that is not allocated: {obj}")
        self._bits[s] ^= bit
        self._count[s] -= 1
        self.live_bytes -= self._elem[s]
        if obj == self._tiny_obj:
            self._tiny_obj = -1
            self._tiny_off = 0
        spc = self._spc[s]
        if self._count[s] == 0:
            # sweep: an empty span goes back to the page heap (mheap.freeSpan).
            self._alive[s] = False
            self._free_pages((self._base[s] - ARENA_BASE) // PAGE_SIZE, self._npages[s])
            if spc >> 1:
                self._class_spans[spc].remove(s)
        if spc >> 1:
            self._cur[spc] = -1  # next allocation refills: lowest span with room

    def end_cycle(self) -> None:
        """End of a GC cycle: mcache.releaseAll drops the tiny block."""
        self._tiny_obj = -1
        self._tiny_off = 0
        self._cur = [-1] * len(self._cur)

    # -- queries ---------------------------------------------------------------

    def object_size(self, obj: int) -> int:
        """Bytes of the object's slot (its class size, or its pages)."""
        if obj < 0:
            return 0
        return self._elem[obj >> _SLOT_BITS]

    def object_base(self, obj: int) -> int:
        """Start address of the object's slot (before any malloc header)."""
        if obj < 0:
            return ZEROBASE
        s = obj >> _SLOT_BITS
        return self._base[s] + (obj & (MAX_OBJS_PER_SPAN - 1)) * self._elem[s]

    def is_live(self, obj: int) -> bool:
        s = obj >> _SLOT_BITS
        return (
            obj >= 0 and s < len(self._base) and self._alive[s]
            and bool(self._bits[s] >> (obj & (MAX_OBJS_PER_SPAN - 1)) & 1)
        )

    @property
    def heap_end(self) -> int:
        """One past the highest page ever handed out."""
        return ARENA_BASE + self._top * PAGE_SIZE

    def spans(self) -> list[SpanView]:
        """Live spans in address order."""
        out: list[SpanView] = []
        for s in range(len(self._base)):
            if not self._alive[s]:
                continue
            spc, bits, n = self._spc[s], self._bits[s], self._nelems[s]
            out.append(SpanView(
                base=self._base[s], size_class=spc >> 1, elem_size=self._elem[s],
                nelems=n, noscan=bool(spc & 1), large=spc >> 1 == 0,
                used=tuple(bool(bits >> i & 1) for i in range(n)),
                npages=self._npages[s],
            ))
        out.sort(key=lambda v: v.base)
        return out
