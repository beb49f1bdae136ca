"""The title screen: the name in block letters, a stack pointer idling down a
little column of stack slots and back, and the menu."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

# A 3x5 pixel font, each pixel drawn two cells wide so the letters look square
# in a terminal, where a cell is about twice as tall as it is wide.
GLYPHS: dict[str, tuple[str, ...]] = {
    "S": ("###", "#..", "###", "..#", "###"),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "A": ("###", "#.#", "###", "#.#", "#.#"),
    "C": ("###", "#..", "#..", "#..", "###"),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "E": ("###", "#..", "###", "#..", "###"),
    "P": ("###", "#.#", "###", "#..", "#.."),
}


def _runs(row: str) -> list[str]:
    """`row` split into runs of blocks and runs of blanks."""
    out: list[str] = []
    for ch in row:
        if out and out[-1][0] == ch:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def block_word(word: str) -> list[str]:
    """Five rows of `word` in the block font, one space between letters."""
    rows = []
    for r in range(5):
        cells = [
            "".join("██" if px == "#" else "  " for px in GLYPHS[ch][r]) for ch in word
        ]
        rows.append(" ".join(cells))
    return rows


class BlockTitle(Widget):
    """`STACK vs HEAP` drawn large; stack in the theme's success colour, heap
    in its error colour (the same pair the play screen uses for S and H)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"block-title--stack", "block-title--vs", "block-title--heap"}

    def on_mount(self) -> None:
        # Component styles are read at render time: draw again in the new colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def render(self) -> Text:
        # "vs" stays small, on the middle row, so the name fits in 80 columns.
        parts = [
            (block_word("STACK"), "block-title--stack"),
            (["    ", "    ", " vs ", "    ", "    "], "block-title--vs"),
            (block_word("HEAP"), "block-title--heap"),
        ]
        text = Text(no_wrap=True, overflow="crop")
        for r in range(5):
            for i, (rows, cls) in enumerate(parts):
                style = self.get_component_rich_style(cls, partial=True)
                if i:
                    text.append("  ")
                if cls == "block-title--vs":
                    text.append(rows[r], style)
                    continue
                # Pixels are full blocks on a background of the same colour:
                # solid in any font, and still legible under NO_COLOR.
                pixel = style + Style(bgcolor=style.color) if style.color else style
                for run in _runs(rows[r]):
                    text.append(run, pixel if run[0] == "█" else None)
            if r < 4:
                text.append("\n")
        return text

    def get_content_width(self, container, viewport) -> int:  # type: ignore[no-untyped-def]
        return len(block_word("STACK")[0]) + 4 + len(block_word("HEAP")[0]) + 4

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 5


@dataclass(frozen=True)
class Slot:
    """One 8-byte stack slot of the idle animation."""

    name: str
    type: str
    value: str


# What `sumValue` pushes: the same snippet the play screen starts new players on.
SLOTS = (
    Slot("ret addr", "", "0x4a1f20"),
    Slot("a", "int", "1"),
    Slot("b", "int", "2"),
    Slot("x", "int", "1"),
    Slot("y", "int", "2"),
)
STACK_TOP = 0xC000046FB8
SLOT_BYTES = 8


