"""The score bar: step n/N, cycles, the heap, the GC, the cache and the
score against par, read from the per-step counters (O(1) at any step)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ...game.valuefmt import human_bytes
from . import LinePane, fit


class ScoreBar(LinePane):
    COMPONENT_CLASSES = {"score--label", "score--value", "score--good", "score--bad", "score--dim"}

    def build(self, width: int, height: int) -> list[Text]:
        s = self.session
        t = s.totals()
        sv = s.score_vs_par()
        lab = self.style("score--label")
        val = self.style("score--value")
        dim = self.style("score--dim")
        good = self.style("score--good")
        bad = self.style("score--bad")

        def line(*parts: Any) -> Text:
            out = Text(end="")
            for i, p in enumerate(parts):
                if isinstance(p, tuple):
                    out.append(p[0], p[1])
                else:
                    out.append(p, lab if i % 2 == 0 else val)
            return out

        par = "—" if sv.par is None else str(sv.par)
        verdict: tuple[str, Any] = ("", dim)
        if sv.delta is not None:
            verdict = ((f" ✓ beats par by {sv.delta}" if sv.delta >= 0 else f" ✗ {-sv.delta} under par"),
                       good if sv.delta >= 0 else bad)
        step = (f"{s.position:,}", val)
        total = t.cache_hits + t.cache_misses
        rate = f"{t.cache_hits / total:.0%}" if total else "—"
        if height >= 4 and width >= 30:
            lines = [
                line("step ", step, (f"/{s.n_steps:,}", dim), (" · ", lab), f"{t.cycles:,}", (" cycles", lab)),
                line("heap ", f"{t.heap_allocs:,}", (f" alloc{'' if t.heap_allocs == 1 else 's'} · ", lab), human_bytes(t.heap_bytes),
                     (f" · {t.heap_frees:,} frees" + (f" · {t.heap_reallocs} reallocs" if t.heap_reallocs
                                                       else ""), dim)),
                line("GC ", f"{t.gc_cycles}", (f" cycle{'' if t.gc_cycles == 1 else 's'} · ", lab), f"{t.gc_marked:,}", (" marked · ", lab),
                     f"{t.gc_swept:,}", (" swept · ", lab), f"{t.gc_work_cycles:,}", (" cyc", dim))
                if s.go else
                line("stack peak ", human_bytes(t.stack_peak_bytes), (" · no GC: drops free at once", dim)),
                line("L1 ", f"{t.cache_hits:,}", (" hits / ", lab), f"{t.cache_misses:,}",
                     (" misses · ", lab), rate),
                line("score ", f"{sv.score}", (" · final ", lab), f"{sv.final}", (" · par ", lab), par,
                     verdict),
            ]
            if height == 4:
                lines = [lines[0], lines[1], lines[3], lines[4]]
            if height >= 7:
                # Where the cycles went so far, largest first.
                parts = sorted(((v, k.split(" (")[0]) for k, v in t.breakdown() if v), reverse=True)
                total_c = max(1, t.cycles)
                lines.append(Text(end=""))
                for v, k in parts[: height - len(lines)]:
                    lines.append(line(f"  {k:<18}", f"{v:>10,}", (f" {v / total_c:4.0%}", dim)))
            return [fit(x, width) for x in lines[:height]]
        gc = (f"GC {t.gc_cycles}" if s.go else "no GC")
        one = line("step ", step, (f"/{s.n_steps:,}", dim), " · ", f"{t.cycles:,}", (" cyc · heap ", lab),
                   f"{t.heap_allocs:,}", (f" ({human_bytes(t.heap_bytes)}) · {gc} · L1 ", lab),
                   f"{t.cache_hits:,}/{t.cache_misses:,}", (" · score ", lab), f"{sv.score}",
                   (f" · final {sv.final} par {par}", dim), verdict)
        if height >= 2 and one.cell_len > width:
            a = line("step ", step, (f"/{s.n_steps:,}", dim), " · ", f"{t.cycles:,}", (" cyc · heap ", lab),
                     f"{t.heap_allocs:,}", (f" ({human_bytes(t.heap_bytes)}) · {gc}", lab))
            b = line("L1 ", f"{t.cache_hits:,}/{t.cache_misses:,}", (" · score ", lab), f"{sv.score}",
                     (f" · final {sv.final} · par {par}", dim), verdict)
            return [fit(a, width), fit(b, width)]
        return [fit(one, width)]
