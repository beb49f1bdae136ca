"""A set-associative L1 data cache: true LRU, write-allocate, starting empty.

Reads and writes update state identically (write-allocate, no write-back
modelling), so one `access` serves both. Hits and misses are counted per
line touched: an access that straddles a line boundary touches two lines.

State is kept in flat lists so the hot path allocates nothing:
  _lru[s]   the set's `ways` line numbers, least recently used first (-1 =
            empty slot; real line numbers are >= 0, so -1 never hits);
  _phys[s]  the same lines by physical way, stable while resident, for the UI;
  _last     the most recently touched line: a repeat is a guaranteed hit.
A "line" here is the full line number `addr >> log2(line_bytes)` (it is the
tag and the set index together), which keeps comparisons to one int.
"""

from __future__ import annotations

import os
from array import array

try:  # the compiled hot path (_l1c.c), built where a C compiler is present
    from . import _l1c
except ImportError:  # pragma: no cover - a machine without a compiler
    _l1c = None


class L1Cache:
    """Default geometry: 32 KiB, 8-way, 64-byte lines (x86-64 L1d)."""

    __slots__ = (
        "sets", "ways", "line_bytes", "hits", "misses",
        "_shift", "_setmask", "_lru", "_phys", "_last", "_fast", "_replay", "_access2",
    )
    # `fast_access` uses the compiled model when it is built, unless
    # STACKVSHEAP_PURE=1; tests flip this to run both and compare.
    compiled = _l1c is not None and os.environ.get("STACKVSHEAP_PURE") != "1"

    def __init__(self, size_bytes: int = 32768, ways: int = 8, line_bytes: int = 64) -> None:
        if line_bytes <= 0 or line_bytes & (line_bytes - 1):
            raise ValueError("line_bytes must be a power of two")
        sets = size_bytes // (ways * line_bytes)
        if sets <= 0 or sets & (sets - 1) or sets * ways * line_bytes != size_bytes:
            raise ValueError("size_bytes / (ways * line_bytes) must be a power of two")
        self.sets = sets
        self.ways = ways
        self.line_bytes = line_bytes
        self._shift = line_bytes.bit_length() - 1
        self._setmask = sets - 1
        self._fast: tuple | None = None
        self._lru = [[-1] * ways for _ in range(sets)]
        self._phys = [[-1] * ways for _ in range(sets)]
        self.reset()

    def reset(self) -> None:
        """Empty the cache and zero the counters (in place: a `fast_access`
        closure made earlier keeps working)."""
        w = self.ways
        for lst in self._lru:
            lst[:] = [-1] * w
        for lst in self._phys:
            lst[:] = [-1] * w
        self._last = -1
        self.hits = 0
        self.misses = 0
        if self._fast is not None:
            self._fast[1]()

    def fast_access(self):
        """The same `access`, as a closure over local state: about a third
        cheaper per call than the method, for the simulator's hot loop.
        Counters live in the closure until `sync()` copies them back; do not
        mix calls to it with the methods between syncs."""
        if self.compiled and _l1c is not None:
            return self._compiled_access()
        lru_sets = self._lru
        phys_sets = self._phys
        sh = self._shift
        mask = self._setmask
        hits = misses = 0
        last = -1

        def access(addr: int, size: int) -> int:
            nonlocal hits, misses, last
            line = addr >> sh
            end = (addr + size - 1) >> sh
            if line == end:
                if line == last:
                    hits += 1
                    return 0
                last = line
                lru = lru_sets[line & mask]
                if lru[-1] == line:
                    hits += 1
                    return 0
                if line in lru:
                    lru.remove(line)
                    lru.append(line)
                    hits += 1
                    return 0
                victim = lru.pop(0)
                lru.append(line)
                phys = phys_sets[line & mask]
                phys[phys.index(victim)] = line
                misses += 1
                return 1
            if size <= 0:
                return 0
            n = 0
            for ln in range(line, end + 1):
                last = ln
                lru = lru_sets[ln & mask]
                if ln in lru:
                    if lru[-1] != ln:
                        lru.remove(ln)
                        lru.append(ln)
                    hits += 1
                else:
                    victim = lru.pop(0)
                    lru.append(ln)
                    phys = phys_sets[ln & mask]
                    phys[phys.index(victim)] = ln
                    misses += 1
                    n += 1
            return n

        def replay(seq: list[tuple[int, int, bool]]) -> None:
            """`access` for each (addr, size, is_write) in order, in one call:
            the allocator's metadata touches (reads and writes update the
            cache alike). Single-line hits are handled inline, the rest
            by `access`."""
            nonlocal hits, last
            for addr, size, _ in seq:
                line = addr >> sh
                if line == (addr + size - 1) >> sh:
                    if line == last:
                        hits += 1
                        continue
                    lru = lru_sets[line & mask]
                    if lru[-1] == line:
                        last = line
                        hits += 1
                        continue
                    if line in lru:
                        lru.remove(line)
                        lru.append(line)
                        last = line
                        hits += 1
                        continue
                access(addr, size)

        def access2(a1: int, a2: int, size: int) -> int:
            """`access(a1, size)` then `access(a2, size)` in one call: a
            frame's return address and saved frame pointer share a line, so
            the second is usually a repeat of the last line (a hit)."""
            nonlocal hits
            n = access(a1, size)
            line = a2 >> sh
            if line == last and line == (a2 + size - 1) >> sh:
                hits += 1
                return n
            return n + access(a2, size)

        def zero() -> None:
            nonlocal hits, misses, last
            hits = misses = 0
            last = -1

        def sync() -> None:
            self.hits = hits
            self.misses = misses
            self._last = last

        self._fast = (sync, zero)
        self._replay = replay
        self._access2 = access2
        return access

    def _compiled_access(self):
        """`fast_access` on the compiled model: the state moves into C here
        and back into the lists (in place, as closures hold them) on sync."""
        c = self._into_c()
        self._replay = c.replay
        self._access2 = c.access2
        return c.access

    def recording_access(self, addr_log, meta_log):
        """`access` and `access_w` for a recorded run: the same LRU update
        as `access_lines`, logging each access straight into the recorder's
        typed buffers (`addr_log(addr)`, `meta_log(size << 16 | way << 8 |
        write << 1 | missed)`, way being the first line's physical way) in
        one call, without building per-line tuples. Counters live in the
        closures until `sync()`, as with `fast_access`; the third closure
        returned reads them (hits, misses) without syncing."""
        self.sync()  # a compiled fast_access keeps its state apart from the lists
        lru_sets = self._lru
        phys_sets = self._phys
        sh = self._shift
        mask = self._setmask
        hits, misses, last = self.hits, self.misses, self._last

        def make(flag: int):
            def access(addr: int, size: int) -> int:
                nonlocal hits, misses, last
                line = addr >> sh
                end = (addr + size - 1) >> sh
                if line == end and size > 0:
                    last = line
                    s = line & mask
                    lru = lru_sets[s]
                    if line in lru:
                        if lru[-1] != line:
                            lru.remove(line)
                            lru.append(line)
                        hits += 1
                        addr_log(addr)
                        meta_log(size << 16 | phys_sets[s].index(line) << 8 | flag)
                        return 0
                    victim = lru.pop(0)
                    lru.append(line)
                    phys = phys_sets[s]
                    way = phys.index(victim)
                    phys[way] = line
                    misses += 1
                    addr_log(addr)
                    meta_log(size << 16 | way << 8 | flag | 1)
                    return 1
                addr_log(addr)
                if size <= 0:
                    meta_log(size << 16 | flag)
                    return 0
                n = 0
                way = -1
                for ln in range(line, end + 1):
                    last = ln
                    s = ln & mask
                    lru = lru_sets[s]
                    if ln in lru:
                        if lru[-1] != ln:
                            lru.remove(ln)
                            lru.append(ln)
                        hits += 1
                        if way < 0:
                            way = phys_sets[s].index(ln)
                    else:
                        victim = lru.pop(0)
                        lru.append(ln)
                        phys = phys_sets[s]
                        i = phys.index(victim)
                        phys[i] = ln
                        misses += 1
                        n += 1
                        if way < 0:
                            way = i
                meta_log(size << 16 | max(way, 0) << 8 | flag | (n > 0))
                return n
            return access

        def zero() -> None:
            nonlocal hits, misses, last
            hits = misses = 0
            last = -1

        def sync() -> None:
            self.hits = hits
            self.misses = misses
            self._last = last

        def counts() -> tuple[int, int]:
            return hits, misses

        self._fast = (sync, zero)
        return make(0), make(2), counts

    def compiled_recording(self):
        """`recording_access` on the compiled model: the C object whose
        `rec_read`/`rec_write` are the two closures, logging into its own
        buffers until `take_log()` (trace.Recorder drains them); None where
        the model is not compiled."""
        if not (self.compiled and _l1c is not None):
            return None
        self.sync()
        return self._into_c()

    def _into_c(self):
        """A C model loaded with this state; `sync()` copies its state back
        into the lists (in place, as closures hold them)."""
        c = _l1c.L1(self.sets, self.ways, self._shift)
        c.load(self._lru, self._phys, self._last, self.hits, self.misses)

        def sync() -> None:
            lru, phys, self._last, self.hits, self.misses = c.export()
            for dst, src in zip(self._lru, lru):
                dst[:] = src
            for dst, src in zip(self._phys, phys):
                dst[:] = src

        self._fast = (sync, c.zero)
        return c

    def fast_replay(self):
        """The `replay` closure made by the last `fast_access()`."""
        return self._replay

    def fast_access2(self):
        """The `access2` closure made by the last `fast_access()`."""
        return self._access2

    def sync(self) -> None:
        """Copy a fast_access closure's counters into hits/misses."""
        if self._fast is not None:
            self._fast[0]()

    # -- hot path ---------------------------------------------------------

    def access(self, addr: int, size: int) -> int:
        """Touch every line of [addr, addr+size); return the number of misses."""
        sh = self._shift
        line = addr >> sh
        if line == (addr + size - 1) >> sh and size:
            if line == self._last:
                self.hits += 1
                return 0
            # Inlined `_touch` for the single-line case.
            self._last = line
            lru = self._lru[line & self._setmask]
            if lru[-1] == line:
                self.hits += 1
                return 0
            if line in lru:
                lru.remove(line)
                lru.append(line)
                self.hits += 1
                return 0
            victim = lru.pop(0)
            lru.append(line)
            phys = self._phys[line & self._setmask]
            phys[phys.index(victim)] = line
            self.misses += 1
            return 1
        if size <= 0:
            return 0
        misses = 0
        for ln in range(line, ((addr + size - 1) >> sh) + 1):
            misses += self._touch(ln)
        return misses

    def _touch(self, line: int) -> int:
        self._last = line
        s = line & self._setmask
        lru = self._lru[s]
        if line in lru:
            if lru[-1] != line:
                lru.remove(line)
                lru.append(line)
            self.hits += 1
            return 0
        victim = lru.pop(0)
        lru.append(line)
        phys = self._phys[s]
        phys[phys.index(victim)] = line
        self.misses += 1
        return 1

    # -- UI ---------------------------------------------------------------

    def access_lines(self, addr: int, size: int) -> list[tuple[int, int, bool]]:
        """Like `access`, but return (set, physical way, hit) per line touched."""
        if size <= 0:
            return []
        sh = self._shift
        out: list[tuple[int, int, bool]] = []
        for ln in range((addr >> sh), ((addr + size - 1) >> sh) + 1):
            hit = self._touch(ln) == 0
            s = ln & self._setmask
            out.append((s, self._phys[s].index(ln), hit))
        return out

    def resident(self) -> list[list[int]]:
        """Per set, the tag held by each physical way (-1 = empty)."""
        bits = self.sets.bit_length() - 1
        return [[-1 if ln < 0 else ln >> bits for ln in phys] for phys in self._phys]

    def set_of(self, addr: int) -> int:
        return (addr >> self._shift) & self._setmask

    def tag_of(self, addr: int) -> int:
        return addr >> (self._shift + self.sets.bit_length() - 1)

    def snapshot(self) -> array:
        """A copy of the whole state, counters included, packed as one
        array("q"): last, hits, misses, then every set's LRU order and every
        set's physical ways (8 KiB for the default geometry, where lists of
        ints would take six times that in a recording's many snapshots)."""
        out = array("q", (self._last, self.hits, self.misses))
        for lst in self._lru:
            out.extend(lst)
        for lst in self._phys:
            out.extend(lst)
        return out

    def restore(self, state: array) -> None:
        w, n = self.ways, self.sets * self.ways
        self._last, self.hits, self.misses = state[0], state[1], state[2]
        lru = state[3:3 + n].tolist()
        phys = state[3 + n:3 + 2 * n].tolist()
        self._lru = [lru[i:i + w] for i in range(0, n, w)]
        self._phys = [phys[i:i + w] for i in range(0, n, w)]
