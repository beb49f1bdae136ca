"""The Go oracle cache is complete and says what the real Go compiler says.

These tests read ``go_oracle_cache.json`` only, so they run without a Go
toolchain (the one live check is opt-in: ``SVH_GO_LIVE=1``).  Refresh the cache
with::

    python tests/differential/go_oracle.py            # missing entries only
    python tests/differential/go_oracle.py --refresh  # everything
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from . import go_oracle
from .go_oracle import CACHE_PATH, CORPUS_DIR, SNIPPETS_DIR

pytestmark = pytest.mark.differential

LESSONS = {"escape", "allocation", "cache", "gc", "growth", "basics"}
REQUIRED_SNIPPET_KEYS = {"title", "entry", "lesson", "claim"}
ALLOWED_SNIPPET_KEYS = REQUIRED_SNIPPET_KEYS | {"truth", "pair", "par"}
BLOG_SNIPPETS = {
    "sum_value": "rust/sum_value",
    "inefficient_sum": "rust/sum_value_boxed",
    "efficient_sum": None,
    "create_slice": "rust/create_vec",
    "create_many_boxes": "rust/create_many_boxes",
}
# Outside the Go subset of SUBSET.md (checked on the text, comments stripped).
FORBIDDEN = [
    # imports outside fmt, errors, strconv, strings and math (lang/go/imports.py)
    (re.compile(r'^\s*import\s+(\w+\s+)?"(?!fmt"|errors"|strconv"|strings"|math")', re.M), "import"),
    (re.compile(r'^\s*import\s*\(\s*(?:(?:\w+\s+)?"(?:fmt|errors|strconv|strings|math)"\s*)*(?:\w+\s+)?"(?!fmt"|errors"|strconv"|strings"|math")',
                re.M), "import"),
    # interface literals other than a named method list (`type I interface {...}`)
    (re.compile(r"^(?!type \w+ interface \{).*\binterface\s*\{", re.M), "interface"),
    (re.compile(r"\bchan\b"), "channel"),
    (re.compile(r"(^\s*|[;{]\s*)go\s+\w", re.M), "goroutine"),
    (re.compile(r"\bfunc\s*(\([^)]*\)\s*)?\w+\s*\["), "generics"),
    (re.compile(r"\bselect\s*\{"), "select"),
]

SNIPPETS = sorted(SNIPPETS_DIR.glob("*.go"))
CORPUS = sorted(CORPUS_DIR.glob("*.go"))
ALL = go_oracle.all_go_files()  # the snippets, the levels' code and the corpus


def _ids(paths: list[Path]) -> list[str]:
    return [f"level-{p.parent.name}-{p.stem}" if p.is_relative_to(go_oracle.LEVELS_DIR) else p.stem
            for p in paths]


def _code(source: str) -> str:
    """Source without // comments (strings here never contain //)."""
    return re.sub(r"//[^\n]*", "", source)


def cached(path: Path) -> dict[str, Any]:
    hit = go_oracle.lookup(path)
    assert hit is not None, (
        f"{path.name} has no fresh entry in go_oracle_cache.json; "
        "run: python tests/differential/go_oracle.py"
    )
    return hit


def snippet(name: str) -> dict[str, Any]:
    return cached(SNIPPETS_DIR / f"{name}.go")


def heap_sites(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in result["sites"] if s["placement"] == "heap"]


# --------------------------------------------------------------------------- cache


def test_cache_file_is_canonical_json() -> None:
    text = CACHE_PATH.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    for key, value in data.items():
        sha, _, version = key.partition("+")
        assert re.fullmatch(r"[0-9a-f]{64}", sha), key
        assert version.startswith(go_oracle.PINNED_MINOR), key
        assert value["go_version"] == version.split("#")[0]


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_cache_entry_is_fresh(path: Path) -> None:
    result = cached(path)
    source = path.read_text(encoding="utf-8")
    assert result["entry"] == go_oracle.default_entry(source)
    assert isinstance(result["allocs"], float)
    assert isinstance(result["output"], str)
    for site in result["sites"]:
        assert site["placement"] in {"heap", "stack"}
        assert site["kind"] in {"var", "expr"}
        assert site["line"] >= 1 and site["col"] >= 1
        if site["kind"] == "var":
            assert site["message"] == f"moved to heap: {site['name']}"
        else:
            verdict = "escapes to heap" if site["placement"] == "heap" else "does not escape"
            assert site["message"] == f"{site['expr']} {verdict}"


