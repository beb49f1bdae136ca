"""The stack pane: frames as boxes, stacked like the blog's drawings.

The outermost frame is at the top and the stack grows down the pane, as it
grows down in memory; inside a box the rows are laid out by address, highest
first, so the return address and the saved frame pointer come first and the
frame's lowest address, where SP points, is its bottom edge. Both compilers
reserve the whole frame at the call (`SUB $framesize, SP`), so SP moves when a
frame is pushed or popped; a local's row appears when it is declared, and
until then its slot is shown as reserved space.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from ...game.views import FrameBox, SlotRow, Target
from ...sim.trace import DECL
from . import LinePane, animations_on, click, fit, short_addr, tag_style

if TYPE_CHECKING:
    from ...game.session import GameSession

MARGIN = 5  # room right of the boxes for the SP and FP arrows
SP_SLIDE_SECONDS = 0.25


class StackPane(LinePane):
    COMPONENT_CLASSES = {
        "stack--func", "stack--border", "stack--addr", "stack--dim", "stack--new",
        "stack--sp", "stack--fp", "stack--moved", "stack--selected", "stack--reserved",
    }

    # The row the SP arrow is drawn on; animated so it slides.
    sp_row: reactive[float] = reactive(-1.0, layout=False)

    def __init__(self, session: GameSession, **kw: Any) -> None:
        super().__init__(session, **kw)
        self._sp_target = -1
        self._pos_seen = -1

    def watch_sp_row(self) -> None:
        self.redraw()

    def finish_animation(self) -> None:
        self.app.animator.force_stop_animation(self, "sp_row")

    # -- drawing ------------------------------------------------------------

    def build(self, width: int, height: int) -> list[Text]:
        s = self.session
        frames = s.frames()
        st_dim = self.style("stack--dim")
        st_sp = self.style("stack--sp")
        sp = s.sp()
        delta = s.sp_delta()
        if not frames:
            top = Text(f"{s.stack_top:#x} ─ stack top", st_dim, end="")
            msg = Text(f"empty: {s.entry} has returned", st_dim, end="")
            sp_line = Text(f"SP {sp:#x}", st_sp, end="")
            sp_line.append(" ◀ back at the top", st_dim)
            if delta:
                sp_line.append(f" (+{delta} B)", st_dim)
            self._sp_target = 1
            return [fit(top, width), fit(sp_line, width), fit(msg, width)]
        box_w = max(20, width - MARGIN)
        wide = box_w >= 52
        blocks: list[list[tuple[Text, str]]] = []
        used = 0
        depth = len(frames) - 1
        while depth >= 0 and used < height + 8:
            fb = s.frame_box(depth)
            lines = self._frame_lines(fb, box_w, wide, innermost=depth == len(frames) - 1)
            blocks.append(lines)
            used += len(lines)
            depth -= 1
        hidden_outer = depth + 1
        blocks.reverse()
        rows: list[tuple[Text, str]] = []
        if hidden_outer == 0:
            rows.append((Text(f"{s.stack_top:#x} ─ stack top", st_dim, end=""), ""))
        for b in blocks:
            rows.extend(b)
        if len(rows) > height and hidden_outer == 0:
            rows.pop(0)  # the stack-top line goes first
        if len(rows) > height:
            cut = len(rows) - height + 1
            # Frames entirely above the cut (their bottom edge is cut too).
            hidden = hidden_outer + sum(1 for r in rows[:cut] if r[1] in ("bottom", "sp"))
            rows = rows[cut:]
            more = f"{hidden} outer frame{'s' if hidden != 1 else ''} above" if hidden else "more above"
            rows.insert(0, (Text(f"⋮ {more}", st_dim, end=""), ""))
        # The arrows sit in the margin: SP on the innermost box's bottom edge.
        target = next((i for i, r in enumerate(rows) if r[1] == "sp"), len(rows) - 1)
        fp_row = next((i for i, r in enumerate(rows) if r[1] == "fp"), -1)
        self._move_sp_arrow(target)
        arrow_row = round(self.sp_row) if self.sp_row >= 0 else target
        out = []
        for i, (t, kind) in enumerate(rows):
            t = fit(t, box_w)
            if i == arrow_row:
                t.append(" " * max(0, box_w - t.cell_len))
                t.append(" ◀ SP", st_sp)
            elif i == fp_row:
                t.append(" " * max(0, box_w - t.cell_len))
                t.append(" ◀ FP", self.style("stack--fp"))
            out.append(fit(t, width))
        return out

    def _move_sp_arrow(self, target: int) -> None:
        pos = self.session.position
        stepped = abs(pos - self._pos_seen) == 1
        self._pos_seen = pos
        if target == self._sp_target:
            return
        old = self._sp_target
        self._sp_target = target
        if old >= 0 and stepped and animations_on(self):
            self.sp_row = float(old)
            self.animate("sp_row", float(target), duration=SP_SLIDE_SECONDS, easing="out_cubic",
                         level="basic")
        else:
            self.sp_row = float(target)

    def _frame_lines(self, fb: FrameBox, box_w: int, wide: bool, innermost: bool) -> list[tuple[Text, str]]:
        s = self.session
        st_b = self.style("stack--border")
        st_func = self.style("stack--func")
        st_dim = self.style("stack--dim")
        inner = box_w - 4
        size = fb.top - fb.bottom
        # The function's name sits in the box's top edge, like a pane title.
        name = fb.func if len(fb.func) <= box_w - 14 else fb.func[: max(1, box_w - 15)] + "…"
        top = Text("┌ ", st_b, end="")
        top.append(name, st_func)
        top.append(f" · {size} B ", st_dim)
        top.append("─" * max(0, box_w - top.cell_len - 1) + "┐", st_b)
        lines: list[tuple[Text, str]] = [(top, "title")]
        new_names = set()
        if innermost and s.position > 0:
            new_names = {e[2].name for e in s.step_events() if e[0] == DECL}
        named = [r for r in fb.rows if r.kind not in ("ret", "fp", "reserved")]
        name_w = min(12 if inner >= 40 else 7, max([len(r.name) for r in named] + [4]))
        type_w = min(14, max([len(r.type) for r in named] + [3])) if inner >= 40 else 0
        addr_w = 14 if wide else 5
        for r in fb.rows:
            body = self._row(r, inner, name_w, type_w, addr_w, wide, r.name in new_names and r.kind in ("local",))
            t = Text("│ ", st_b, end="")
            t.append_text(fit(body, inner))
            t.append(" " * max(0, inner - body.cell_len))
            t.append(" │", st_b)
            lines.append((t, "fp" if (r.kind == "fp" and innermost) else "row"))
        if innermost:
            # SP points at the frame's lowest address: its bottom edge.
            st_sp = self.style("stack--sp")
            delta = s.sp_delta()
            bottom = Text("└ ", st_b, end="")
            bottom.append(f"SP {fb.bottom:#x}", st_sp)
            if delta:
                bottom.append(f" ({'−' if delta < 0 else '+'}{abs(delta)} B)", st_dim)
            bottom.append(" " + "─" * max(0, box_w - bottom.cell_len - 2) + "┘", st_b)
            lines.append((fit(bottom, box_w), "sp"))
        else:
            lines.append((Text("└" + "─" * (box_w - 2) + "┘", st_b, end=""), "bottom"))
        return lines

    def _row(self, r: SlotRow, inner: int, name_w: int, type_w: int, addr_w: int, wide: bool,
             new: bool) -> Text:
        s = self.session
        st_addr = self.style("stack--addr")
        st_dim = self.style("stack--dim")
        t = Text(end="")
        t.append(f"{short_addr(r.addr, wide):<{addr_w}} ", st_addr)
        if r.kind in ("ret", "fp"):
            t.append(f"{r.name:<{name_w + (type_w + 1 if type_w else 0)}} ", st_dim)
            for p in r.pieces:
                t.append(p if isinstance(p, str) else "", st_dim)
            return t
        if r.kind == "reserved":
            t.append(f"{r.pieces[0]}: {r.name}", self.style("stack--reserved"))
            return t
        name_style = self.style("stack--moved") if r.moved else (
            st_dim if r.kind == "temp" else Style())
        name = r.name if len(r.name) <= name_w else r.name[: name_w - 1] + "…"
        t.append(f"{name:<{name_w}} ", name_style)
        if type_w:
            ty = r.type if len(r.type) <= type_w else r.type[: type_w - 1] + "…"
            t.append(f"{ty:<{type_w}} ", st_dim)
        if r.moved:
            t.append("⇢heap ", self.style("stack--moved"))
        self._pieces(t, r.pieces)
        if new:
            t.stylize(self.style("stack--new"), addr_w + 1)
        return t

    def _pieces(self, t: Text, pieces: tuple[Any, ...]) -> None:
        s = self.session
        sel = self.style("stack--selected")
        for p in pieces:
            if isinstance(p, Target):
                b = p.block
                o = s.ordinal(b)
                style = tag_style(o) + click(f"select_block({b.id})")
                if b.id == self.selected:
                    style = style + sel
                t.append(f"●{s.tag(b)}", style)
            else:
                t.append(p)
