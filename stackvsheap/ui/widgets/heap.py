"""The heap pane: live blocks laid out by address.

Go: spans in address order, each with its size class, an occupancy bar and
used/total slots; the span holding the newest (or the selected) object opens
into a grid of slots, `[ ? ]` for free ones. A large object has a span of
its own. Rust: glibc malloc chunks in address order, each with its header,
and the freed holes between them, so fragmentation and reuse are visible.

Only what fits is drawn: a window of spans or chunks around the focus,
with runs of similar ones folded into a count ("… 992 more", "8 of 1000
shown"). During a GC step the objects turn white, grey and black as marking
proceeds (a wave, when animations are on), then the swept ones are crossed out.
"""

from __future__ import annotations

import bisect
from time import monotonic
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from ...game.heapmap import Span
from ...game.valuefmt import human_bytes, value_pieces
from ...game.views import GCView, Target
from ...sim.memory import Block, Ptr, SliceV
from ...sim.trace import ALLOC, FREE, REALLOC
from . import LinePane, animations_on, click, fit, tag_style

if TYPE_CHECKING:
    from ...game.session import GameSession

GC_WAVE_SECONDS = 1.2
FLASH_SECONDS = 0.35


class HeapPane(LinePane):
    COMPONENT_CLASSES = {
        "heap--addr", "heap--dim", "heap--free", "heap--new", "heap--flash", "heap--selected",
        "heap--span", "heap--hdr", "heap--hole", "heap--white", "heap--grey", "heap--black",
        "heap--swept", "heap--bar",
    }

    gc_progress: reactive[float] = reactive(1.0, layout=False)

    def __init__(self, session: GameSession, **kw: Any) -> None:
        super().__init__(session, **kw)
        self._step_key: tuple[int, int] | None = None
        self._gc: GCView | None = None
        self._grey_at: dict[int, int] = {}
        self._black_at: dict[int, int] = {}
        self._swept_by_span: dict[int, dict[int, Block]] = {}
        self._new: set[int] = set()
        self._freed: list[Block] = []
        self._flash_until = 0.0
        self._last_pos = -1

    # -- per step -------------------------------------------------------------

    def show(self, session: GameSession | None = None) -> None:
        if session is not None:
            self.session = session
        self._prepare_step()
        super().show()

    def watch_gc_progress(self) -> None:
        self.redraw()

    def finish_animation(self) -> None:
        self.app.animator.force_stop_animation(self, "gc_progress")
        self._flash_until = 0.0

    def _prepare_step(self) -> None:
        s = self.session
        pos = s.position
        if (id(s), pos) == self._step_key:
            return
        stepped = abs(pos - self._last_pos) == 1
        self._last_pos = pos
        self._step_key = (id(s), pos)
        evs = s.step_events()
        self._new = {e[1].id for e in evs if e[0] == ALLOC}
        self._new |= {e[2].id for e in evs if e[0] == REALLOC}
        self._freed = [e[1] for e in evs if e[0] == FREE]
        self._gc = s.gc_view()
        self._grey_at, self._black_at, self._swept_by_span = {}, {}, {}
        if self._gc is not None:
            for i, (b, c) in enumerate(self._gc.order):
                (self._black_at if c == 2 else self._grey_at).setdefault(b.id, i)
            if s.go:
                for b in self._gc.swept:
                    obj = b.info
                    if obj is not None and obj >= 0:
                        self._swept_by_span.setdefault(obj >> 10, {})[obj & 1023] = b
        on = animations_on(self) and stepped
        if self._gc is not None and on:
            self.gc_progress = 0.0
            self.animate("gc_progress", 1.0, duration=GC_WAVE_SECONDS, level="basic")
        else:
            self.app.animator.force_stop_animation(self, "gc_progress")
            self.gc_progress = 1.0
        if self._new and on:
            self._flash_until = monotonic() + FLASH_SECONDS
            self.set_timer(FLASH_SECONDS + 0.02, self._end_flash)
        else:
            self._flash_until = 0.0
        hm = s.heap
        kind = "Go size classes" if s.go else "glibc malloc"
        title = f"Heap · {kind}"
        if self.size.width and self.size.width < 56:
            title += f" · {0xC000000000 >> 20:#x}…" if s.go else f" · {0x555555500000 >> 20:#x}…"
        sub = f"{hm.live_blocks:,} live · {human_bytes(hm.live_bytes)}"
        if self.border_title != title:
            self.border_title = title
        if self.border_subtitle != sub:
            self.border_subtitle = sub

    def _end_flash(self) -> None:
        self._flash_until = 0.0
        self.redraw()

    # -- styles ---------------------------------------------------------------

    def _block_style(self, b: Block) -> Style:
        s = self.session
        style = tag_style(s.ordinal(b)) + click(f"select_block({b.id})")
        if self._gc is not None:
            style = style + self._gc_style(b)
        elif b.id in self._new:
            style = style + self.style(
                "heap--flash" if monotonic() < self._flash_until else "heap--new")
        if b.id == self.selected:
            style = style + self.style("heap--selected")
        return style

    def _gc_colour(self, b: Block) -> int:
        gc = self._gc
        if gc is None:
            return -1
        done = int(self.gc_progress * len(gc.order) + 0.5)
        if self._black_at.get(b.id, 1 << 60) < done:
            return 2
        if self._grey_at.get(b.id, 1 << 60) < done:
            return 1
        return 0

    def _gc_style(self, b: Block) -> Style:
        c = self._gc_colour(b)
        return self.style(("heap--white", "heap--grey", "heap--black")[c])

    def _tag(self, b: Block) -> str:
        glyph = "●"
        if self._gc is not None:
            glyph = "○◐●"[self._gc_colour(b)]
        return glyph + self.session.tag(b)

    # -- drawing --------------------------------------------------------------

    def build(self, width: int, height: int) -> list[Text]:
        self._prepare_step()
        s = self.session
        if s.go:
            lines = self._build_go(width, height)
        else:
            lines = self._build_rust(width, height)
        return [fit(t, width) for t in lines[:height]]

    def _addr(self, a: int, width: int) -> str:
        """Full addresses when there is room; else the low five hex digits
        (the title then shows the common prefix)."""
        if width >= 56:
            return f"{a:#x}"
        return f"…{a & 0xFFFFF:05x}"

    def _focus(self) -> Block | None:
        s = self.session
        if self.selected is not None:
            b = s.cursor.heap.get(self.selected)
            if b is not None:
                return b
        return s.heap.newest

    # .. Go ...................................................................

    def _build_go(self, width: int, height: int) -> list[Text]:
        s = self.session
        hm = s.heap
        st_dim = self.style("heap--dim")
        gc = self._gc
        swept_line: Text | None = None
        if gc is not None:
            swept_line = self._swept_line(gc, width)
        budget = height - (1 if swept_line is not None else 0)
        bases = hm.span_bases
        if not bases:
            out = [Text("nothing allocated yet" if s.position == 0 or not self._freed and gc is None
                        else "no live objects", st_dim, end="")]
            if swept_line is not None:
                out.append(swept_line)
            return out
        focus = self._focus()
        fspan = hm.span_for(focus) if focus is not None else None
        if fspan is None or fspan.sid not in hm.spans:
            fspan = hm.spans[bases[-1][1]]
        fi = bisect.bisect_left(bases, (fspan.base, fspan.sid))
        detail = self._slot_grid(fspan, focus, width, max(1, min(6, budget // 2)))
        head_budget = max(1, budget - len(detail))
        n = len(bases)
        # A window of span headers around the focus span.
        before = min(fi, max(0, (head_budget - 1) // 3))
        lo = fi - before
        hi = min(n, lo + head_budget)
        while True:
            more_above = lo > 0
            more_below = hi < n
            need = (hi - lo) + more_above + more_below
            if need <= head_budget or hi - lo <= 1:
                break
            if hi - 1 > fi:
                hi -= 1
            elif lo < fi:
                lo += 1
            else:
                break
        out: list[Text] = []
        if lo > 0:
            out.append(self._more_spans(bases[:lo], "lower"))
        for i in range(lo, hi):
            span = hm.spans[bases[i][1]]
            out.append(self._span_header(span, width))
            if i == fi:
                out.extend(detail)
        if hi < n:
            out.append(self._more_spans(bases[hi:], "higher"))
        out = out[:budget]
        if swept_line is not None:
            out.append(swept_line)
        return out

    def _more_spans(self, part: list[tuple[int, int]], where: str) -> Text:
        hm = self.session.heap
        objs = sum(hm.spans[sid].used for _, sid in part)
        classes = sorted({hm.spans[sid].size_class for _, sid in part})
        cls = (f"class {classes[0]}" if len(classes) == 1 else f"{len(classes)} classes")
        return Text(f"  … {len(part)} span{'s' if len(part) != 1 else ''} at {where} addresses "
                    f"({cls}, {objs:,} objects)", self.style("heap--dim"), end="")

    def _span_header(self, span: Span, width: int) -> Text:
        st_addr = self.style("heap--addr")
        st_span = self.style("heap--span")
        t = Text(end="")
        t.append(f"{self._addr(span.base, width)} ", st_addr)
        if span.large:
            blocks = next(iter(span.slots.values()), [])
            t.append(f"large {human_bytes(span.elem)} ", st_span)
            if blocks:
                b = blocks[0]
                t.append(self._tag(b), self._block_style(b))
                t.append(f" {b.elem}×{b.count} ")
                self._preview(t, b, max(0, width - t.cell_len - 2))
            return t
        t.append(f"c{span.size_class} {span.elem} B ", st_span)
        count = f" {span.used}/{span.nelems}"
        if span.nelems <= 2 and span.slots:
            # One object per span (a big size class): show the object instead.
            b = next(iter(span.slots.values()))[0]
            t.append(self._tag(b), self._block_style(b))
            t.append(f" {b.elem}×{b.count} " if b.count != 1 else f" {b.elem} ")
            self._preview(t, b, max(0, width - t.cell_len - 2))
            return t
        bar_w = max(4, min(32, width - t.cell_len - len(count) - 2))
        self._bar(t, span, bar_w)
        t.append(count, self.style("heap--dim"))
        return t

    def _bar(self, t: Text, span: Span, bar_w: int) -> None:
        """An occupancy map of the span: one cell per nelems/bar_w slots."""
        st = self.style("heap--bar")
        n = span.nelems
        bar_w = min(bar_w, n)
        if span.used == n:
            t.append("▕" + "█" * bar_w + "▏", st)
            return
        counts = [0] * bar_w
        for slot in span.slots:
            counts[slot * bar_w // n] += 1
        cell = n / bar_w
        shades = " ░▒▓█"
        t.append("▕", st)
        for c in counts:
            t.append(shades[max(1, min(4, round(4 * c / cell)))] if c else " ", st)
        t.append("▏", st)

    def _preview(self, t: Text, b: Block, room: int) -> None:
        """The first elements of a large object: '[●b ●c …] 8 of 1000 shown'."""
        s = self.session
        k = b.nleaves
        shown = 0
        t.append("[")
        limit = max(1, min(b.count, (room - 18) // 5))
        for i in range(min(b.count, limit)):
            if i:
                t.append(" ")
            v = b.cells[i * k] if k == 1 and i * k < len(b.cells) else None
            if isinstance(v, Ptr) and v.block.where == 1:
                t.append(self._tag(v.block), self._block_style(v.block))
            elif isinstance(v, SliceV) and v.block is not None:
                t.append(self._tag(v.block), self._block_style(v.block))
            elif k == 1:
                t.append(str(v if v is not None else ("nil" if s.go else "None")))
            else:
                t.append("{…}")
            shown += 1
        if b.count > shown:
            t.append(" …] ")
            t.append(f"{shown} of {b.count:,} shown", self.style("heap--dim"))
        else:
            t.append("]")

    def _slot_grid(self, span: Span, focus: Block | None, width: int, max_rows: int) -> list[Text]:
        if span.large:
            return []
        st_free = self.style("heap--free")
        st_dim = self.style("heap--dim")
        st_swept = self.style("heap--swept")
        s = self.session
        ghosts = self._swept_by_span.get(span.sid, {})
        tagw = 3
        cell_w = tagw + 2
        per_row = max(1, (width - 2) // cell_w)
        nrows = -(-span.nelems // per_row)
        focus_slot = span.last_slot
        if focus is not None and focus.info is not None and (focus.info >> 10) == span.sid:
            focus_slot = focus.info & 1023
        frow = focus_slot // per_row
        show_rows = min(nrows, max_rows - (1 if nrows > max_rows else 0)) if nrows > 1 else 1
        show_rows = max(1, show_rows)
        r0 = max(0, min(frow - show_rows // 2, nrows - show_rows))
        out = []
        for r in range(r0, r0 + show_rows):
            t = Text("  ", end="")
            for slot in range(r * per_row, min(span.nelems, (r + 1) * per_row)):
                blocks = span.slots.get(slot)
                if blocks:
                    b = blocks[0]
                    tag = self._tag(b)
                    if len(blocks) > 1:
                        tag = tag[: tagw - 1] + "+"
                    t.append("[")
                    t.append(f"{tag[:tagw]:<{tagw}}", self._block_style(b))
                    t.append("]")
                elif slot in ghosts:
                    g = ghosts[slot]
                    if self.gc_progress < 0.999:
                        t.append("[")
                        t.append(f"{self._tag(g)[:tagw]:<{tagw}}", self._block_style(g))
                        t.append("]")
                    else:
                        t.append(f"[✕{s.tag(g)[: tagw - 1]:<{tagw - 1}}]", st_swept)
                else:
                    t.append("[ ? ]" if tagw == 3 else "[" + " ?".ljust(tagw) + "]", st_free)
            out.append(t)
        if nrows > show_rows:
            first = r0 * per_row
            last = min(span.nelems, (r0 + show_rows) * per_row) - 1
            hidden_used = span.used - sum(
                1 for slot in span.slots if first <= slot <= last)
            hidden_free = (span.nelems - (last - first + 1)) - hidden_used
            more = (f"… {hidden_used:,} more used, {hidden_free:,} free" if hidden_used
                    else f"… {hidden_free:,} free slots")
            out.append(Text(f"  {more} · {first}–{last} of {span.nelems} shown", st_dim, end=""))
        return out

    def _swept_line(self, gc: GCView, width: int) -> Text:
        st = self.style("heap--swept")
        st_dim = self.style("heap--dim")
        t = Text(end="")
        if self.gc_progress < 0.999:
            t.append(f"GC {gc.cycle}: marking… {int(self.gc_progress * 100)}%", st_dim)
            return t
        t.append(f"GC {gc.cycle}: swept {len(gc.swept):,} ({human_bytes(gc.swept_bytes)}) ", st_dim)
        tags = [f"✕{self.session.tag(b)} " for b in gc.swept[:64]]
        room = width - t.cell_len
        shown = 0
        for tag in tags:
            if room - len(tag) < (12 if shown < len(gc.swept) - 1 else 0):
                break
            t.append(tag, st)
            room -= len(tag)
            shown += 1
        if len(gc.swept) > shown:
            t.append(f"… {len(gc.swept) - shown:,} more", st_dim)
        return t

    # .. Rust .................................................................

    def _build_rust(self, width: int, height: int) -> list[Text]:
        from ...sim.malloc import HEAP_START, TCACHE_CHUNK

        s = self.session
        hm = s.heap
        st_dim = self.style("heap--dim")
        addrs = hm.chunk_addrs
        freed_line: Text | None = None
        if self._freed:
            freed_line = Text(end="")
            freed_line.append("dropped this step: ", st_dim)
            for b in self._freed[:6]:
                freed_line.append(f"✕{s.tag(b)} {b.label} {human_bytes(b.size)}  ",
                                  self.style("heap--swept"))
            if len(self._freed) > 6:
                freed_line.append(f"… {len(self._freed) - 6} more", st_dim)
        budget = height - (1 if freed_line is not None else 0)
        # the trait objects' vtables: static data, drawn under the heap (dyn.py)
        statics = [Text("static " + v, st_dim, end="") for v in s.vtable_lines()][: max(0, (budget - 2) // 3)]
        budget -= len(statics)
        if freed_line is not None:
            statics.insert(0, freed_line)
        freed_line = None
        if not addrs:
            out = [Text("nothing on the heap" + (" yet" if s.position == 0 else ""), st_dim, end="")]
            return out + statics
        focus = self._focus()
        fi = hm.chunk_index(focus.addr) if focus is not None and focus.addr in hm.chunks else len(addrs) - 1
        special = {focus.id} if focus is not None else set()
        special |= self._new
        if self.selected is not None:
            special.add(self.selected)
        up: list[Text] = []
        down: list[Text] = []
        up_budget = max(0, (budget - 1) // 3)
        # Walk towards lower addresses from the focus (nearest first).
        i = fi - 1
        while i >= 0 and len(up) < up_budget:
            hole = self._hole_between(i, i + 1, width)
            if hole is not None:
                up.append(hole)
            j, line = self._rust_item(i, -1, special, width)
            up.append(line)
            i = j - 1
        if i < 0:
            up.append(Text(f"{HEAP_START:#x} ▕{TCACHE_CHUNK:#x}▏ glibc's tcache (malloc's own)",
                           st_dim, end=""))
        else:
            up.append(Text(f"  … {i + 1:,} chunks at lower addresses", st_dim, end=""))
        i = fi
        while i < len(addrs) and len(down) < budget - len(up):
            j, line = self._rust_item(i, 1, special, width)
            down.append(line)
            hole = self._hole_between(j, j + 1, width)
            if hole is not None:
                down.append(hole)
            i = j + 1
        if i < len(addrs):
            if len(up) + len(down) >= budget:
                down = down[: max(0, budget - len(up) - 1)]
            down.append(Text(f"  … {len(addrs) - i:,} chunks at higher addresses", st_dim, end=""))
        out = list(reversed(up)) + down
        out = out[:budget]
        return out + statics

    def _rust_item(self, i: int, step: int, special: set[int], width: int) -> tuple[int, Text]:
        """A chunk, or a run of similar chunks folded into one line; returns
        (the last index covered, the line)."""
        hm = self.session.heap
        addrs = hm.chunk_addrs
        b = hm.chunks[addrs[i]]
        j = i
        if b.id not in special:
            key = (b.label, b.size)
            limit = 20000
            while 0 <= j + step < len(addrs) and abs(j - i) < limit:
                nb = hm.chunks[addrs[j + step]]
                if (nb.label, nb.size) != key or nb.id in special:
                    break
                lo, hi = (j, j + step) if step > 0 else (j + step, j)
                if self._hole_size(lo, hi) >= 32:
                    break
                j += step
        run = abs(j - i) + 1
        if run >= 4:
            first, last = (i, j) if step > 0 else (j, i)
            fb = hm.chunks[addrs[first]]
            lb = hm.chunks[addrs[last]]
            chunk, size = hm.chunk_of(fb)
            t = Text(end="")
            t.append(f"{self._addr(chunk, width)} ", self.style("heap--addr"))
            t.append(f"▕{size:#x}▏ ", self.style("heap--hdr"))
            t.append(self._tag(fb), self._block_style(fb))
            t.append("…", self.style("heap--dim"))
            t.append(self._tag(lb), self._block_style(lb))
            t.append(f" ×{run:,} ", self.style("heap--span"))
            t.append(f"{fb.label}", "")
            t.append(f" {fb.elem}", self.style("heap--dim"))
            return j, t
        return i, self._chunk_line(b, width)

    def _hole_size(self, i: int, j: int) -> int:
        hm = self.session.heap
        a = hm.chunks[hm.chunk_addrs[i]]
        b = hm.chunks[hm.chunk_addrs[j]]
        ca, sa = hm.chunk_of(a)
        cb, _ = hm.chunk_of(b)
        return cb - (ca + sa)

    def _hole_between(self, i: int, j: int, width: int) -> Text | None:
        hm = self.session.heap
        if i < 0 or j >= len(hm.chunk_addrs) or i >= j:
            return None
        gap = self._hole_size(i, j)
        if gap < 32:
            return None
        a = hm.chunks[hm.chunk_addrs[i]]
        ca, sa = hm.chunk_of(a)
        st = self.style("heap--hole")
        if gap > 1 << 20:
            return Text(f"  ⋯ {human_bytes(gap)} of address space ⋯", st, end="")
        t = Text(f"{self._addr(ca + sa, width)} ", self.style("heap--addr"), end="")
        t.append(f"░░ free {human_bytes(gap)} ░░", st)
        for f in self._freed:
            cf, _ = hm.chunk_of(f)
            if ca + sa <= cf < ca + sa + gap:
                t.append(f"  ← {f.label} just freed", self.style("heap--swept"))
                break
        return t

    def _chunk_line(self, b: Block, width: int) -> Text:
        hm = self.session.heap
        s = self.session
        chunk, size = hm.chunk_of(b)
        t = Text(end="")
        t.append(f"{self._addr(chunk, width)} ", self.style("heap--addr"))
        t.append(f"▕{size:#x}▏ ", self.style("heap--hdr"))
        t.append(self._tag(b), self._block_style(b))
        label = b.label if len(b.label) <= 22 else b.label[:21] + "…"
        t.append(f" {label} ")
        t.append(f"{b.elem}×{b.count} " if b.count != 1 else f"{b.elem} ",
                 self.style("heap--dim"))
        room = width - t.cell_len
        if room > 6:
            k = b.nleaves
            if b.count == 1:
                pieces = value_pieces(b.cells[:k], b.elem, False, limit=3)
                t.append("= ")
                self._append_pieces(t, pieces)
            else:
                self._preview(t, b, room)
        return t

    def _append_pieces(self, t: Text, pieces: tuple[Any, ...]) -> None:
        for p in pieces:
            if isinstance(p, Target):
                t.append(self._tag(p.block), self._block_style(p.block))
            else:
                t.append(p)
