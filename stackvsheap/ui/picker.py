"""The snippet picker: built-in snippets by language and lesson with a live
preview, or any .go/.rs file from disk (typed, or browsed in a file tree)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import ContentSwitcher, DirectoryTree, Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from ..game.snippets import LANGUAGES, Snippet, catalog, parse_header, snippet_from_path

LANGUAGE_NAMES = {"go": "Go", "rust": "Rust"}
#: Lessons in teaching order; any other lesson follows, alphabetically.
LESSON_ORDER = ("basics", "escape", "allocation", "ownership", "growth", "gc", "cache")


def group_snippets(snippets: Iterable[Snippet]) -> dict[str, dict[str, list[Snippet]]]:
    """language -> lesson -> snippets, in catalog order (Go first)."""
    out: dict[str, dict[str, list[Snippet]]] = {}
    for s in snippets:
        out.setdefault(s.language, {}).setdefault(s.lesson, []).append(s)

    def rank(lesson: str) -> tuple[int, str]:
        return (LESSON_ORDER.index(lesson) if lesson in LESSON_ORDER else len(LESSON_ORDER), lesson)

    return {lang: dict(sorted(lessons.items(), key=lambda kv: rank(kv[0])))
            for lang, lessons in out.items()}


def header_lines(source: str) -> int:
    """How many lines the `// key: value` header (and the blank after it) take."""
    n = len(parse_header(source))
    lines = source.splitlines()
    while n < len(lines) and not lines[n].strip():
        n += 1
    return n


class PathSuggester(Suggester):
    """Completes the last component of a path from what is on disk."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, prefix = os.path.split(expanded)
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            return None
        for name in names:
            if name.startswith(prefix) and name != prefix and not name.startswith("."):
                full = os.path.join(folder, name)
                if os.path.isdir(full):
                    name += "/"
                elif Path(name).suffix not in LANGUAGES:
                    continue
                return value + name[len(prefix):]
        return None


class SourceFileTree(DirectoryTree):
    """The file system, showing only folders and .go/.rs files."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for p in paths:
            if p.name.startswith("."):
                continue
            if p.suffix in LANGUAGES or p.is_dir():
                yield p


class SnippetTree(Tree[Snippet]):
    """Go and Rust, each by lesson, each lesson's snippets by title."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("snippets", **kwargs)
        self.show_root = False
        self.guide_depth = 3

    def on_mount(self) -> None:
        for language, lessons in group_snippets(catalog().values()).items():
            lang_node = self.root.add(LANGUAGE_NAMES.get(language, language), expand=True)
            for lesson, snippets in lessons.items():
                lesson_node = lang_node.add(lesson, expand=True)
                for s in snippets:
                    label = Text(s.title)
                    if s.pair:
                        label.append("  ⇄", "dim")
                    lesson_node.add_leaf(label, data=s)

    def first_snippet_line(self) -> int:
        for line in range(self.last_line + 1):
            node = self.get_node_at_line(line)
            if node is not None and node.data is not None:
                return line
        return 0

    def select_id(self, sid: str) -> None:
        for line in range(self.last_line + 1):
            node = self.get_node_at_line(line)
            if node is not None and node.data is not None and node.data.id == sid:
                self.move_cursor(node)
                return