class StackColumn(Widget):
    """A column of stack slots with `← SP` beside the lowest one in use.

    `depth` is how many slots are pushed; the idle animation walks it down
    to the bottom and back up, so the SP arrow slides down as locals appear
    and back as they are popped — the motion the play screen's stack pane
    makes for real."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "stack-column--box",
        "stack-column--used",
        "stack-column--free",
        "stack-column--sp",
        "stack-column--addr",
    }

    #: Slots pushed; SP points at the last of them.
    depth: reactive[int] = reactive(3)
    #: +1 while pushing, -1 while popping.
    direction = 1
    TICK = 0.45
    #: The frame shown when animations are off (snapshots, TEXTUAL_ANIMATIONS=none).
    STILL_DEPTH = 3

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())
        if self.app.animation_level != "none":  # TEXTUAL_ANIMATIONS, or a frozen app
            self.depth = 1
            self.set_interval(self.TICK, self.tick)
        else:
            self.depth = self.STILL_DEPTH

    def tick(self) -> None:
        nxt = self.depth + self.direction
        if not 1 <= nxt <= len(SLOTS):
            self.direction = -self.direction
            nxt = self.depth + self.direction
        self.depth = nxt

    @property
    def sp(self) -> int:
        return STACK_TOP - SLOT_BYTES * self.depth

    def render(self) -> Text:
        box = self.get_component_rich_style("stack-column--box", partial=True)
        used = self.get_component_rich_style("stack-column--used", partial=True)
        free = self.get_component_rich_style("stack-column--free", partial=True)
        sp_style = self.get_component_rich_style("stack-column--sp", partial=True)
        note = self.get_component_rich_style("stack-column--addr", partial=True)
        inner = self.INNER
        last = len(SLOTS) - 1
        text = Text(no_wrap=True, overflow="crop")
        text.append(f"{STACK_TOP:#x}  stack grows down ↓\n", note)
        text.append("┌" + "─" * inner + "┐\n", box)
        for i, slot in enumerate(SLOTS):
            text.append("│", box)
            if i < self.depth:
                body = f" {slot.name:<9}{slot.type:<4}{slot.value:>8} "
                text.append(body[:inner].ljust(inner), used)
            else:
                text.append(" [ ? ]".ljust(inner), free)
            text.append("│", box)
            if i == self.depth - 1:
                text.append(f" ← SP {self.sp:#x}", sp_style)
            text.append("\n")
            text.append(("└" if i == last else "├") + "─" * inner + ("┘" if i == last else "┤"), box)
            if i == self.depth - 1 and i > 0:
                text.append(f"   SP -= {SLOT_BYTES} bytes", note)
            if i < last:
                text.append("\n")
        return text

    INNER = 24

    def get_content_width(self, container, viewport) -> int:  # type: ignore[no-untyped-def]
        return self.INNER + 2 + len(" ← SP 0xc000046fb0")

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 2 + 2 * len(SLOTS)


MENU = (
    ("play", "Play", "step through a snippet"),
    ("levels", "Levels", "the campaign, in order"),
    ("duel", "Duel", "Go vs its Rust twin"),
    ("help", "Help", "every key, every pane"),
    ("quit", "Quit", ""),
)


class TitleScreen(Screen[None]):
    """Home: what the game is, and where to go from here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "play", "Play"),
        Binding("l", "app.levels", "Levels"),
        Binding("d", "duel", "Duel"),
    ]
    AUTO_FOCUS = "#menu"

    def compose(self) -> ComposeResult:
        with Vertical(id="title-body"):
            with Center():
                yield BlockTitle(id="big-title")
            yield Static(
                "Go and Rust, step by step: who lives on the stack, who pays for the heap.",
                id="tagline",
            )
            with Horizontal(id="title-row"):
                yield StackColumn(id="stack-column")
                yield OptionList(*self._menu_options(), id="menu")
        yield Footer()

    @staticmethod
    def _menu_options() -> list[Option]:
        options = []
        for key, label, hint in MENU:
            prompt = Text.assemble((f"{label:<6}", "bold"), ("  " + hint, Style(dim=True)))
            options.append(Option(prompt, id=key))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id
        if choice == "levels":
            self.app.action_levels()  # type: ignore[attr-defined]
        elif choice == "play":
            self.action_play()
        elif choice == "duel":
            self.action_duel()
        elif choice == "help":
            self.app.action_help()
        elif choice == "quit":
            self.app.exit(0)

    def action_play(self) -> None:
        self.app.action_open_picker()  # type: ignore[attr-defined]

    def action_duel(self) -> None:
        self.app.action_open_picker("duel")  # type: ignore[attr-defined]
