"""The help screen: every key, and what each pane of the play screen means."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

#: (keys, what they do), by where they work. The play screen's keys are the
#: issue's contract; PlayScreen binds them.
KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Playing a run", (
        ("space  →", "step forward: run one step"),
        ("←", "step back (undone from the trace, never replayed)"),
        ("n", "next line: run until another source line (calls are stepped over)"),
        ("i", "in a loop: skip to the next iteration"),
        ("l", "in a loop: jump past its end"),
        ("home  end", "jump to the start or the end of the run"),
        ("g", "jump to a step number"),
        ("p", "play / pause autoplay"),
        ("+  -", "autoplay faster / slower"),
        ("c", "Go: force a GC cycle now"),
        ("P", "predict mode: stop before each allocation site and loop and guess"),
        ("s  h", "predict: the value goes on the stack / the heap (a loop: type a number)"),
        ("e", "fix it: edit a copy of the code; ctrl+s saves and re-runs it"),
        ("click", "a pointer tag or a heap block: follow it to the other side"),
    )),
    ("Duel", (
        ("space  →", "both sides advance to their next source line"),
        ("←", "both sides go back one line"),
        ("home  end", "back to the start / run both to the end"),
        ("s", "the scorecard, line by line"),
    )),
    ("Levels", (
        ("↑ ↓  enter", "choose an open level; enter plays it"),
        ("e", "fix-it levels (✎): reopen your saved solution in the editor"),
        ("ctrl+s  ctrl+r", "editor: save and run / back to the starting code"),
    )),
    ("Picker", (
        ("↑ ↓  enter", "choose a snippet; enter plays it"),
        ("d", "duel the highlighted snippet with its twin (⇄)"),
        ("f", "browse files on disk instead of the built-in snippets"),
        ("/", "type the path of a .go or .rs file"),
    )),
    ("Everywhere", (
        ("l", "title screen: the level map"),
        ("o", "open the picker"),
        ("?", "this help"),
        ("t", "switch between the light and the dark theme"),
        ("ctrl+p", "command palette"),
        ("esc", "back"),
        ("q", "quit"),
    )),
)

#: (pane, what it shows).
PANES: tuple[tuple[str, str], ...] = (
    ("Code", (
        "The snippet with its current line marked. Each allocation site has a gutter mark "
        "that becomes S (stays on the stack) or H (goes to the heap) when the run reaches it."
    )),
    ("Stack", (
        "Frames as boxes, newest at the bottom: the function, the return address, and each "
        "local with its type, value and address. The stack grows down: SP moves down when a "
        "frame is pushed and back up when it returns."
    )),
    ("Heap", (
        "Blocks laid out by address. Go: spans by size class with their slots, [ ? ] for a "
        "free slot. Rust: malloc chunks with their headers, and the holes frees leave. A "
        "pointer on the stack and the block it points to share a tag like ●a. During a GC "
        "cycle objects turn white, grey, then black; the white ones are swept."
    )),
    ("L1 cache", (
        "The L1 data cache as sets × ways. The lines a step touches flash: green for a hit "
        "(4 cycles), red for a miss (100). The sparkline is the hit rate over time."
    )),
    ("Score", (
        "Step n/N, cycles so far, heap allocations and bytes, GC work, cache hits and misses, "
        "and the score against par. Fewer cycles, higher score: each tenfold of cycles costs "
        "100 points."
    )),
    ("Narration", (
        "One sentence about the step just run, in plain words, with the compiler's reason. "
        "Where the snippet's claim and the real compiler disagree, it says so."
    )),
)


def keys_table() -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column("key", style="bold", no_wrap=True, min_width=12)
    table.add_column("does")
    for n, (section, rows) in enumerate(KEYS):
        if n:
            table.add_row("", "")
        table.add_row(Text(section, style="bold underline"), "")
        for key, does in rows:
            table.add_row(key, does)
    return table


def panes_table() -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("pane", style="bold", no_wrap=True, min_width=10)
    table.add_column("means", ratio=1)
    for pane, means in PANES:
        table.add_row(pane, means)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and panes, over whatever screen was showing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-card"):
            with VerticalScroll(id="help-scroll"):
                with Horizontal(id="help-columns"):
                    with Vertical(id="help-keys-column"):
                        yield Static("[b]Keys[/]", classes="help-heading")
                        yield Static(keys_table(), id="help-keys")
                    with Vertical(id="help-panes-column"):
                        yield Static("[b]The panes of the play screen[/]", classes="help-heading")
                        yield Static(panes_table(), id="help-panes")
        yield Footer()

    #: From this width on, keys and panes sit side by side.
    WIDE = 110

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#help-columns").set_class(self.app.size.width >= self.WIDE, "-wide")

    def on_mount(self) -> None:
        card = self.query_one("#help-card")
        card.border_title = "stackvsheap · help"
        card.border_subtitle = "esc closes"
        self.query_one("#help-columns").set_class(self.app.size.width >= self.WIDE, "-wide")
        self.query_one("#help-scroll").focus()
