"""The core runs headless: lang/ and sim/ never import Textual or the UI,
and sim/ never imports game/ (data flows lang -> sim -> game -> ui)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "stackvsheap"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                rel = path.relative_to(PKG.parent).with_suffix("").parts[: -node.level]
                mod = ".".join(rel + ((mod,) if mod else ()))
            out.add(mod)
    return out


def test_core_layers_do_not_import_upwards() -> None:
    forbidden = {
        "lang": ("textual", "stackvsheap.ui", "stackvsheap.game", "stackvsheap.sim"),
        "sim": ("textual", "stackvsheap.ui", "stackvsheap.game"),
        "game": ("textual", "stackvsheap.ui", "stackvsheap.cli"),
        # The entry point sits on top: nothing inside reaches back up to it.
        "ui": ("stackvsheap.cli",),
    }
    bad = []
    for layer, names in forbidden.items():
        for path in (PKG / layer).rglob("*.py"):
            for imp in _imports(path):
                if any(imp == n or imp.startswith(n + ".") for n in names):
                    bad.append(f"{path.relative_to(PKG)} imports {imp}")
    assert not bad, "\n".join(bad)


def test_trace_runs_without_textual_loaded() -> None:
    code = (
        "import sys, stackvsheap.cli as c\n"
        "c.main(['trace', 'go/sum_value', '--json'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def _module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path, modules: set[str]) -> set[str]:
    """Modules `path` imports when it runs: `if TYPE_CHECKING:` blocks left out."""
    tree = ast.parse(path.read_text())
    typing_only = {
        id(n) for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for stmt in node.body for n in ast.walk(stmt)
    }
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = package.split(".")
                pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join(pkg + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add(sub if sub in modules else base)
    return out & modules


def test_sim_has_no_import_cycles() -> None:
    """The machine never imports a language runtime: sim/go and sim/rust depend
    on the compiler and register into it (sim/intrinsics.py), not the reverse."""
    paths = {_module_name(p): p for p in (PKG / "sim").rglob("*.py")}
    graph = {m: _runtime_imports(p, set(paths)) for m, p in paths.items()}
    # Tarjan's strongly connected components.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for m in graph:
        if m not in index:
            visit(m)
    # A package's __init__ importing its own children is not a cycle of ideas.
    cycles = [c for c in cycles if not all(x.startswith(min(c, key=len)) for x in c)]
    assert not cycles, cycles
    def is_runtime(m: str) -> bool:
        return any(m == r or m.startswith(r + ".") for r in ("stackvsheap.sim.go", "stackvsheap.sim.rust"))

    loaders = ("stackvsheap.sim.languages", "stackvsheap.sim.run")
    core = [m for m in graph if not is_runtime(m) and m not in loaders]
    bad = [f"{m} imports {i}" for m in core for i in graph[m] if is_runtime(i)]
    assert not bad, bad


def test_every_module_is_committed() -> None:
    """A module on disk but not in git imports here and fails on a clean
    checkout (this once broke every Go test in CI)."""
    import pytest

    try:
        listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--", str(PKG)],
                                cwd=PKG.parent, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    untracked = [line for line in listed.splitlines() if line.endswith(".py")]
    assert untracked == [], f"modules not added to git: {untracked}"
