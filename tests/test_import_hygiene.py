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
