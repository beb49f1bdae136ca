"""The cache pane: the L1 as sets × ways, the lines the step just touched
lit green (hit) or red (miss), and the hit rate over time as a sparkline.

Wide enough, it draws the whole grid (one column per set, one row per way);
narrow, one cell per set whose height shows how many ways are filled.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from . import LinePane, animations_on, fit

if TYPE_CHECKING:
    from ...game.session import GameSession

BARS = "▁▂▃▄▅▆▇█"
FILL = " ▁▂▃▄▅▆▇█"
FLASH_SECONDS = 0.3


def sparkline(values: list[float]) -> str:
    return "".join(BARS[min(7, int(v * 8))] for v in values)


class CachePane(LinePane):
    COMPONENT_CLASSES = {
        "cache--empty", "cache--line", "cache--hit", "cache--miss", "cache--hit-flash",
        "cache--miss-flash", "cache--dim", "cache--label",
    }

    def __init__(self, session: GameSession, **kw: Any) -> None:
        super().__init__(session, **kw)
        self._flash_until = 0.0
        self._last_pos = -1

    def show(self, session: GameSession | None = None) -> None:
        if session is not None:
            self.session = session
        s = self.session
        sets, ways, line = s.cache_geometry
        title = f"L1 cache · {sets} sets × {ways} ways"
        if self.border_title != title:
            self.border_title = title
            self.border_subtitle = f"{line} B lines"
        pos = s.position
        if abs(pos - self._last_pos) == 1 and animations_on(self) and pos > 0:
            self._flash_until = monotonic() + FLASH_SECONDS
            self.set_timer(FLASH_SECONDS + 0.02, self._end_flash)
        else:
            self._flash_until = 0.0
        self._last_pos = pos
        super().show()

    def finish_animation(self) -> None:
        self._flash_until = 0.0

    def _end_flash(self) -> None:
        self._flash_until = 0.0
        self.redraw()

    def build(self, width: int, height: int) -> list[Text | Strip]:
        s = self.session
        sets, ways, _ = s.cache_geometry
        acc = s.accesses()
        touched: dict[tuple[int, int], bool] = {}
        touched_sets: dict[int, bool] = {}
        for a in acc:
            key = (a.set, a.way)
            touched[key] = touched.get(key, True) and a.hit
            touched_sets[a.set] = touched_sets.get(a.set, True) and a.hit
        flash = monotonic() < self._flash_until
        st = {
            "empty": self.style("cache--empty"),
            "line": self.style("cache--line"),
            "hit": self.style("cache--hit-flash" if flash else "cache--hit"),
            "miss": self.style("cache--miss-flash" if flash else "cache--miss"),
            "dim": self.style("cache--dim"),
            "label": self.style("cache--label"),
        }
        resident = s.cache().resident()
        footer = self._footer(acc, width, st)
        grid_rows = height - len(footer)
        out: list[Text | Strip] = []
        if width >= sets + 4 and grid_rows >= ways:
            for w in range(ways):
                t = Text(f"w{w:<2}", st["label"], end="")
                for si in range(sets):
                    hit = touched.get((si, w))
                    if hit is not None:
                        t.append("■", st["hit"] if hit else st["miss"])
                    elif resident[si][w] >= 0:
                        t.append("▪", st["line"])
                    else:
                        t.append("·", st["empty"])
                out.append(t)
        elif width >= sets + 4 and grid_rows >= (ways + 1) // 2:
            # Two ways per row: the upper half of a cell is way 2r, the lower
            # 2r+1. Built as segments directly (512 cells a step).
            base = self.rich_style
            colour = {k: (st[k].color or st["line"].color) for k in ("empty", "line", "hit", "miss")}
            cell_styles: dict[tuple[str, str], Style] = {}

            def state(si: int, w: int) -> str:
                if w >= ways:
                    return "empty"
                hit = touched.get((si, w))
                if hit is not None:
                    return "hit" if hit else "miss"
                return "line" if resident[si][w] >= 0 else "empty"

            label_style = base + st["label"]
            for r in range((ways + 1) // 2):
                segs = [Segment(f"w{2 * r}{2 * r + 1:<1} ", label_style)]
                run_key: tuple[str, str] | None = None
                run = 0
                for si in range(sets):
                    key = (state(si, 2 * r), state(si, 2 * r + 1))
                    if key != run_key:
                        if run:
                            segs.append(Segment("▀" * run, cell_styles[run_key]))  # type: ignore[index]
                        run_key, run = key, 0
                        if key not in cell_styles:
                            cell_styles[key] = Style(color=colour[key[0]], bgcolor=colour[key[1]])
                    run += 1
                if run:
                    segs.append(Segment("▀" * run, cell_styles[run_key]))  # type: ignore[index]
                out.append(Strip(segs))
        else:
            per_row = max(8, min(sets, width - 4))
            nrows = -(-sets // per_row)
            for r in range(min(nrows, max(1, grid_rows))):
                lo = r * per_row
                t = Text(f"{lo:<3}", st["label"], end="")
                for si in range(lo, min(sets, lo + per_row)):
                    filled = sum(1 for tag in resident[si] if tag >= 0)
                    ch = FILL[min(8, filled * 8 // ways)] if filled else "·"
                    hit = touched_sets.get(si)
                    if hit is not None:
                        t.append("█" if ch in "· " else ch, st["hit"] if hit else st["miss"])
                    else:
                        t.append(ch, st["line"] if filled else st["empty"])
                out.append(t)
        out.extend(footer)
        return [fit(t, width) if isinstance(t, Text) else t for t in out[:height]]

    def _footer(self, acc: list[Any], width: int, st: dict[str, Any]) -> list[Text]:
        s = self.session
        last = Text(end="")
        if acc:
            a = acc[-1]
            last.append("last: ", st["dim"])
            last.append(f"{'store' if a.write else 'load'} {a.addr:#x} ({a.size} B) → set {a.set}"
                        f" · way {a.way} · ")
            last.append("hit" if a.hit else "MISS", st["hit"] if a.hit else st["miss"])
            misses = sum(1 for x in acc if not x.hit)
            if len(acc) > 1:
                last.append(f"  ({len(acc)} accesses, {misses} miss{'es' if misses != 1 else ''})",
                            st["dim"])
        else:
            last.append("no memory access this step", st["dim"])
        t = s.totals()
        spark = Text(end="")
        total = t.cache_hits + t.cache_misses
        rate = t.cache_hits / total if total else 0.0
        series = s.hit_rate_series(max(4, min(32, width // 3)))
        spark.append("hit rate ", st["dim"])
        spark.append(sparkline(series), st["hit"] if rate >= 0.8 else st["miss"])
        spark.append(f" {rate:.0%}  ", st["label"])
        spark.append(f"{t.cache_hits:,} hits / {t.cache_misses:,} misses", st["dim"])
        return [last, spark]