class SnippetPreview(VerticalScroll):
    """Title, claim, truth and source of the highlighted snippet or file."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.snippet: Snippet | None = None
        self.message: str = ""

    def compose(self) -> ComposeResult:
        yield Static(id="preview-meta")
        yield Static(id="preview-source")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())

    def show(self, snippet: Snippet | None, message: str = "") -> None:
        self.snippet = snippet
        self.message = message
        self._redraw()
        self.scroll_home(animate=False)

    def _redraw(self) -> None:
        meta = self.query_one("#preview-meta", Static)
        source = self.query_one("#preview-source", Static)
        s = self.snippet
        if s is None:
            self.border_title = "Preview"
            meta.update(self.message)
            source.update("")
            return
        self.border_title = s.id if s.id != str(s.path) else s.path.name
        meta.update(self._meta(s))
        try:
            code = s.source
        except (OSError, UnicodeDecodeError) as e:
            source.update(Text(f"cannot read {s.path}: {e}", style="bold red"))
            return
        source.update(self._syntax(code, s.language))

    @staticmethod
    def _meta(s: Snippet) -> Text:
        text = Text()
        text.append(s.title, "bold")
        facts = [LANGUAGE_NAMES.get(s.language, s.language), s.lesson]
        facts.append(f"par {s.par}" if s.par is not None else "no par yet")
        text.append("   " + " · ".join(facts), "dim")
        if s.claim:
            text.append("\nclaim ", "bold")
            text.append(s.claim)
        if s.truth:
            text.append("\ntruth ", "bold reverse")
            text.append(" " + s.truth)
        if s.pair:
            text.append("\ntwin  ", "bold")
            text.append(f"{s.pair}  (d duels them)", "dim")
        return text

    def _syntax(self, code: str, language: str) -> Any:
        from rich.syntax import Syntax

        start = header_lines(code) + 1
        theme = "ansi_dark" if self.app.current_theme.dark else "ansi_light"
        # The pane's own background, so the code sits on the theme's colour.
        background = self.app.get_css_variables().get("background", "default")
        return Syntax(
            code,
            "go" if language == "go" else "rust",
            theme=theme,
            line_numbers=True,
            line_range=(start, None),
            background_color=background,
            word_wrap=False,
            tab_size=4,
        )


class PickerScreen(Screen[None]):
    """Choose what to play (or, in duel mode, the two sides of a duel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("f", "toggle_files", "Files"),
        Binding("slash", "focus_path", "Path"),
        Binding("d", "duel_twin", "Duel twin"),
        Binding("x", "pick_opponent", "Pick opponent"),
    ]
    AUTO_FOCUS = "#snippet-tree"

    def __init__(self, mode: str = "play", current: str | None = None) -> None:
        super().__init__()
        self.mode = mode
        #: The snippet to start on (the one being played, when opened over it).
        self.current = current
        #: Duel mode: the side chosen first, while the second is picked.
        self.first: str | None = None
        self.highlighted: Snippet | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="picker-heading")
        with Horizontal(id="picker-main"):
            with ContentSwitcher(initial="snippet-tree", id="picker-left"):
                yield SnippetTree(id="snippet-tree")
            yield SnippetPreview(id="preview")
        with Vertical(id="open-row"):
            yield Input(
                placeholder="path/to/snippet.go or .rs, Enter opens it (→ completes)",
                suggester=PathSuggester(),
                id="path",
            )
            yield Static("", id="path-error")
        yield Footer()

    def on_mount(self) -> None:
        left = self.query_one("#picker-left")
        left.border_title = "Snippets"
        self.query_one("#open-row").border_title = "Open a file"
        if getattr(self.app, "frozen", False):
            self.query_one("#path", Input).cursor_blink = False
        self.call_after_refresh(self._start_on_current)

    def _start_on_current(self) -> None:
        tree = self.query_one(SnippetTree)
        tree.cursor_line = tree.first_snippet_line()
        if self.current is not None:
            tree.select_id(self.current)

    def _heading(self) -> str:
        if self.mode != "duel":
            return "[b]Pick a snippet[/]  ·  Enter plays it  ·  ⇄ has a twin in the other language"
        if self.first is None:
            return (
                "[b]Duel[/]  ·  Enter duels a snippet against its twin (⇄)  ·  "
                "x picks the opponent yourself"
            )
        return f"[b]Duel[/]  ·  {self.first} against…  pick the other side"

    # ---- footer -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "duel_twin":
            return True if self.highlighted is not None and self.highlighted.pair else None
        if action == "pick_opponent":
            if self.mode != "duel":
                return False
            return True if self.first is None and self.highlighted is not None else None
        return True

    # ---- preview ------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#snippet-tree")
    def _snippet_highlighted(self, event: Tree.NodeHighlighted[Snippet]) -> None:
        node: TreeNode[Snippet] = event.node
        if node.data is not None:
            self._preview(node.data)
        else:
            count = sum(1 for _ in _leaves(node))
            self._preview(None, f"[b]{node.label}[/]: {count} snippets. Pick one to see its source.")

    @on(DirectoryTree.NodeHighlighted, "#file-tree")
    def _file_highlighted(self, event: Tree.NodeHighlighted[Any]) -> None:
        entry = event.node.data
        path = getattr(entry, "path", None)
        if path is None or path.is_dir():
            self._preview(None, f"[b]{path}[/]\nA folder: open it to see its .go and .rs files.")
            return
        try:
            self._preview(snippet_from_path(path))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            self._preview(None, f"{path}:1:1: {e}")

    def _preview(self, snippet: Snippet | None, message: str = "") -> None:
        self.highlighted = snippet
        self.query_one(SnippetPreview).show(snippet, message)
        self.refresh_bindings()

    # ---- choosing -------------------------------------------------------------

    @on(Tree.NodeSelected, "#snippet-tree")
    def _snippet_selected(self, event: Tree.NodeSelected[Snippet]) -> None:
        if event.node.data is not None:
            self.choose(event.node.data.id)

    @on(DirectoryTree.FileSelected, "#file-tree")
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        path = str(event.path)
        self.query_one("#path", Input).value = path
        self.check_file(path)

    @on(Input.Submitted, "#path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        path = os.path.expanduser(event.value.strip())
        if not path:
            self.show_error("type the path of a .go or .rs file")
            return
        self.check_file(path)

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        if self.query_one("#path-error", Static).has_class("-shown"):
            self.show_error(None)

    @work(thread=True, exclusive=True, group="check-file")
    def check_file(self, path: str) -> None:
        """Parse the file (in a thread: the front end may take a moment) and
        play it, or say inline what is wrong, as `file:line:col: message`."""
        from ..game.loading import LoadError, load

        try:
            load(path)
        except LoadError as e:
            self.app.call_from_thread(self.show_error, str(e))
            return
        except Exception as e:  # a front end that is missing or fails
            self.app.call_from_thread(self.show_error, f"{path}:1:1: {type(e).__name__}: {e}")
            return
        self.app.call_from_thread(self.choose, path)

    def show_error(self, message: str | None) -> None:
        err = self.query_one("#path-error", Static)
        path = self.query_one("#path", Input)
        err.update(Text(message or ""))
        err.set_class(bool(message), "-shown")
        path.set_class(bool(message), "-invalid")

    def choose(self, ref: str) -> None:
        app: Any = self.app
        if self.mode != "duel":
            app.play(ref)
            return
        if self.first is not None:
            app.duel(*_go_first(self.first, ref))
            return
        twin = _twin(ref)
        if twin is not None:
            app.duel(*_go_first(ref, twin))
            return
        self._set_first(ref)

    def _set_first(self, ref: str) -> None:
        self.first = ref
        self.query_one("#picker-heading", Static).update(self._heading())
        self.refresh_bindings()

    # ---- actions ----------------------------------------------------------------

    def action_back(self) -> None:
        if self.first is not None:
            self.first = None
            self.query_one("#picker-heading", Static).update(self._heading())
            self.refresh_bindings()
            return
        self.app.pop_screen()

    async def action_toggle_files(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        files = switcher.current != "file-tree"
        if files and not switcher.query("#file-tree"):
            # Mounted on first use: it starts reading the disk at once.
            await switcher.mount(SourceFileTree(Path.cwd(), id="file-tree"))
        switcher.current = "file-tree" if files else "snippet-tree"
        switcher.border_title = "Files" if files else "Snippets"
        self.query_one("#file-tree" if files else "#snippet-tree").focus()

    def action_focus_path(self) -> None:
        self.query_one("#path", Input).focus()

    def action_duel_twin(self) -> None:
        s = self.highlighted
        if s is not None and s.pair:
            app: Any = self.app
            app.duel(*_go_first(s.id, s.pair))

    def action_pick_opponent(self) -> None:
        if self.mode == "duel" and self.first is None and self.highlighted is not None:
            s = self.highlighted
            self._set_first(s.id if s.id in catalog() else str(s.path))


def _leaves(node: TreeNode[Snippet]) -> Iterable[TreeNode[Snippet]]:
    for child in node.children:
        if child.data is not None:
            yield child
        else:
            yield from _leaves(child)


def _language_of(ref: str) -> str | None:
    s = catalog().get(ref)
    if s is not None:
        return s.language
    return LANGUAGES.get(Path(ref).suffix)


def _twin(ref: str) -> str | None:
    s = catalog().get(ref)
    return s.pair if s is not None and s.pair in catalog() else None


def _go_first(a: str, b: str) -> tuple[str, str]:
    """A Go-vs-Rust duel always has Go on the left; same-language duels keep
    the order they were picked in."""
    if _language_of(a) == "rust" and _language_of(b) == "go":
        return b, a
    return a, b