def test_cache_has_no_stale_entries() -> None:
    shas = {go_oracle.source_sha256(p.read_bytes()) for p in ALL}
    stale = [v.get("file", k) for k, v in go_oracle.load_cache().items() if k.split("+")[0] not in shas]
    assert not stale, f"stale cache entries (run go_oracle.py to prune): {stale}"


# --------------------------------------------------------------------------- files


def test_corpus_is_big_enough() -> None:
    assert len(CORPUS) >= 45


@pytest.mark.parametrize("path", CORPUS, ids=_ids(CORPUS))
def test_corpus_file_shape(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    first = source.splitlines()[0]
    assert re.fullmatch(r"// entry: [A-Za-z_]\w*", first), first
    assert re.search(r"^package main$", source, re.M)
    assert re.search(r"^func main\(\) \{", source, re.M)
    entry = first.split(":", 1)[1].strip()
    assert re.search(rf"^func {entry}\(\)", source, re.M), f"entry {entry} must take no arguments"


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_inside_the_go_subset(path: Path) -> None:
    code = _code(path.read_text(encoding="utf-8"))
    for pattern, what in FORBIDDEN:
        assert not pattern.search(code), f"{path.name} uses {what}, outside the subset"


def test_snippet_set() -> None:
    names = {p.stem for p in SNIPPETS}
    assert set(BLOG_SNIPPETS) <= names
    assert len(names) >= len(BLOG_SNIPPETS) + 11


@pytest.mark.parametrize("path", SNIPPETS, ids=_ids(SNIPPETS))
def test_snippet_header(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    header: dict[str, str] = {}
    i = 0
    while lines[i].startswith("//"):
        m = re.fullmatch(r"// ([a-z]+): (\S.*)", lines[i])
        assert m, f"bad header line: {lines[i]!r}"
        assert m.group(1) not in header, f"duplicate key {m.group(1)}"
        header[m.group(1)] = m.group(2)
        i += 1
    assert lines[i] == "" and lines[i + 1] == "package main"
    assert REQUIRED_SNIPPET_KEYS <= header.keys() <= ALLOWED_SNIPPET_KEYS
    assert header["lesson"] in LESSONS
    assert header == go_oracle.read_header(source)
    assert re.search(rf"^func {header['entry']}\(\)", source, re.M)
    assert re.search(r"^func main\(\) \{", source, re.M)
    if "pair" in header:
        assert re.fullmatch(r"rust/[a-z0-9_]+", header["pair"])
    if path.stem in BLOG_SNIPPETS:
        assert header.get("pair") == BLOG_SNIPPETS[path.stem]


# --------------------------------------------------------------------------- facts


def test_create_many_boxes() -> None:
    r = snippet("create_many_boxes")
    assert r["entry"] == "createManyBoxes"
    assert r["allocs"] == 1001
    by_msg = {s["message"]: s for s in r["sites"]}
    lines = (SNIPPETS_DIR / "create_many_boxes.go").read_text().splitlines()
    value_line = next(i for i, l in enumerate(lines, 1) if l.strip() == "value := i")
    make_line = next(i for i, l in enumerate(lines, 1) if "make([]*int, 1000)" in l)
    value = by_msg["moved to heap: value"]
    assert (value["line"], value["col"]) == (value_line, 3)
    assert value["kind"] == "var" and value["name"] == "value"
    make = by_msg["make([]*int, 1000) escapes to heap"]
    assert (make["line"], make["col"]) == (make_line, 15)
    assert make["expr"] == "make([]*int, 1000)" and make["placement"] == "heap"


def test_inefficient_sum_new_does_not_escape() -> None:
    r = snippet("inefficient_sum")
    assert r["allocs"] == 0
    assert heap_sites(r) == []
    assert [s["message"] for s in r["sites"]] == ["new(int) does not escape"] * 3


def test_plain_sums_allocate_nothing() -> None:
    for name in ("sum_value", "efficient_sum", "pointer_receiver", "struct_slice_sum"):
        r = snippet(name)
        assert r["allocs"] == 0, name
        assert heap_sites(r) == [], name


def test_pointer_receiver_summary_is_a_leak_not_a_site() -> None:
    r = snippet("pointer_receiver")
    assert r["sites"] == []
    assert any(leak.endswith("v does not escape") for leak in r["leaks"])


def test_snippet_counts() -> None:
    expected = {
        "create_slice": 1,
        "return_pointer": 1,
        "closure_capture": 2,
        "struct_in_loop": 101,
        "linked_list_sum": 256,
        "append_growth": 5,
        "append_prealloc": 1,
        "large_values": 2,
        "tiny_alloc": 7,
        "global_sink": 1,
        "small_make": 1,
        "string_concat": 9,
        "gc_churn": 200,
    }
    got = {name: snippet(name)["allocs"] for name in expected}
    assert got == expected


def test_size_limits() -> None:
    r = cached(CORPUS_DIR / "make_const_limit.go")
    placements = {s["expr"]: s["placement"] for s in r["sites"]}
    assert placements == {"make([]byte, 65536)": "stack", "make([]byte, 65537)": "heap"}
    r = cached(CORPUS_DIR / "var_array_limit.go")
    assert [(s["kind"], s["line"]) for s in heap_sites(r)] == [("var", 13)]


def test_escape_summaries_are_leaks() -> None:
    r = cached(CORPUS_DIR / "deep_call_chain.go")
    assert [s["message"] for s in r["sites"]] == ["moved to heap: x"]
    assert sum("leaking param: p" in leak for leak in r["leaks"]) == 3
    assert sum(leak.endswith("p does not escape") for leak in r["leaks"]) == 3


def test_output_is_captured() -> None:
    r = cached(CORPUS_DIR / "println_values.go")
    assert r["output"] == "n = 42 true gopher\n21.5 -3 1099511627776\n\n48\n"
    assert snippet("string_concat")["output"] == "ab" * 10 + "\n"


# --------------------------------------------------------------------------- parser


def test_parse_m_output_classifies_messages() -> None:
    source = (
        "package main\n"
        "\n"
        "func f(p *int, q *int) *int {\n"
        "\tx := new(int)\n"
        "\treturn p\n"
        "}\n"
    )
    text = (
        "# snippet\n"
        "./main.go:3:8: leaking param: p to result ~r0 level=0\n"
        "./main.go:3:16: q does not escape\n"
        "./main.go:4:9: new(int) does not escape\n"
        "./svh_oracle_gen_test.go:9:9: func literal does not escape\n"
        "./main.go:4:2: moved to heap: x\n"
        "./main.go:4:2: f ignoring self-assignment in x = x\n"
    )
    sites, leaks, notes = go_oracle.parse_m_output(text, source)
    assert sites == [
        {"line": 4, "col": 9, "message": "new(int) does not escape", "kind": "expr",
         "expr": "new(int)", "placement": "stack"},
        {"line": 4, "col": 2, "message": "moved to heap: x", "kind": "var",
         "name": "x", "placement": "heap"},
    ]
    assert leaks == ["3:8: leaking param: p to result ~r0 level=0", "3:16: q does not escape"]
    assert notes == ["4:2: f ignoring self-assignment in x = x"]


def test_param_position_receivers_and_literals() -> None:
    lines = [
        "func (s *Stack) Push(v int, w []int) {",
        "\tf := func(a, b *int) int { return *a }",
    ]
    assert go_oracle._is_param_position(lines, 1, 7)  # s
    assert go_oracle._is_param_position(lines, 1, 22)  # v
    assert go_oracle._is_param_position(lines, 1, 29)  # w
    assert go_oracle._is_param_position(lines, 2, 12)  # a
    assert go_oracle._is_param_position(lines, 2, 15)  # b
    assert not go_oracle._is_param_position(lines, 2, 37)  # a in the body


def test_default_entry() -> None:
    assert go_oracle.default_entry("// entry: run\n\npackage main\n") == "run"
    assert go_oracle.default_entry("package main\nfunc main() {}\nfunc g() {}\n") == "g"
    assert go_oracle.default_entry("package main\nfunc main() {}\nfunc g() {}\nfunc h() {}\n") == "main"


# --------------------------------------------------------------------------- live


@pytest.mark.skipif(
    os.environ.get("SVH_GO_LIVE") != "1" or not go_oracle.go_available(),
    reason="live Go check is opt-in: SVH_GO_LIVE=1 and go on PATH",
)
def test_live_oracle_matches_cache() -> None:
    path = SNIPPETS_DIR / "create_many_boxes.go"
    live = go_oracle.oracle(path)
    hit = cached(path)
    for key in ("entry", "sites", "leaks", "allocs", "output"):
        assert live[key] == hit[key], key
