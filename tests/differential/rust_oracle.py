"""Ground truth for Rust allocation counts: the machine's real ``rustc``.

The simulator's Rust numbers (``heap_allocs``, ``heap_reallocs``, ``heap_frees``,
``heap_bytes`` and ``output`` of ``stackvsheap trace``) are judged against what a
real debug build does.  For one ``.rs`` file inside the subset, :func:`oracle`

1. copies the source, renames its ``fn main(`` to ``fn __snippet_main(`` and puts
   ``#![allow(dead_code, unused)]`` on top;
2. appends a counting ``#[global_allocator]`` wrapping ``std::alloc::System`` and a
   harness ``main`` that switches counting on (stdout untouched: the first print
   of the process allocates its 1,024-byte buffer inside the entry), calls the entry
   ONCE, switches counting off, then drops the returned value (not counted);
3. builds it with ``rustc --edition 2021 -C opt-level=0 -C debuginfo=0`` and runs it.

Counters: ``alloc`` + ``alloc_zeroed`` calls = ``allocs``, ``realloc`` calls =
``reallocs``, ``dealloc`` calls = ``frees``, ``bytes`` = sizes of ``alloc`` and
``alloc_zeroed`` plus the new sizes of ``realloc``.  ``output`` is what the call
printed on stdout.  ``events`` (extra) is the allocator call log of the call, each
``"a:SIZE"`` (alloc), ``"z:SIZE"`` (alloc_zeroed), ``"r:OLD>NEW"`` (realloc) or
``"d:SIZE"`` (dealloc), capped at ``MAX_EVENTS`` entries (then a final ``"..."``).

Results are cached in ``rust_oracle_cache.json`` next to this file, keyed by
``sha256(source bytes)`` and the rustc version, so the test-suite can run without a
Rust toolchain.  This module does not import the ``stackvsheap`` package.

Refresh the cache::

    python tests/differential/rust_oracle.py [--refresh] [paths...]
"""

from __future__ import annotations

import argparse
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
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CACHE_PATH = HERE / "rust_oracle_cache.json"
SNIPPETS_DIR = REPO / "assets" / "snippets" / "rust"
CORPUS_DIR = HERE / "rust" / "corpus"
#: The campaign's own Rust code: starting code and intended solutions of levels.
LEVELS_DIR = REPO / "assets" / "levels"

MAX_EVENTS = 300
COMPILE_TIMEOUT = 120
RUN_TIMEOUT = 60
MARKER = "__STACKVSHEAP_ORACLE__"

RESULT_KEYS = ("rustc_version", "entry", "allocs", "reallocs", "frees", "bytes", "output")

_MAIN_RE = re.compile(r"\bfn(\s+)main(\s*)\(")
_HEADER_RE = re.compile(r"^//\s*([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$")
_TOP_FN_RE = re.compile(r"^(?:pub(?:\([^)]*\))?\s+)?fn\s+([A-Za-z_][A-Za-z0-9_]*)", re.M)
_RENAMED_MAIN = "__snippet_main"

