"""The Rust oracle cache is complete and says what the real rustc says.

These tests read ``rust_oracle_cache.json`` only, so they run without a Rust
toolchain; the ones marked ``differential`` rebuild with the machine's rustc and
are skipped when there is none.  Refresh the cache with::

    python tests/differential/rust_oracle.py --refresh
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from . import rust_oracle
from .rust_oracle import CORPUS_DIR, SNIPPETS_DIR

LESSONS = {"escape", "allocation", "cache", "growth", "ownership", "basics"}
REQUIRED_SNIPPET_KEYS = {"title", "entry", "lesson", "claim"}
ALLOWED_SNIPPET_KEYS = REQUIRED_SNIPPET_KEYS | {"truth", "pair", "par", "error"}

ALL_SNIPPETS = sorted(SNIPPETS_DIR.glob("*.rs"))
SNIPPETS = [p for p in ALL_SNIPPETS if rust_oracle.refused(p) is None]
CORPUS = sorted(CORPUS_DIR.glob("*.rs"))

needs_rustc = pytest.mark.skipif(rust_oracle.rustc_version() is None, reason="rustc not installed")


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def cached(path: Path) -> dict[str, Any]:
    hit = rust_oracle.lookup_cache(path)
    assert hit is not None, (
        f"{path.name} is not in rust_oracle_cache.json for this rustc; "
        "run: python tests/differential/rust_oracle.py"
    )
    return hit


def snippet(name: str) -> dict[str, Any]:
    return cached(SNIPPETS_DIR / f"{name}.rs")


def corpus(name: str) -> dict[str, Any]:
    return cached(CORPUS_DIR / f"{name}.rs")


# --------------------------------------------------------------------------- files


def test_there_are_enough_files() -> None:
    assert len(SNIPPETS) >= 15
    assert len(CORPUS) >= 35


@pytest.mark.parametrize("path", ALL_SNIPPETS, ids=_ids(ALL_SNIPPETS))
def test_snippet_header(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    header: dict[str, str] = {}
    i = 0
    while i < len(lines) and lines[i].startswith("//"):
        m = re.fullmatch(r"// ([a-z]+): (\S.*)", lines[i])
        assert m is not None, f"{path.name}:{i + 1}: header line is not '// key: value'"
        header[m.group(1)] = m.group(2)
        i += 1
    assert i < len(lines) and lines[i] == "", f"{path.name}: header must be followed by a blank line"
    assert REQUIRED_SNIPPET_KEYS <= header.keys(), f"{path.name}: missing {REQUIRED_SNIPPET_KEYS - header.keys()}"
    assert header.keys() <= ALLOWED_SNIPPET_KEYS, f"{path.name}: unknown {header.keys() - ALLOWED_SNIPPET_KEYS}"
    assert header["lesson"] in LESSONS
    if "pair" in header:
        assert re.fullmatch(r"go/[a-z0-9_]+", header["pair"])
    assert re.search(rf"^fn {re.escape(header['entry'])}\(\)", source, re.M)
    assert re.search(r"^fn main\(\)", source, re.M)
    assert rust_oracle.default_entry(source) == header["entry"]


@pytest.mark.parametrize("path", CORPUS, ids=_ids(CORPUS))
def test_corpus_header(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    first = source.splitlines()[0]
    m = re.fullmatch(r"// entry: ([A-Za-z_][A-Za-z0-9_]*)", first)
    assert m is not None, f"{path.name}: first line must be '// entry: NAME'"
    assert re.search(rf"^fn {m.group(1)}\(\)", source, re.M)
    assert re.search(r"^fn main\(\)", source, re.M)


# --------------------------------------------------------------------------- cache


@pytest.mark.parametrize("path", SNIPPETS + CORPUS, ids=_ids(SNIPPETS) + ["corpus-" + p.stem for p in CORPUS])
def test_cache_is_complete_and_consistent(path: Path) -> None:
    result = cached(path)
    for key in rust_oracle.RESULT_KEYS:
        assert key in result
    assert result["entry"] == rust_oracle.default_entry(path.read_text(encoding="utf-8"))
    assert 0 <= result["frees"] <= result["allocs"]
    assert result["reallocs"] >= 0 and result["bytes"] >= 0
    events: list[str] = result["events"]
    if events and events[-1] == "...":
        return
    kinds = [e[0] for e in events]
    assert kinds.count("a") + kinds.count("z") == result["allocs"]
    assert kinds.count("z") == result["alloc_zeroed"]
    assert kinds.count("r") == result["reallocs"]
    assert kinds.count("d") == result["frees"]
    requested = 0
    for e in events:
        if e[0] in "az":
            requested += int(e[2:])
        elif e[0] == "r":
            requested += int(e[2:].split(">")[1])
    assert requested == result["bytes"]


# --------------------------------------------------------------------------- known facts: snippets


def test_sum_value_boxed_three_boxes() -> None:
    r = snippet("sum_value_boxed")
    assert (r["allocs"], r["reallocs"], r["frees"], r["bytes"]) == (3, 0, 3, 24)


def test_sum_value_allocates_nothing() -> None:
    r = snippet("sum_value")
    assert (r["allocs"], r["frees"], r["bytes"]) == (0, 0, 0)


def test_create_many_boxes_one_vec_plus_a_thousand_boxes() -> None:
    r = snippet("create_many_boxes")
    assert r["allocs"] == 1001
    assert r["reallocs"] == 0
    assert r["frees"] == 0  # the Vec is returned: freed by the caller
    assert r["bytes"] == 1000 * 8 + 1000 * 4
    assert r["events"][0] == "a:8000"  # TrustedLen collect: exact buffer first


def test_create_vec_is_one_zeroed_allocation_freed_by_the_caller() -> None:
    r = snippet("create_vec")
    assert (r["allocs"], r["alloc_zeroed"], r["reallocs"], r["frees"], r["bytes"]) == (1, 1, 0, 0, 8000)


def test_push_growth_doubles_from_four() -> None:
    r = snippet("vec_push_growth")
    assert (r["allocs"], r["reallocs"], r["frees"]) == (1, 8, 1)
    assert r["events"] == ["a:32"] + [f"r:{32 << k}>{64 << k}" for k in range(8)] + ["d:8192"]


def test_with_capacity_never_reallocates() -> None:
    r = snippet("vec_with_capacity")
    assert (r["allocs"], r["reallocs"], r["frees"], r["bytes"]) == (1, 0, 1, 8000)


@pytest.mark.parametrize("name", ["iter_chain_sum", "stack_array", "struct_methods", "zero_sized", "sum_value"])
def test_snippets_that_never_touch_the_heap(name: str) -> None:
    r = snippet(name)
    assert (r["allocs"], r["reallocs"], r["frees"], r["bytes"]) == (0, 0, 0, 0)


def test_collect_exact_vs_filtered() -> None:
    exact = snippet("collect_exact")
    assert (exact["allocs"], exact["reallocs"], exact["bytes"]) == (1, 0, 800)
    filtered = snippet("collect_filtered")
    assert filtered["events"] == ["a:32", "r:32>64", "r:64>128", "r:128>256", "r:256>512"]


def test_linked_list_one_allocation_per_node() -> None:
    r = snippet("linked_list")
    assert (r["allocs"], r["frees"], r["bytes"]) == (100, 100, 1600)


def test_rc_clone_does_not_allocate() -> None:
    r = snippet("rc_sharing")
    # the Vec buffer (4 x i32) and the Rc block (two counts + the Vec header)
    assert r["events"] == ["a:16", "a:40", "d:16", "d:40"]


def test_string_growth_takes_max_of_double_and_needed() -> None:
    r = snippet("string_growth")
    assert r["events"] == ["a:5", "r:5>13", "r:13>26", "r:26>52", "r:52>104"]


def test_move_box_is_freed_once_in_the_callee() -> None:
    r = snippet("move_box")
    assert (r["allocs"], r["frees"]) == (1, 1)


def test_boxes_vs_values_same_data_more_allocations() -> None:
    boxes = snippet("sum_vec_of_boxes")
    values = snippet("sum_vec_of_values")
    assert (boxes["allocs"], boxes["frees"]) == (1001, 1001)
    assert (values["allocs"], values["frees"]) == (1, 1)


# --------------------------------------------------------------------------- known facts: corpus


@pytest.mark.parametrize(
    ("name", "events"),
    [
        # minimum non-zero capacity: 8 for 1-byte elements, 4 up to 1 KiB, then doubling
        ("push_u8", ["a:8", "r:8>16", "r:16>32", "r:32>64", "r:64>128", "d:128"]),
        ("push_u16", ["a:8", "r:8>16", "r:16>32", "r:32>64", "r:64>128", "d:128"]),
        ("push_u32", ["a:16", "r:16>32", "r:32>64", "r:64>128", "r:128>256"]),
        ("push_pairs16", ["a:64", "r:64>128", "r:128>256", "r:256>512", "d:512"]),
        ("push_triples24", ["a:96", "r:96>192", "r:192>384", "d:384"]),
        ("push_struct24", ["a:96", "r:96>192", "r:192>384", "d:384"]),
        ("with_capacity_overfill", ["a:12", "r:12>24", "r:24>48", "d:48"]),
        # the first println! of the process allocates stdout's 1 KiB buffer, never freed
        ("vec_literals", ["a:24", "a:1024", "r:24>48", "d:48"]),
        ("grow_big_jump", ["a:8", "r:8>108", "r:108>216", "d:216"]),
        # locals drop in reverse order, tuple fields first to last
        ("tuple_drop_order", ["a:10", "a:20", "a:29", "a:40", "a:50", "d:50", "d:20", "d:29", "d:40", "d:10"]),
        ("shadowing", ["a:8", "a:16", "a:32", "d:32", "d:16", "d:8"]),
        # in-place collect: into_iter().map().collect() reuses the source buffer
        ("into_iter_map_collect", ["a:800", "a:800", "a:1024", "d:800"]),
        ("zero_sized_boxes", []),
    ],
)
def test_corpus_event_sequences(name: str, events: list[str]) -> None:
    assert corpus(name)["events"] == events


def test_output_is_what_the_entry_prints() -> None:
    r = corpus("clone_string")
    assert r["output"] == "hello, heap hello, heap stack stack\n"
    # the four Strings, then the first println!'s stdout buffer (after its arguments)
    assert r["events"][:5] == ["a:11", "a:11", "a:5", "a:5", "a:1024"]
    assert r["allocs"] == 5 and r["frees"] == 4


# --------------------------------------------------------------------------- live rustc


@pytest.mark.differential
@needs_rustc
def test_cache_agrees_with_a_fresh_build() -> None:
    path = SNIPPETS_DIR / "sum_value_boxed.rs"
    fresh = rust_oracle.oracle(path)
    hit = cached(path)
    for key in rust_oracle.RESULT_KEYS:
        assert fresh[key] == hit[key], key


@pytest.mark.differential
@needs_rustc
def test_first_println_buffer_counted_once_and_returned_value_not(tmp_path: Path) -> None:
    src = tmp_path / "probe.rs"
    src.write_text(
        "fn probe() -> Vec<u8> {\n"
        "    println!(\"{} {}\", 1, \"two\");\n"
        "    vec![1u8; 3]\n"
        "}\n"
        "fn main() {\n"
        "    probe();\n"
        "}\n",
        encoding="utf-8",
    )
    r = rust_oracle.oracle(src)
    assert r["entry"] == "probe"
    assert r["output"] == "1 two\n"
    # stdout's LineWriter buffer (1,024 bytes, kept by a static), then the Vec
    assert r["events"] == ["a:1024", "a:3"]
    assert (r["allocs"], r["reallocs"], r["frees"], r["bytes"]) == (2, 0, 0, 1027)
    m = rust_oracle.oracle(src, entry="main")
    assert m["events"] == ["a:1024", "a:3", "d:3"]


@pytest.mark.differential
@needs_rustc
def test_cached_oracle_writes_a_cache_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    path = SNIPPETS_DIR / "sum_value.rs"
    first = rust_oracle.cached_oracle(path, cache_path=cache)
    assert first is not None and first["allocs"] == 0
    assert rust_oracle.load_cache(cache)
    assert rust_oracle.cached_oracle(path, cache_path=cache) == first
