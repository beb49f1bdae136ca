"""What the panes read from a session at its cursor: frames, slots, heap
blocks, the cache, narration. A mixin of GameSession, which moves the cursor."""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..lang import ir
from ..sim.cache import L1Cache
from ..sim.cost import Totals
from ..sim.memory import Block, Ptr
from ..sim.trace import (
    ALLOC, CALL, COLOUR, COUNTERS, DECL, FREE, GC, NC, OUTPUT, REALLOC, RET, SCOPE_END,
)
from .valuefmt import human_bytes, leaf_pieces, tag_letters, value_pieces
from .views import Access, FrameBox, GCView, ScoreVsPar, SlotRow


# Cache states kept for stepping back (about 2 KB each).
CACHE_RING = 512

_I_HITS = COUNTERS.index("cache_hits")
_I_MISSES = COUNTERS.index("cache_misses")


def _clean(reason: str) -> str:
    """A reason to follow a colon: no final period, and a plain English
    first word in lower case ("It is returned" -> "it is returned"; not
    "Box::new", "Vec", "GC")."""
    r = reason.strip().rstrip(".")
    m = re.match(r"([A-Z][a-z]+)(\s|$)", r)
    return r[:1].lower() + r[1:] if m else r


class SessionView:
    # ---- reading the state ------------------------------------------------------

    def current_line(self) -> int:
        """The source line of the step just run (0 before the first step)."""
        pos = self.position
        return self.rec.step_line[pos - 1] if pos > 0 else 0

    def next_line_no(self) -> int:
        """The source line of the step about to run (0 at the end)."""
        return 0 if self.at_end else self.rec.step_line[self.position]

    def source_line(self, line: int) -> str:
        if 1 <= line <= len(self.source_lines):
            return self.source_lines[line - 1].strip()
        return ""

    def totals(self) -> Totals:
        return self.cursor.totals()

    def sp(self) -> int:
        return self.cursor.sp()

    def sp_delta(self) -> int:
        """How far SP moved in the step just run (negative: down)."""
        pos = self.position
        if pos == 0:
            return 0
        return self.rec.step_sp[pos] - self.rec.step_sp[pos - 1]

    @property
    def stack_top(self) -> int:
        return self.machine.stack_top

    def output(self) -> str:
        return "".join(self.cursor.output)

    def step_events(self, s: int | None = None) -> list[tuple]:
        """The events of step s (default: the step just run)."""
        s = self.position - 1 if s is None else s
        if s < 0 or s >= self.n_steps:
            return []
        rec = self.rec
        return rec.events[rec.step_e[s]:rec.step_e[s + 1]]

    # -- tags -------------------------------------------------------------------

    def _index_events(self) -> None:
        """Give every heap block a stable ordinal (its tag letter and
        colour): allocation order, a moved realloc keeping its old one."""
        n = 0
        ordinal = self._ordinal
        first, last = self.heap.first_counts, self.heap.last_counts
        events = self.rec.events
        for j in self.rec.block_events:
            ev = events[j]
            k = ev[0]
            if k == ALLOC:
                ordinal[ev[1].id] = n
                n += 1
            elif k == REALLOC:
                old, new, oc, nc = ev[1], ev[2], ev[3], ev[4]
                if old is not new:
                    ordinal[new.id] = ordinal.get(old.id, n)
                    first.setdefault(new.id, nc)
                else:
                    first.setdefault(new.id, oc)
                last[new.id] = nc

    def ordinal(self, b: Block) -> int:
        o = self._ordinal.get(b.id)
        if o is None:
            o = self._ordinal[b.id] = len(self._ordinal)
        return o

    def tag(self, b: Block) -> str:
        return tag_letters(self.ordinal(b))

    # -- the stack ------------------------------------------------------------------

    def frames(self) -> list[Any]:
        """The call stack at the cursor, outermost first (TraceCursor FrameViews)."""
        return self.cursor.stack

    def call_line(self, depth: int) -> int:
        """The caller's line for the frame at `depth` (0 = the entry: 0)."""
        stack = self.cursor.stack
        if depth <= 0 or depth >= len(stack):
            return 0
        fr = stack[depth].frame
        line = self._call_line.get(id(fr))
        if line is not None:
            return line
        # The call step is the latest step that ran at the caller's depth.
        rec = self.rec
        depths = rec.step_depth
        s = self.position - 1
        while s >= 0 and depths[s] > depth:
            s -= 1
        line = rec.step_line[s] if s >= 0 else 0
        self._call_line[id(fr)] = line
        return line

    def frame_box(self, depth: int) -> FrameBox:
        """The frame at `depth` (0 = outermost) as rows, highest address first."""
        fv = self.cursor.stack[depth]
        fr = fv.frame
        code = fr.func
        f: ir.Func = code.func
        fb = fr.block
        go = self.go
        top = fr.sp_before
        caller_line = self.call_line(depth)
        caller = self.cursor.stack[depth - 1].frame.func.name if depth > 0 else (
            "main" if f.name != "main" else "runtime")
        ret_text = f"↩ {caller}" + (f":{caller_line}" if caller_line else "")
        rows: list[SlotRow] = [
            SlotRow("ret", "return addr", "", top - 8, 8, (ret_text,)),
            SlotRow("fp", "saved FP", "", top - 16, 8,
                    (f"{self.cursor.stack[depth - 1].frame.sp_before - 16:#x}" if depth > 0 else "0x0",)),
        ]
        visible = {id(v) for v in fv.visible}
        params = {id(v) for v in f.params}
        caps = {id(c.inner) for c in f.captures}
        body: list[SlotRow] = []
        pending: list[tuple[int, str, int]] = []
        names = dict(zip((id(v) for v in list(f.params) + list(f.locals)), list(f.params) + list(f.locals)))
        for c in f.captures:
            names.setdefault(id(c.inner), c.inner)
        for key, slot in code.slots.items():
            v = names.get(key)
            if v is None:
                continue
            addr = fb.addr + slot.offset
            declared = key in visible or key in params or key in caps
            vt = v.ty
            size = 8 if slot.indirect else vt.size
            if not declared:
                pending.append((addr, v.name, size))
                continue
            cells = fb.cells[slot.base:slot.base + slot.nleaves]
            if slot.indirect:
                p = cells[0] if cells else None
                if isinstance(p, Ptr):
                    inner = p.block.cells[p.index:p.index + vt.nleaves]
                    pieces = (*leaf_pieces(p, go), " = ", *value_pieces(inner, vt, go))
                else:
                    pieces = ("nil",)
                moved = v.placement == "heap"
            else:
                pieces = value_pieces(cells, vt, go)
                moved = False
            body.append(SlotRow("param" if key in params else "local", v.name, str(vt), addr, size,
                                pieces, True, moved))
        ft = code.frame_type
        offsets = ft._offsets
        for i, (fname, t) in enumerate(ft.fields):
            if not fname.startswith("autotmp"):
                continue
            key_slot = None
            for s in code.temps.values():
                if s.offset == offsets[i]:
                    key_slot = s
                    break
            if key_slot is None:
                continue
            cells = fb.cells[key_slot.base:key_slot.base + key_slot.nleaves]
            body.append(SlotRow("temp", fname.replace("autotmp ", ""), str(t), fb.addr + key_slot.offset,
                                t.size, value_pieces(cells, t, go, limit=3)))
        if pending:
            pending.sort(reverse=True)
            body.append(SlotRow(
                "reserved", ", ".join(n for _, n, _ in pending), "", pending[-1][0],
                sum(s for _, _, s in pending), (f"{sum(s for _, _, s in pending)} B reserved",),
                declared=False,
            ))
        body.sort(key=lambda r: -r.addr)
        rows.extend(body)
        return FrameBox(code.name or f.display_name, depth, top, fb.addr, rows)

    # -- the cache ------------------------------------------------------------------

    def cache(self) -> L1Cache:
        """The L1 at the cursor. Going forward, the step's accesses are
        replayed on the synced copy; going back, a recent position is
        restored from a ring of snapshots (~10 µs each), else rebuilt from
        the recorder's nearest snapshot, leaving snapshots for the steps
        just before it so that stepping back from there is cheap too."""
        pos = self.position
        rec = self.rec
        c = self._cache
        if c is not None and self._cache_pos == pos:
            return c
        ring = self._cache_ring
        if c is not None and pos > self._cache_pos and rec.step_a[pos] - rec.step_a[self._cache_pos] <= 4096:
            ring[self._cache_pos] = c.snapshot()
            rec.replay_accesses(c, rec.step_a[self._cache_pos], rec.step_a[pos])
        elif c is not None and pos in ring:
            c.restore(ring[pos])
        else:
            c = self._cache_rebuild(pos)
        while len(ring) > CACHE_RING:
            del ring[next(iter(ring))]
        self._cache = c
        self._cache_pos = pos
        return c

    def _cache_rebuild(self, pos: int) -> L1Cache:
        rec = self.rec
        sets, ways, line = self.cache_geometry
        target = rec.step_a[pos]
        snaps = rec.cache_snaps
        i = bisect.bisect_right([a for a, _ in snaps], target) - 1 if snaps else -1
        c = L1Cache(sets * ways * line, ways, line)
        at = 0
        if i >= 0:
            at, snap = snaps[i]
            c.restore(snap)
        ring = self._cache_ring
        ring.clear()
        first = max(0, pos - 64)
        for p in range(first, pos + 1):
            stop = rec.step_a[p]
            if stop < at:
                continue
            rec.replay_accesses(c, at, stop)
            at = stop
            if p < pos:
                ring[p] = c.snapshot()
        return c

    def accesses(self, s: int | None = None) -> list[Access]:
        """The memory accesses of step s (default: the step just run)."""
        sets, _, line_bytes = self.cache_geometry
        shift = line_bytes.bit_length() - 1
        out = []
        for w, addr, size, way, miss in self.cursor.step_accesses(s):
            out.append(Access(w, addr, size, (addr >> shift) & (sets - 1), way, not miss))
        return out

    def hit_rate_series(self, n: int = 24) -> list[float]:
        """Hit rate over time, in up to n equal windows of the steps run."""
        pos = self.position
        if pos == 0:
            return []
        ctr = self.rec.counters
        n = max(1, min(n, pos))
        out = []
        prev_h = prev_m = 0
        for i in range(1, n + 1):
            p = pos * i // n
            h, m = ctr[p * NC + _I_HITS], ctr[p * NC + _I_MISSES]
            dh, dm = h - prev_h, m - prev_m
            out.append(dh / (dh + dm) if dh + dm else (out[-1] if out else 1.0))
            prev_h, prev_m = h, m
        return out

    # -- the garbage collector ---------------------------------------------------------

    def gc_view(self, s: int | None = None) -> GCView | None:
        """The GC cycle that ran in step s (default: the step just run)."""
        evs = self.step_events(s)
        if not any(e[0] == GC for e in evs):
            return None
        order: list[tuple[Block, int]] = []
        swept: list[Block] = []
        phase = None
        for e in evs:
            if e[0] == GC:
                phase = e[1]
            elif e[0] == COLOUR:
                order.extend(zip(e[1], e[3]))
            elif e[0] == FREE and phase == "sweep":
                swept.append(e[1])
        s = self.position - 1 if s is None else s
        cycle = self.rec.counters[(s + 1) * NC + COUNTERS.index("gc_cycles")]
        marked = frozenset(b.id for b, c in order if c == 2)
        return GCView(cycle, s in self.forced_gc, tuple(order), marked, tuple(swept))

    # -- sites, badges, score --------------------------------------------------------

    def vtable_lines(self) -> list[str]:
        """The trait-object vtables of the run (static data, there from the start):
        `vtable for Circle as Shape: size 8, align 8, drop —, area @0x…`."""
        out = []
        for b in getattr(self.machine, "vtables", ()):
            names = [n for n, _ in b.elem.fields]
            drop, size, align = b.cells[0], b.cells[1], b.cells[2]
            out.append(f"{b.label}: size {size}, align {align}, drop {'—' if drop is None else 'fn'}, "
                       f"{', '.join(names[3:])} @{b.addr:#x}")
        return out

    def site_lines(self) -> dict[int, str]:
        """Every allocation site's line -> "H" (any heap site) or "S"."""
        out: dict[int, str] = {}
        for line, sites in self._sites_by_line.items():
            out[line] = "H" if any(s.placement == "heap" for s in sites) else "S"
        return out

    def badges(self) -> dict[int, str]:
        """Lines of the allocation sites the run has reached -> "S" or "H"."""
        pos = self.position
        lines = self.site_lines()
        return {line: v for line, v in lines.items() if self._first_reach.get(line, pos) < pos}

    def score_vs_par(self) -> ScoreVsPar:
        return ScoreVsPar(self.totals().score, self.final_totals.score, self.par)

    # -- narration ---------------------------------------------------------------------

    def _find_truth_lines(self) -> set[int]:
        """The lines where the snippet's claim and the compiler's truth part
        ways: the sites the truth names, else every site."""
        truth = self.truth
        if not truth:
            return set()
        hits = set()
        for s in self.program.sites:
            key = s.name if s.kind == "var" else s.expr
            if key and (f"`{key}`" in truth or (len(key) > 3 and key in truth)):
                hits.add(s.line)
        if not hits:
            hits = {s.line for s in self.program.sites}
        return hits

    def narration(self) -> str:
        """One plain sentence about the step just run."""
        pos = self.position
        if pos == 0:
            line = self.rec.step_line[0] if self.n_steps else 0
            if not line:
                return "This run has no steps."
            return (f"{self.entry} is about to run. Press space to run line {line}: "
                    f"`{self.source_line(line)}`.")
        s = pos - 1
        text = self._narrate_step(s)
        line = self.rec.step_line[s]
        truth = self.truth
        first = self._first_reach.get(line) == s
        if truth and line in self._truth_lines:
            # The whole story once, where the run first meets it; after that a
            # reminder where the heap is involved.
            if s == self._truth_step:
                text = f"{text} The claim says otherwise — {truth}"
            elif any(e[0] in (ALLOC, REALLOC, FREE) for e in self.step_events(s)):
                text = f"{text} (The claim does not hold here.)"
        elif self.claim and first and line in self._sites_by_line and not truth:
            text = f"{text} (The claim holds.)"
        if self.at_end:
            if self.result.error is not None:
                text = f"{text} The run stopped: {self.result.error.message.splitlines()[0]}."
            else:
                t = self.final_totals
                text = (f"{text} Done: {self.entry} returned after {self.n_steps:,} steps, "
                        f"{t.heap_allocs:,} heap allocations, score {t.score}"
                        + (f" (par {self.par})." if self.par is not None else "."))
        return text

    def _narrate_step(self, s: int) -> str:
        evs = self.step_events(s)
        rec = self.rec
        line = rec.step_line[s]
        go = self.go
        gc = self.gc_view(s)
        if gc is not None:
            who = "You forced GC cycle" if gc.forced else "GC cycle"
            return (f"{who} {gc.cycle}: marking from the roots (stack, globals) found "
                    f"{len(gc.marked)} live object{'s' if len(gc.marked) != 1 else ''}; "
                    f"the sweep freed {len(gc.swept)} unreachable "
                    f"({human_bytes(gc.swept_bytes)}).")
        allocs = [e for e in evs if e[0] == ALLOC]
        reallocs = [e for e in evs if e[0] == REALLOC]
        frees = [e for e in evs if e[0] == FREE]
        calls = [e for e in evs if e[0] == CALL]
        rets = [e for e in evs if e[0] == RET]
        if allocs:
            b, site = allocs[0][1], allocs[0][2]
            more = f" (+{len(allocs) - 1} more allocation{'s' if len(allocs) > 2 else ''})" if len(allocs) > 1 else ""
            where = self._where(b)
            if isinstance(site, ir.Var):
                reason = site.reason or "the compiler cannot prove it does not outlive the frame"
                return f"`{site.name}` moves to the heap: {_clean(reason)}{more}."
            if isinstance(site, ir.AllocSite):
                reason = f": {_clean(site.reason)}" if site.reason else ""
                if b.label.startswith("map "):  # a map's own objects: say which one
                    names = ", ".join(e[1].label for e in allocs)
                    if site.placement == "stack":
                        reason = (": the map does not escape, so its header is in the frame, "
                                  "but the tables a hint over 8 asks for come from the heap")
                    return (f"`{site.text}` allocates {names} on the heap "
                            f"({human_bytes(sum(e[1].size for e in allocs))}){reason}.")
                if b.label.startswith("HashMap table"):  # name the table; a growth frees the old one
                    old = [e[1] for e in frees if e[1].label.startswith("HashMap table")]
                    if old:
                        return (f"`{site.text}` finds the table full (7/8 of its buckets): it allocates "
                                f"the {b.label}, {human_bytes(b.size)}, on the heap {where}, moves the "
                                f"entries over and frees the old {old[0].label}.")
                    return (f"`{site.text}` allocates the {b.label}, {human_bytes(b.size)}, on the heap "
                            f"{where}: one block for the slots, then a control byte per bucket and 16 "
                            + ("more, for all the items asked for." if "with_capacity" in site.text else
                               "more (HashMap::new() allocated nothing)."))
                return f"`{site.text}` allocates {human_bytes(b.size)} on the heap {where}{reason}{more}."
            return f"`{b.label}` allocates {human_bytes(b.size)} on the heap {where}{more}."
        if reallocs:
            old, new, oc, nc = reallocs[0][1:]
            if old is new:
                return (f"`{new.label}` grows in place from {oc} to {nc} elements: realloc "
                        f"found room right after the chunk, so nothing is copied.")
            return (f"`{new.label}` is full: realloc moves it from {old.addr:#x} to {new.addr:#x} "
                    f"({oc} → {nc} elements), copying the old contents and freeing the old block.")
        if frees and not go:
            b = frees[0][1]
            more = f" (and {len(frees) - 1} more)" if len(frees) > 1 else ""
            what = f"the {human_bytes(b.size)} heap block of `{b.label}` at {b.addr:#x}"
            src = self.source_line(line)
            if "drop(" in src:
                return f"`{src.rstrip(';')}` frees {what} right here{more}: Rust frees when the owner is dropped."
            return (f"Its owner goes out of scope, so {what} is freed right here{more}: "
                    "no garbage collector, no waiting.")
        if not go and any(lp.over_map and lp.cond_line == line and lp.cond_col == rec.step_col[s]
                          for lp in self._loops):
            return (f"Line {line}: the loop takes the HashMap's next entry (`{self.source_line(line).strip()}`), "
                    "in one of the orders Rust could give: the real order changes from run to run "
                    "(SipHash's keys are random), so the program must not depend on it.")
        stack_sites = [x for x in self._sites_by_line.get(line, ()) if x.placement == "stack"]
        if stack_sites:
            x = stack_sites[0]
            what = x.name if x.kind == "var" else x.expr
            reason = f": {_clean(x.reason)}" if x.reason else ""
            return f"`{what}` stays on the stack{reason} — no allocation, just space in the frame."
        if calls:
            fr = calls[-1][1]
            size = fr.sp_before - fr.block.addr
            return (f"Call {fr.func.name}: SP moves down {size} bytes at once, reserving its whole "
                    f"frame (return address, saved FP and every local).")
        if rets:
            fr = rets[0][1]
            size = fr.sp_before - fr.block.addr
            return (f"{fr.func.name} returns: its frame is popped and SP moves back up "
                    f"{size} bytes; its locals are gone.")
        # Compiler temporaries (a range loop's `.len`, `.i`) are not news.
        decls = [e for e in evs if e[0] == DECL and not e[2].name.startswith((".", "<"))]
        if decls:
            fr, v = decls[0][1], decls[0][2]
            slot = fr.func.slots.get(id(v))
            addr = f" at {fr.block.addr + slot.offset:#x}" if slot is not None else ""
            return f"`{v.name}` ({v.ty}) is stored in {fr.func.name}'s frame{addr}: no allocation."
        outs = [e for e in evs if e[0] == OUTPUT]
        if outs:
            return f"Prints {''.join(e[1] for e in outs).strip()!r}."
        ends = [e for e in evs if e[0] == SCOPE_END]
        src = self.source_line(line)
        if ends and not go:
            return f"Line {line}: `{src}`; {', '.join(v.name for v in ends[0][2])} go out of scope."
        col = rec.step_col[s]
        here = [lp for lp in self._loops if lp.cond_line == line and lp.cond_col == col]
        if any(lp.over_map for lp in here):
            return (f"Line {line}: range takes the map's next entry (`{src}`), in any order Go "
                    "could give: Go randomises it, so the program must not depend on it.")
        if here:
            return f"Line {line}: the loop checks its condition (`{src}`)."
        return f"Line {line}: `{src}`{self._access_summary(s)}."

    def _access_summary(self, s: int) -> str:
        """' — 2 loads, 1 store, 1 cache miss' for a step's memory accesses."""
        acc = self.cursor.step_accesses(s)
        if not acc:
            return ""
        loads = sum(1 for a in acc if not a[0])
        stores = len(acc) - loads
        misses = sum(1 for a in acc if a[4])
        parts = []
        if loads:
            parts.append(f"{loads} load{'s' if loads != 1 else ''}")
        if stores:
            parts.append(f"{stores} store{'s' if stores != 1 else ''}")
        parts.append(f"{misses} cache miss{'es' if misses != 1 else ''}" if misses else "all cache hits")
        return " — " + ", ".join(parts)

    def _where(self, b: Block) -> str:
        if self.go:
            span = self.heap.span_for(b)
            if span is None:
                return f"at {b.addr:#x}"
            if span.large:
                return f"at {b.addr:#x}, a large span of its own"
            return f"at {b.addr:#x}, size class {span.size_class} ({span.elem} B slots)"
        from ..sim.malloc import chunk_size

        return f"at {b.addr:#x}, a {chunk_size(b.size)}-byte malloc chunk"