_HARNESS = r"""

// ---- stackvsheap oracle harness (appended; not part of the snippet) ----
mod __svh_oracle {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::UnsafeCell;
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

    pub const MAX_EVENTS: usize = %(max_events)d;

    pub static ON: AtomicBool = AtomicBool::new(false);
    // alloc + alloc_zeroed calls; ZEROED counts the alloc_zeroed ones again, apart.
    pub static ALLOCS: AtomicU64 = AtomicU64::new(0);
    pub static ZEROED: AtomicU64 = AtomicU64::new(0);
    pub static REALLOCS: AtomicU64 = AtomicU64::new(0);
    pub static FREES: AtomicU64 = AtomicU64::new(0);
    pub static BYTES: AtomicU64 = AtomicU64::new(0);
    pub static NEVENTS: AtomicUsize = AtomicUsize::new(0);

    // (kind, old size, size); written only while counting, on the one thread.
    pub struct Log(pub UnsafeCell<[(u8, usize, usize); MAX_EVENTS]>);
    unsafe impl Sync for Log {}
    pub static LOG: Log = Log(UnsafeCell::new([(0u8, 0usize, 0usize); MAX_EVENTS]));

    fn record(kind: u8, old: usize, size: usize) {
        let i = NEVENTS.fetch_add(1, Ordering::Relaxed);
        if i < MAX_EVENTS {
            unsafe { (*LOG.0.get())[i] = (kind, old, size); }
        }
    }

    pub struct Counting;

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if ON.load(Ordering::Relaxed) {
                ALLOCS.fetch_add(1, Ordering::Relaxed);
                BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
                record(b'a', 0, layout.size());
            }
            System.alloc(layout)
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if ON.load(Ordering::Relaxed) {
                ALLOCS.fetch_add(1, Ordering::Relaxed);
                ZEROED.fetch_add(1, Ordering::Relaxed);
                BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
                record(b'z', 0, layout.size());
            }
            System.alloc_zeroed(layout)
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if ON.load(Ordering::Relaxed) {
                REALLOCS.fetch_add(1, Ordering::Relaxed);
                BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
                record(b'r', layout.size(), new_size);
            }
            System.realloc(ptr, layout, new_size)
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if ON.load(Ordering::Relaxed) {
                FREES.fetch_add(1, Ordering::Relaxed);
                record(b'd', 0, layout.size());
            }
            System.dealloc(ptr, layout)
        }
    }

    pub fn report() {
        let n = NEVENTS.load(Ordering::Relaxed);
        let mut events = String::new();
        let shown = if n < MAX_EVENTS { n } else { MAX_EVENTS };
        for i in 0..shown {
            let (k, old, size) = unsafe { (*LOG.0.get())[i] };
            if i > 0 {
                events.push(',');
            }
            if k == b'r' {
                events.push_str(&format!("\"r:{}>{}\"", old, size));
            } else {
                events.push_str(&format!("\"{}:{}\"", k as char, size));
            }
        }
        if n > MAX_EVENTS {
            events.push_str(",\"...\"");
        }
        eprintln!(
            "%(marker)s {{\"allocs\": {}, \"alloc_zeroed\": {}, \"reallocs\": {}, \"frees\": {}, \"bytes\": {}, \"n_events\": {}, \"events\": [{}]}}",
            ALLOCS.load(Ordering::Relaxed),
            ZEROED.load(Ordering::Relaxed),
            REALLOCS.load(Ordering::Relaxed),
            FREES.load(Ordering::Relaxed),
            BYTES.load(Ordering::Relaxed),
            n,
            events
        );
    }
}

#[global_allocator]
static __SVH_ORACLE_ALLOCATOR: __svh_oracle::Counting = __svh_oracle::Counting;

fn main() {
    use std::io::Write as _;
    use std::sync::atomic::Ordering;
    // No print before counting: the first print of the process allocates
    // stdout's 1,024-byte LineWriter buffer, and when the entry prints first
    // that allocation is the entry's, as in a program whose main it is.
    let _ = std::thread::current();

    __svh_oracle::ON.store(true, Ordering::SeqCst);
    let r = %(entry)s();
    __svh_oracle::ON.store(false, Ordering::SeqCst);
    let r = std::hint::black_box(r);
    drop(r);

    let _ = std::io::stdout().flush();
    __svh_oracle::report();
}
"""


class OracleError(RuntimeError):
    """The file could not be built or run by the real toolchain."""


# --------------------------------------------------------------------------- helpers


def rustc_path() -> str | None:
    return shutil.which(os.environ.get("RUSTC", "rustc"))


@lru_cache(maxsize=1)
def _rustc_version_cached(rustc: str) -> str:
    out = subprocess.run([rustc, "--version"], capture_output=True, text=True, check=True, timeout=60)
    return out.stdout.strip()


def rustc_version() -> str | None:
    """``rustc --version`` of the machine's compiler, or None when there is none."""
    rustc = rustc_path()
    if rustc is None:
        return None
    try:
        return _rustc_version_cached(rustc)
    except (OSError, subprocess.SubprocessError):
        return None


def parse_header(source: str) -> dict[str, str]:
    """The leading contiguous ``// key: value`` comment lines of a file."""
    meta: dict[str, str] = {}
    for line in source.splitlines():
        m = _HEADER_RE.match(line.strip())
        if not line.strip().startswith("//") or m is None:
            break
        meta.setdefault(m.group(1), m.group(2))
    return meta


def default_entry(source: str) -> str:
    """Declared ``// entry:``, else the only top-level fn other than main, else main."""
    declared = parse_header(source).get("entry")
    if declared:
        return declared
    names = [n for n in _TOP_FN_RE.findall(source) if n != "main"]
    if len(names) == 1:
        return names[0]
    return "main"


