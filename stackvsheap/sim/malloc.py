"""A glibc malloc (ptmalloc2 as in glibc 2.36, x86-64, main arena) for Rust.

Rust's default allocator on Linux calls malloc/calloc/realloc/free. This
follows malloc/malloc.c closely enough that, for one thread and no ASLR, the
addresses it returns are glibc's: checked against the machine's glibc with
random malloc/calloc/realloc/free sequences (see tests/sim/test_malloc.py).

Modelled (names are malloc.c's):
  * chunks: request2size = max(32, (req + 8 + 15) & ~15), 16-byte aligned user
    pointers, the size field 8 bytes before the user pointer;
  * the heap starts with glibc's 0x290-byte tcache_perthread_struct chunk, so
    the first user pointer is HEAP_START + 0x2a0; the first sbrk is 0x21000
    (0x290 + 128 KiB top_pad + MINSIZE, page-rounded); sysmalloc grows the
    break by the shortfall + top_pad; free trims top (systrim) past 128 KiB;
  * tcache (7 chunks per size up to 0x410, LIFO), fastbins (up to 0x80, LIFO,
    not coalesced, stashed into tcache on use), the unsorted bin (FIFO, exact
    fits stashed into tcache, last_remainder for small requests), small bins
    (FIFO, stashing), large bins (sorted, best fit, "second position" rule),
    the binmap search for the next non-empty bin, malloc_consolidate, and
    coalescing with free neighbours and top;
  * calloc (Rust's alloc_zeroed) skips tcache (_int_malloc directly) and only
    zeroes memory that may be dirty (below the highest break reached);
  * mmap: a request >= mmap_threshold (128 KiB, raised by free of a mapped
    chunk, up to 32 MiB) that top cannot serve gets its own page-rounded
    mapping (user pointer = mapping + 0x10), placed top-down below MMAP_TOP
    like the kernel's mmap layout; realloc of one uses mremap: in place if
    the pages above are free, else moved, without copying (pages are remapped);
  * realloc (_int_realloc): same chunk if big enough, else grow into top or a
    free next chunk, else _int_malloc + memcpy + _int_free (no copy if the new
    chunk is the next one); a tail >= 32 bytes is split off and freed.

Not modelled: threads/arenas, mallopt and tunables, malloc_trim, the
unsorted-scan iteration cap, memory tagging, and the exact pointer mangling.

`touched()` lists the memory malloc itself touched in the last call, as
(address, size, is_write): size fields, free-list links inside free chunks,
tcache counts/entries, main_arena's top and fastbin slots (libc data), and
realloc's memcpy / calloc's memset as ONE access each over the whole region
(the cache splits it into lines). It is representative, not instruction-exact.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

HEAP_START = 0x5555_5555_9000   # brk start of a small PIE without ASLR
MMAP_TOP = 0x7FFF_F7C0_0000     # anonymous mappings go below libc (no ASLR)
MAIN_ARENA = 0x7FFF_F7E1_9C80   # &main_arena in libc.so.6 (no ASLR)
ARENA_FASTBINS = MAIN_ARENA + 0x10  # main_arena.fastbinsY[10]
ARENA_TOP = MAIN_ARENA + 0x60   # main_arena.top
PAGE = 4096
SIZE_SZ = 8
MINSIZE = 32
TCACHE_CHUNK = 0x290            # tcache_perthread_struct + chunk header
TCACHE_MAX_CHUNK = 0x410        # csize2tidx < TCACHE_MAX_BINS (64)
TCACHE_COUNT = 7                # mp_.tcache_count
MAX_FAST = 0x80                 # global_max_fast (DEFAULT_MXFAST 64*8/4)
MIN_LARGE = 0x400               # MIN_LARGE_SIZE: smallbins are below
TOP_PAD = 128 * 1024            # DEFAULT_TOP_PAD (malloc-machine.h)
MMAP_THRESHOLD = 128 * 1024     # DEFAULT_MMAP_THRESHOLD_MIN
MMAP_THRESHOLD_MAX = 32 << 20   # DEFAULT_MMAP_THRESHOLD_MAX on 64-bit
TRIM_THRESHOLD = 128 * 1024     # DEFAULT_TRIM_THRESHOLD
CONSOLIDATION_THRESHOLD = 65536  # FASTBIN_CONSOLIDATION_THRESHOLD

_TC_COUNTS = HEAP_START + 0x10          # uint16_t counts[64]
_TC_ENTRIES = HEAP_START + 0x10 + 0x80  # tcache_entry *entries[64]
_UNSORTED = 1                           # bin index of the unsorted bin

# Chunk states (glibc's view in brackets).
USED = 0     # allocated
TCACHE = 1   # in tcache: free for the program [in use]
FAST = 2     # in a fastbin [in use]
FREE = 3     # in the unsorted, small or large bins [free]
_STATE_NAMES = {USED: "used", TCACHE: "tcache", FAST: "fastbin", FREE: "free"}
_STATE = 15       # MallocHeap._cs values: size | state (0: no chunk starts there)
_SIZE = ~_STATE
_NONE = _STATE    # _lookup default for "no such chunk": a state no chunk has


def chunk_size(request: int) -> int:
    """request2size: the chunk that holds a request of `request` bytes."""
    return max(MINSIZE, (request + SIZE_SZ + 15) & ~15)


def bin_index(size: int) -> int:
    """smallbin_index / largebin_index_64 of a chunk size."""
    if size < MIN_LARGE:
        return size >> 4
    if size >> 6 <= 48:
        return 48 + (size >> 6)
    if size >> 9 <= 20:
        return 91 + (size >> 9)
    if size >> 12 <= 10:
        return 110 + (size >> 12)
    if size >> 15 <= 4:
        return 119 + (size >> 15)
    if size >> 18 <= 2:
        return 124 + (size >> 18)
    return 126


def _page_up(n: int) -> int:
    return (n + PAGE - 1) & ~(PAGE - 1)


@dataclass(frozen=True, slots=True)
class ChunkView:
    """One chunk. `state`: 'used', 'tcache', 'fastbin' (freed, still marked
    in use by glibc), 'free' (in a bin), 'mmap' (own mapping, in use) or
    'meta' (glibc's tcache struct, in use). Top is not listed."""

    addr: int
    user: int
    size: int
    in_use: bool
    state: str = "used"


class MallocHeap:
    """The main arena of one simulated single-threaded process."""

    def __init__(self) -> None:
        # size | state of the chunk at HEAP_START + 16 * i, for the arena up
        # to the break (sizes are multiples of 16, states fit the low 4
        # bits; not top): 8 bytes per 16 of heap, where a dict took ~90 a
        # chunk (a million boxes: 16 MB, not 90)
        self._cs = array("Q")
        self._tcache: dict[int, list[int]] = {}   # size -> chunks, [-1] = head
        self._fast: dict[int, list[int]] = {}     # size -> chunks, [-1] = head
        # Bins in fd order: [0] = first(bin) (head), [-1] = last(bin) (tail).
        self._bins: dict[int, list[int]] = {_UNSORTED: []}
        self._nonempty: list[int] = []            # sorted bin indices >= 2 (binmap)
        self._where: dict[int, int] = {}          # FREE chunk -> bin index
        self._free_end: dict[int, int] = {}       # end of a FREE chunk -> chunk
        self._last_rem = 0                        # av->last_remainder
        self._top = HEAP_START + TCACHE_CHUNK
        self._brk = HEAP_START + _page_up(TCACHE_CHUNK + TOP_PAD + MINSIZE)
        self._max_brk = self._brk
        self._cover()
        self._cs[0] = TCACHE_CHUNK | USED
        self._mmap: dict[int, int] = {}           # mapped chunk -> mapping length
        self._maps: list[tuple[int, int]] = []    # sorted (start, end) of mappings
        self.mmap_threshold = MMAP_THRESHOLD
        self.trim_threshold = TRIM_THRESHOLD
        self._t: list[tuple[int, int, bool]] = []
        self.allocs = 0            # malloc + calloc calls
        self.frees = 0
        self.reallocs = 0
        self.bytes_requested = 0   # malloc/calloc sizes + realloc new sizes

    # -- the chunk table ----------------------------------------------------

    def _cover(self) -> None:
        """Grow the chunk table to the break (it never shrinks: a trim
        leaves zeros past top)."""
        n = (self._brk - HEAP_START) >> 4
        if n > len(self._cs):
            self._cs.frombytes(bytes(8 * (n - len(self._cs))))

    def _lookup(self, p: int, default: int) -> int:
        """The chunk at p's size | state, or `default` where no chunk starts
        (any address, so a bad pointer can be checked)."""
        i = (p - HEAP_START) >> 4
        if p & 15 or not 0 <= i < len(self._cs):
            return default
        return self._cs[i] or default

    def _pop(self, p: int) -> int:
        """The chunk at p's size | state, forgetting the chunk."""
        i = (p - HEAP_START) >> 4
        v = self._cs[i]
        self._cs[i] = 0
        return v

    # -- public API -------------------------------------------------------

    def malloc(self, size: int) -> int:
        """__libc_malloc: tcache first, then _int_malloc."""
        self.allocs += 1
        self.bytes_requested += size
        self._t = []
        nb = max(MINSIZE, (size + SIZE_SZ + 15) & ~15)  # chunk_size, inlined (hot)
        lst = self._tcache.get(nb)
        if lst:
            return self._tcache_get(nb, lst) + 16
        if (nb < MIN_LARGE and not self._nonempty and not self._bins[_UNSORTED]
                and not self._fast.get(nb) and self._brk - self._top >= nb + MINSIZE):
            # _int_malloc when no bin can serve a small request and top can
            # (a run of fresh boxes): straight to its use_top path
            return self._use_top(nb) + 16
        return self._int_malloc(nb) + 16

    def calloc(self, size: int) -> int:
        """__libc_calloc (Rust's alloc_zeroed): no tcache; zero dirty memory."""
        self.allocs += 1
        self.bytes_requested += size
        self._t = []
        nb = chunk_size(size)
        oldtop = self._top
        oldtopsize = self._max_brk - oldtop   # beyond the max break is fresh
        p = self._int_malloc(nb)
        if p in self._mmap:
            return p + 16                     # a fresh mapping is zero
        csz = self._cs[(p - HEAP_START) >> 4] & _SIZE
        if p == oldtop and csz > oldtopsize:
            csz = oldtopsize
        if csz > SIZE_SZ:
            self._t.append((p + 16, csz - SIZE_SZ, True))
        return p + 16

    def free(self, addr: int) -> None:
        """__libc_free."""
        self.frees += 1
        p = addr - 16
        if p in self._mmap:
            self._t = []
            self._munmap(p)
            return
        size = self._lookup(p, _NONE)
        if size & _STATE != USED or p == HEAP_START:
            raise ValueError(f"free(): invalid pointer {addr:#x}")
        if size <= MAX_FAST and (fb := self._fast.get(size)) is not None:
            lst = self._tcache.get(size)
            if lst is not None and len(lst) >= TCACHE_COUNT:
                # _int_free past a full tcache (a run of frees, as dropping a
                # Vec of boxes makes): its header and e->key reads, then the fastbin
                self._t = [(p + 8, 8, False), (p + 24, 8, False)]
                self._to_fastbin(p, size, fb)
                return
        self._t = []
        self._int_free(p)

    def realloc(self, addr: int, new_size: int) -> int:
        """__libc_realloc / _int_realloc; returns the (possibly moved) pointer.
        realloc(p, 0) frees p and returns 0, as glibc does."""
        self.reallocs += 1
        self.bytes_requested += new_size
        t = self._t = []
        p = addr - 16
        if new_size <= 0:
            if p in self._mmap:
                self._munmap(p)
            elif self._lookup(p, _NONE) & _STATE == USED and p != HEAP_START:
                self._int_free(p)
            else:
                raise ValueError(f"realloc(): invalid pointer {addr:#x}")
            return 0
        nb = chunk_size(new_size)
        if p in self._mmap:
            return self._mremap(p, nb) + 16
        if self._lookup(p, _NONE) & _STATE != USED or p == HEAP_START:
            raise ValueError(f"realloc(): invalid pointer {addr:#x}")
        oldsize = self._cs[(p - HEAP_START) >> 4] & _SIZE
        nxt = p + oldsize
        t.append((p + 8, 8, False))
        t.append((nxt + 8, 8, False))
        if oldsize >= nb:
            newsize = oldsize
        elif nxt == self._top and oldsize + self._brk - nxt >= nb + MINSIZE:
            self._cs[(p - HEAP_START) >> 4] = nb | USED                # expand forward into top
            self._top = p + nb
            t.append((p + 8, 8, True))
            t.append((ARENA_TOP, 8, True))
            t.append((self._top + 8, 8, True))
            return addr
        elif (nv := self._lookup(nxt, USED)) & _STATE == FREE and oldsize + (nv & _SIZE) >= nb:
            newsize = oldsize + (nv & _SIZE)          # expand into the free next chunk
            self._unlink(nxt)
            self._pop(nxt)
        else:
            q = self._int_malloc(nb)
            if q == nxt:                              # carved right after us: merge
                newsize = oldsize + (self._pop(q) & _SIZE)
            else:
                n = oldsize - SIZE_SZ
                t.append((addr, n, False))            # memcpy
                t.append((q + 16, n, True))
                self._int_free(p)
                return q + 16
        rem = newsize - nb
        if rem >= MINSIZE:                            # split off and free the tail
            self._cs[(p - HEAP_START) >> 4] = nb | USED
            self._cs[(p + nb - HEAP_START) >> 4] = rem | USED
            t.append((p + 8, 8, True))
            self._int_free(p + nb)
        else:
            self._cs[(p - HEAP_START) >> 4] = newsize | USED
            t.append((p + 8, 8, True))
        return addr

    def touched(self) -> list[tuple[int, int, bool]]:
        """(address, size, is_write) of malloc's own accesses in the last call."""
        return self._t

    def usable_size(self, addr: int) -> int:
        """malloc_usable_size."""
        p = addr - 16
        if p in self._mmap:
            return self._mmap[p] - 2 * SIZE_SZ
        return (self._cs[(p - HEAP_START) >> 4] & _SIZE) - SIZE_SZ

    @property
    def top(self) -> int:
        """Address of the top chunk; it runs to `brk`."""
        return self._top

    @property
    def brk(self) -> int:
        return self._brk

    def chunks(self) -> list[ChunkView]:
        """All chunks except top, in address order (heap, then mappings)."""
        out = []
        for i, v in enumerate(self._cs):
            if not v:
                continue
            p = HEAP_START + (i << 4)
            st = v & _STATE
            out.append(ChunkView(p, p + 16, v & _SIZE, st == USED,
                                 "meta" if p == HEAP_START else _STATE_NAMES[st]))
        for p in sorted(self._mmap):
            out.append(ChunkView(p, p + 16, self._mmap[p], True, "mmap"))
        return out

    # -- tcache -------------------------------------------------------------

    def _tcache_get(self, nb: int, lst: list[int]) -> int:
        p = lst.pop()
        self._cs[(p - HEAP_START) >> 4] = nb | USED                    # tcache[nb] holds chunks of size nb
        idx = (nb - MINSIZE) >> 4
        t = self._t
        t.append((_TC_ENTRIES + 8 * idx, 8, False))
        t.append((p + 16, 8, False))                  # e->next
        t.append((_TC_ENTRIES + 8 * idx, 8, True))
        t.append((_TC_COUNTS + 2 * idx, 2, True))
        t.append((p + 24, 8, True))                   # e->key = 0
        return p

    def _tcache_put(self, p: int, size: int, lst: list[int]) -> None:
        lst.append(p)
        self._cs[(p - HEAP_START) >> 4] = size | TCACHE
        idx = (size - MINSIZE) >> 4
        t = self._t
        t.append((p + 16, 16, True))                  # e->next, e->key
        t.append((_TC_ENTRIES + 8 * idx, 8, True))
        t.append((_TC_COUNTS + 2 * idx, 2, True))

    def _tcache_list(self, size: int) -> list[int]:
        lst = self._tcache.get(size)
        if lst is None:
            lst = self._tcache[size] = []
        return lst

    # -- bins -----------------------------------------------------------------

    def _link(self, p: int, size: int, bi: int, pos: int) -> None:
        """Make p a FREE chunk of `size` in bin `bi` at list position `pos`."""
        self._cs[(p - HEAP_START) >> 4] = size | FREE
        self._where[p] = bi
        self._free_end[p + size] = p
        b = self._bins.get(bi)
        if b is None:
            b = self._bins[bi] = []
        if not b and bi != _UNSORTED:
            insort(self._nonempty, bi)
        b.insert(pos, p)
        t = self._t
        t.append((p + 8, 8, True))                    # size
        t.append((p + 16, 16, True))                  # fd, bk
        t.append((p + size, 8, True))                 # foot: next's prev_size

    def _unlink(self, p: int) -> None:
        """unlink_chunk: take a FREE chunk out of its bin (state left to the caller)."""
        bi = self._where.pop(p)
        b = self._bins[bi]
        b.remove(p)
        if not b and bi != _UNSORTED:
            del self._nonempty[bisect_left(self._nonempty, bi)]
        del self._free_end[p + (self._cs[(p - HEAP_START) >> 4] & _SIZE)]
        self._t.append((p + 16, 16, False))           # fd, bk

    def _place(self, p: int, size: int) -> None:
        """Sort a chunk from the unsorted bin into its small or large bin."""
        bi = bin_index(size)
        b = self._bins.get(bi)
        if size < MIN_LARGE or not b:
            pos = 0                                   # smallbins: insert at head
        elif size < self._cs[(b[-1] - HEAP_START) >> 4] & _SIZE:
            pos = len(b)                              # smaller than all: at the tail
        else:
            pos = 0                                   # largebins: sorted, decreasing
            sz = self._cs
            while size < sz[(b[pos] - HEAP_START) >> 4] & _SIZE:
                pos += 1
            if sz[(b[pos] - HEAP_START) >> 4] & _SIZE == size:
                pos += 1                              # "always insert in the second position"
        self._link(p, size, bi, pos)

    def _take(self, p: int, size: int, nb: int, small: bool) -> int:
        """Use FREE chunk p (already unlinked) for nb bytes; the remainder goes
        to the unsorted bin."""
        rem = size - nb
        if rem < MINSIZE:
            self._cs[(p - HEAP_START) >> 4] = size | USED
        else:
            self._cs[(p - HEAP_START) >> 4] = nb | USED
            self._link(p + nb, rem, _UNSORTED, 0)
            if small:
                self._last_rem = p + nb
        self._t.append((p + 8, 8, True))
        return p

    # -- _int_malloc ------------------------------------------------------------

    def _int_malloc(self, nb: int) -> int:
        t = self._t
        small = nb < MIN_LARGE
        if nb <= MAX_FAST:
            fb = self._fast.get(nb)
            if fb:
                slot = ARENA_FASTBINS + 8 * ((nb >> 4) - 2)
                t.append((slot, 8, False))
                p = fb.pop()
                t.append((p + 16, 8, False))          # victim->fd
                t.append((slot, 8, True))
                self._cs[(p - HEAP_START) >> 4] = nb | USED
                lst = self._tcache_list(nb)           # stash the rest into tcache
                while fb and len(lst) < TCACHE_COUNT:
                    self._tcache_put(fb.pop(), nb, lst)
                return p
        if small:
            idx = nb >> 4
            b = self._bins.get(idx)
            if b:                                     # exact smallbin, oldest first
                p = b[-1]
                self._unlink(p)
                self._cs[(p - HEAP_START) >> 4] = nb | USED
                if nb <= TCACHE_MAX_CHUNK:
                    lst = self._tcache_list(nb)
                    while b and len(lst) < TCACHE_COUNT:
                        q = b[-1]
                        self._unlink(q)
                        self._tcache_put(q, nb, lst)
                t.append((p + 8, 8, True))
                return p
        else:
            idx = bin_index(nb)
            if self._have_fast():
                self._consolidate()
        tc = nb <= TCACHE_MAX_CHUNK
        chunk = self._cs
        while True:
            # Process the unsorted bin, oldest first.
            return_cached = False
            uns = self._bins[_UNSORTED]
            while uns:
                p = uns[-1]
                size = chunk[(p - HEAP_START) >> 4] & _SIZE
                if small and len(uns) == 1 and p == self._last_rem and size > nb + MINSIZE:
                    self._unlink(p)
                    return self._take(p, size, nb, True)
                self._unlink(p)
                if size == nb:
                    if tc:
                        lst = self._tcache_list(nb)
                        if len(lst) < TCACHE_COUNT:
                            self._tcache_put(p, nb, lst)
                            return_cached = True
                            continue
                    chunk[(p - HEAP_START) >> 4] = size | USED
                    t.append((p + 8, 8, True))
                    return p
                self._place(p, size)
            if return_cached:
                return self._tcache_get(nb, self._tcache[nb])
            if not small:
                b = self._bins.get(idx)
                if b and chunk[(b[0] - HEAP_START) >> 4] & _SIZE >= nb:
                    # Smallest size >= nb, skipping the size group's first entry.
                    j = len(b) - 1
                    while chunk[(b[j] - HEAP_START) >> 4] & _SIZE < nb:
                        j -= 1
                    size = chunk[(b[j] - HEAP_START) >> 4] & _SIZE
                    while j > 0 and chunk[(b[j - 1] - HEAP_START) >> 4] & _SIZE == size:
                        j -= 1
                    if j != len(b) - 1 and chunk[(b[j + 1] - HEAP_START) >> 4] & _SIZE == size:
                        j += 1
                    p = b[j]
                    self._unlink(p)
                    return self._take(p, size, nb, False)
            ne = self._nonempty
            i = bisect_right(ne, idx)
            if i < len(ne):                           # binmap: next non-empty bin
                p = self._bins[ne[i]][-1]
                size = chunk[(p - HEAP_START) >> 4] & _SIZE
                self._unlink(p)
                return self._take(p, size, nb, small)
            if self._brk - self._top >= nb + MINSIZE:
                break                                 # use_top
            if self._have_fast():
                self._consolidate()                   # then retry
                continue
            if nb >= self.mmap_threshold:
                return self._mmap_chunk(nb)
            # sysmalloc: grow the break by the shortfall plus top_pad.
            self._brk += _page_up(nb + TOP_PAD + MINSIZE - (self._brk - self._top))
            self._max_brk = max(self._max_brk, self._brk)
            self._cover()
            break
        return self._use_top(nb)

    def _use_top(self, nb: int) -> int:
        """Carve nb bytes off the top chunk (there is room)."""
        p = self._top
        top = self._top = p + nb
        self._cs[(p - HEAP_START) >> 4] = nb | USED
        self._t += ((ARENA_TOP, 8, False), (p + 8, 8, False),  # top, top's size
                    (p + 8, 8, True), (top + 8, 8, True), (ARENA_TOP, 8, True))
        return p

    # -- _int_free ------------------------------------------------------------

    def _int_free(self, p: int) -> None:
        t = self._t
        size = self._cs[(p - HEAP_START) >> 4] & _SIZE
        t.append((p + 8, 8, False))
        if size <= TCACHE_MAX_CHUNK:
            lst = self._tcache.get(size)
            if lst is None:
                lst = self._tcache_list(size)
            t.append((p + 24, 8, False))              # e->key double-free check
            if len(lst) < TCACHE_COUNT:
                self._tcache_put(p, size, lst)
                return
        if size <= MAX_FAST:
            fb = self._fast.get(size)
            if fb is None:
                fb = self._fast[size] = []
            self._to_fastbin(p, size, fb)
            return
        size = self._merge(p)
        if size >= CONSOLIDATION_THRESHOLD:
            if self._have_fast():
                self._consolidate()
            if self._brk - self._top >= self.trim_threshold:
                self._systrim()

    def _to_fastbin(self, p: int, size: int, fb: list[int]) -> None:
        slot = ARENA_FASTBINS + 8 * ((size >> 4) - 2)
        self._t += ((slot, 8, False), (p + 16, 8, True), (slot, 8, True))  # p->fd = old head
        fb.append(p)
        self._cs[(p - HEAP_START) >> 4] = size | FAST

    def _merge(self, p: int) -> int:
        """Coalesce p with free neighbours, then into top or the unsorted bin.
        Returns the merged size (including top when merged into it)."""
        t = self._t
        size = self._pop(p) & _SIZE
        nxt = p + size
        t.append((nxt + 8, 8, False))
        prev = self._free_end.get(p)
        if prev is not None:                          # consolidate backward
            t.append((p, 8, False))                   # prev_size
            self._unlink(prev)
            size += self._pop(prev) & _SIZE
            p = prev
        if nxt == self._top:                          # into top
            self._top = p
            t.append((p + 8, 8, True))
            t.append((ARENA_TOP, 8, True))
            return self._brk - p
        if self._lookup(nxt, USED) & _STATE == FREE:  # consolidate forward
            self._unlink(nxt)
            size += self._pop(nxt) & _SIZE
        else:
            t.append((nxt + 8, 8, True))              # clear next's PREV_INUSE
        self._link(p, size, _UNSORTED, 0)
        return size

    def _have_fast(self) -> bool:
        for fb in self._fast.values():
            if fb:
                return True
        return False

    def _consolidate(self) -> None:
        """malloc_consolidate: fastbins in index order, each from its head."""
        for size in sorted(self._fast):
            fb = self._fast[size]
            while fb:
                self._merge(fb.pop())

    def _systrim(self) -> None:
        extra = (self._brk - self._top - MINSIZE - 1 - TOP_PAD) & ~(PAGE - 1)
        if extra > 0:
            self._brk -= extra

    # -- mmap'd chunks ------------------------------------------------------

    def _find_map(self, length: int) -> int:
        """Top-down first fit below MMAP_TOP (the kernel's mmap layout)."""
        hi = MMAP_TOP
        for start, end in reversed(self._maps):
            if hi - end >= length:
                break
            hi = start
        return hi - length

    def _mmap_chunk(self, nb: int) -> int:
        length = _page_up(nb + SIZE_SZ)
        p = self._find_map(length)
        insort(self._maps, (p, p + length))
        self._mmap[p] = length
        self._t.append((p + 8, 8, True))
        return p

    def _munmap(self, p: int) -> None:
        length = self._mmap.pop(p)
        self._maps.remove((p, p + length))
        self._t.append((p + 8, 8, False))
        # __libc_free raises the thresholds to the freed mapping's size.
        if self.mmap_threshold < length <= MMAP_THRESHOLD_MAX:
            self.mmap_threshold = length
            self.trim_threshold = 2 * length

    def _mremap(self, p: int, nb: int) -> int:
        old = self._mmap[p]
        new = _page_up(nb + SIZE_SZ)
        self._t.append((p + 8, 8, False))
        if new == old:
            return p
        i = self._maps.index((p, p + old))
        upper = self._maps[i + 1][0] if i + 1 < len(self._maps) else MMAP_TOP
        if new < old or p + new <= upper:             # resize in place
            self._maps[i] = (p, p + new)
            self._mmap[p] = new
            self._t.append((p + 8, 8, True))
            return p
        del self._maps[i]                             # MREMAP_MAYMOVE
        del self._mmap[p]
        q = self._find_map(new)
        insort(self._maps, (q, q + new))
        self._mmap[q] = new
        self._t.append((q + 8, 8, True))
        return q