def build_harness(source: str, entry: str) -> str:
    """The instrumented program for ``source`` calling ``entry`` once."""
    if not _MAIN_RE.search(source) and entry == "main":
        raise OracleError("no fn main to run")
    renamed = _MAIN_RE.sub(lambda m: f"fn{m.group(1)}{_RENAMED_MAIN}{m.group(2)}(", source)
    call = _RENAMED_MAIN if entry == "main" else entry
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", call):
        raise OracleError(f"bad entry name {entry!r}")
    harness = _HARNESS % {"max_events": MAX_EVENTS, "marker": MARKER, "entry": call}
    # Same line as the snippet's first line, so rustc's line numbers match the file.
    return "#![allow(dead_code, unused)] " + renamed + "\n" + harness


def source_key(source: bytes, version: str, entry: str | None = None) -> str:
    key = hashlib.sha256(source).hexdigest() + " " + version
    if entry is not None:
        key += " entry=" + entry
    return key


# --------------------------------------------------------------------------- oracle


def oracle(path: Path, entry: str | None = None) -> dict[str, Any]:
    """Build and run ``path`` with the real rustc; counters of one call of the entry."""
    path = Path(path)
    source = path.read_text(encoding="utf-8")
    rustc = rustc_path()
    version = rustc_version()
    if rustc is None or version is None:
        raise OracleError("rustc not found")
    entry_name = entry or default_entry(source)
    program = build_harness(source, entry_name)
    with tempfile.TemporaryDirectory(prefix="svh-rust-oracle-") as tmp:
        src = Path(tmp) / "snippet.rs"
        exe = Path(tmp) / ("snippet.exe" if os.name == "nt" else "snippet")
        src.write_text(program, encoding="utf-8")
        build = subprocess.run(
            [rustc, "--edition", "2021", "-C", "opt-level=0", "-C", "debuginfo=0",
             "--crate-name", "snippet", "-o", str(exe), str(src)],
            capture_output=True, text=True, timeout=COMPILE_TIMEOUT, cwd=tmp,
        )
        if build.returncode != 0:
            raise OracleError(f"{path}: rustc failed:\n{build.stderr.replace(str(src), str(path))}")
        run = subprocess.run([str(exe)], capture_output=True, timeout=RUN_TIMEOUT, cwd=tmp)
    stderr = run.stderr.decode("utf-8", "replace")
    if run.returncode != 0:
        raise OracleError(f"{path}: exited with {run.returncode}:\n{stderr}")
    report = None
    for line in stderr.splitlines():
        if line.startswith(MARKER + " "):
            report = json.loads(line[len(MARKER) + 1:])
    if report is None:
        raise OracleError(f"{path}: no counter report:\n{stderr}")
    return {
        "rustc_version": version,
        "entry": entry_name,
        "allocs": int(report["allocs"]),
        "reallocs": int(report["reallocs"]),
        "frees": int(report["frees"]),
        "bytes": int(report["bytes"]),
        "output": run.stdout.decode("utf-8", "replace"),
        "alloc_zeroed": int(report["alloc_zeroed"]),
        "events": list(report["events"]),
    }


# --------------------------------------------------------------------------- cache

_cache_lock = threading.Lock()


def load_cache(cache_path: Path = CACHE_PATH) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(Path(cache_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    if not isinstance(data, dict):
        return {}
    return data


def _store(updates: dict[str, dict[str, Any]], cache_path: Path = CACHE_PATH) -> None:
    """Merge ``updates`` into the cache file atomically (temp file + os.replace)."""
    with _cache_lock:
        data = load_cache(cache_path)
        data.update(updates)
        _write(data, Path(cache_path))


def _write(data: dict[str, dict[str, Any]], cache_path: Path) -> None:
    """Atomic write: a temp file in the same directory, then os.replace."""
    fd, tmp = tempfile.mkstemp(prefix=".rust_oracle_cache.", suffix=".tmp", dir=cache_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, sort_keys=True, indent=1, ensure_ascii=False)
            fh.write("\n")
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the cache is a checked-in file
        os.replace(tmp, cache_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def lookup_cache(path: Path, entry: str | None = None,
                 cache_path: Path = CACHE_PATH) -> dict[str, Any] | None:
    """Cached result for ``path`` (any rustc version if rustc is absent), else None."""
    source = Path(path).read_bytes()
    cache = load_cache(cache_path)
    version = rustc_version()
    if version is not None:
        return cache.get(source_key(source, version, entry))
    prefix = hashlib.sha256(source).hexdigest() + " "
    suffix_ok = (lambda k: k.endswith(" entry=" + entry)) if entry else (lambda k: " entry=" not in k)
    hits = sorted(k for k in cache if k.startswith(prefix) and suffix_ok(k))
    return cache[hits[-1]] if hits else None


def cached_oracle(path: Path, entry: str | None = None, *, refresh: bool = False,
                  cache_path: Path = CACHE_PATH) -> dict[str, Any] | None:
    """Cached oracle result; computed and stored when missing and rustc is available.

    Returns None only when the result is not cached and there is no rustc.
    """
    path = Path(path)
    version = rustc_version()
    if version is None:
        return lookup_cache(path, entry, cache_path)
    key = source_key(path.read_bytes(), version, entry)
    if not refresh:
        hit = load_cache(cache_path).get(key)
        if hit is not None:
            return hit
    result = oracle(path, entry)
    try:
        result["file"] = path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        result["file"] = path.name
    _store({key: result}, cache_path)
    return result


def prune_cache(keep: list[Path], cache_path: Path = CACHE_PATH) -> int:
    """Drop entries whose source is none of ``keep`` (edited or deleted files)."""
    shas = {hashlib.sha256(p.read_bytes()).hexdigest() for p in keep}
    with _cache_lock:
        data = load_cache(cache_path)
        stale = [k for k in data if k.split(" ", 1)[0] not in shas]
        if stale:
            _write({k: v for k, v in data.items() if k not in stale}, Path(cache_path))
    return len(stale)


def refused(path: Path) -> str | None:
    """The compile error a file's ``// error:`` header says rustc gives it."""
    return parse_header(Path(path).read_text(encoding="utf-8")).get("error")


def compile_error(path: Path) -> str:
    """rustc's first error for ``path`` as ``error[E0072]: message`` ("" if it builds)."""
    rustc = rustc_path()
    if rustc is None:
        raise OracleError("rustc not found")
    with tempfile.TemporaryDirectory(prefix="svh-rust-oracle-") as tmp:
        build = subprocess.run(
            [rustc, "--edition", "2021", "--crate-name", "snippet", "-o", str(Path(tmp) / "snippet"),
             str(path)], capture_output=True, text=True, timeout=COMPILE_TIMEOUT, cwd=tmp,
        )
    if build.returncode == 0:
        return ""
    return next((ln for ln in build.stderr.splitlines() if ln.startswith("error")), build.stderr)


def default_paths() -> list[Path]:
    """Every built-in Rust snippet, every level's Rust code and every differential
    corpus file that rustc builds (a snippet whose lesson is a compile error has
    none to count)."""
    paths = (
        sorted(SNIPPETS_DIR.glob("*.rs")) + sorted(LEVELS_DIR.rglob("*.rs"))
        + sorted(CORPUS_DIR.glob("*.rs"))
    )
    return [p for p in paths if refused(p) is None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="files to measure (default: all Rust snippets and corpus files)")
    parser.add_argument("--refresh", action="store_true", help="recompute even when cached")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="parallel builds (default 2)")
    args = parser.parse_args(argv)
    if rustc_version() is None:
        print("rustc not found", file=sys.stderr)
        return 2
    paths = args.paths or default_paths()

    def one(p: Path) -> tuple[Path, dict[str, Any] | None, str | None]:
        try:
            return p, cached_oracle(p, refresh=args.refresh), None
        except (OracleError, subprocess.SubprocessError, OSError) as exc:
            return p, None, str(exc)

    failures = 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for p, res, err in pool.map(one, paths):
            try:
                shown = p.resolve().relative_to(REPO).as_posix()
            except ValueError:
                shown = str(p)
            if err is not None:
                failures += 1
                print(f"FAIL {shown}: {err}", file=sys.stderr)
                continue
            assert res is not None
            print(f"{shown:60} {res['entry']:24} allocs={res['allocs']:<5} "
                  f"reallocs={res['reallocs']:<4} frees={res['frees']:<5} bytes={res['bytes']}")
    if not args.paths and not failures:
        pruned = prune_cache(paths)
        if pruned:
            print(f"pruned {pruned} stale cache entries")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
