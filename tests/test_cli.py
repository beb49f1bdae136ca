"""`stackvsheap` as a user runs it: help, list, trace, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stackvsheap.cli import main

TOTALS = {
    "steps", "heap_allocs", "heap_reallocs", "heap_frees", "heap_bytes", "stack_peak_bytes",
    "gc_cycles", "gc_marked", "gc_swept", "cache_hits", "cache_misses", "cycles", "score",
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stackvsheap.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_help_and_version() -> None:
    out = run_cli("--help")
    assert out.returncode == 0
    for word in ("trace", "list", "play"):
        assert word in out.stdout
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("stackvsheap ")


def test_list_json_has_the_blog_snippets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    items = {s["id"]: s for s in json.loads(capsys.readouterr().out)}
    for sid in ("go/sum_value", "go/create_slice", "go/create_many_boxes", "go/inefficient_sum",
                "go/efficient_sum", "rust/sum_value_boxed", "rust/sum_value", "rust/create_vec",
                "rust/create_many_boxes"):
        assert sid in items
    assert items["go/inefficient_sum"]["truth"], "the claim the compiler disagrees with is marked"
    assert items["rust/create_many_boxes"]["pair"] == "go/create_many_boxes"


def trace_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["trace", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_trace_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = trace_json(capsys, "go/create_many_boxes")
    assert set(data) == {"language", "file", "entry", "sites", "totals", "output"}
    assert data["language"] == "go"
    assert data["file"] == "create_many_boxes.go"
    assert data["entry"] == "createManyBoxes"
    assert set(data["totals"]) == TOTALS
    assert data["totals"]["heap_allocs"] == 1001
    assert data["totals"]["heap_reallocs"] == 0
    value = [s for s in data["sites"] if s["kind"] == "var" and s["name"] == "value"]
    assert value and value[0]["placement"] == "heap" and value[0]["reason"]
    make = [s for s in data["sites"] if s["kind"] == "expr" and s["expr"].startswith("make(")]
    assert make and make[0]["placement"] == "heap"
    for s in data["sites"]:
        assert set(s) == {"line", "col", "kind", "placement", "reason", "name" if s["kind"] == "var" else "expr"}


def test_trace_new_int_stays_on_the_stack(capsys: pytest.CaptureFixture[str]) -> None:
    data = trace_json(capsys, "go/inefficient_sum")
    news = [s for s in data["sites"] if s["kind"] == "expr" and s["expr"] == "new(int)"]
    assert len(news) == 3 and all(s["placement"] == "stack" for s in news)
    assert data["totals"]["heap_allocs"] == 0


def test_accesses_match_cache_totals(capsys: pytest.CaptureFixture[str]) -> None:
    from stackvsheap.sim.cache import L1Cache

    data = trace_json(capsys, "go/create_slice", "--accesses")
    c = L1Cache()
    for _kind, addr, size in data["accesses"]:
        c.access(addr, size)
    assert (c.hits, c.misses) == (data["totals"]["cache_hits"], data["totals"]["cache_misses"])
    assert c.hits + c.misses > 0


def test_score_ranks_the_blog_pair(capsys: pytest.CaptureFixture[str]) -> None:
    good = trace_json(capsys, "go/efficient_sum")["totals"]["score"]
    bad = trace_json(capsys, "go/inefficient_sum")["totals"]["score"]
    assert good > bad


def test_human_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trace", "go/create_many_boxes"]) == 0
    out = capsys.readouterr().out
    assert "heap_allocs" in out and "1,001" in out and "value" in out


@pytest.mark.parametrize(
    "source, message",
    [
        ("package main\nfunc f() int {\n\treturn 1 +\n}\n", "syntax error"),
        ('package main\nimport "os"\nfunc f() { os.Exit(1) }\n', "unsupported"),
        ("package main\nfunc f() int {\n\tvar m map[int]int\n\tm[1] = 2\n\treturn len(m)\n}\n",
         "assignment to entry in nil map"),
        ("package main\nfunc f() int {\n\ts := []int{1, 2, 3}\n\ti := 5\n\treturn s[i]\n}\n",
         "index out of range [5] with length 3"),
        ("package main\nfunc f() int {\n\tvar p *int\n\treturn *p\n}\n", "nil pointer dereference"),
        ("package main\nfunc f() int {\n\tz := 0\n\treturn 1 / z\n}\n", "integer divide by zero"),
        ("package main\nfunc f() int {\n\tfor {\n\t}\n}\n", "step limit"),
        ("package main\nfunc f(n int) int {\n\treturn f(n + 1)\n}\nfunc g() int { return f(0) }\n",
         "stack overflow"),
    ],
    ids=["syntax", "import", "nilmap", "index", "nil", "div0", "loop", "recursion"],
)
def test_bad_programs_fail_cleanly(tmp_path: Path, source: str, message: str) -> None:
    path = tmp_path / "bad.go"
    path.write_text(source)
    entry = ["--entry", "g"] if "func g" in source else []
    out = run_cli("trace", str(path), *entry, "--max-steps", "100000")
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith(f"{path}:"), lines[0]
    assert message in lines[0]
    assert "Traceback" not in out.stderr


def test_missing_file_and_unknown_id() -> None:
    out = run_cli("trace", "no/such_snippet")
    assert out.returncode == 2 and out.stderr.startswith("no/such_snippet:1:1:")
    out = run_cli("trace", "missing.go")
    assert out.returncode == 2 and "no such file" in out.stderr


def test_cache_geometry_is_configurable(capsys: pytest.CaptureFixture[str]) -> None:
    small = trace_json(capsys, "go/struct_slice_sum", "--cache", "1,2,64")["totals"]
    default = trace_json(capsys, "go/struct_slice_sum")["totals"]
    assert small["cache_hits"] + small["cache_misses"] == default["cache_hits"] + default["cache_misses"]
    assert small["cache_misses"] > default["cache_misses"]
    out = run_cli("trace", "go/sum_value", "--cache", "3,3,3")
    assert out.returncode == 2 and "KIB,WAYS,LINE" in out.stderr


@pytest.mark.parametrize(
    "source, where, message",
    [
        # a diverging `loop` as the function's tail runs until the limit (i64 never overflows first)
        ("fn main() {\n    let mut n: i64 = 0;\n    loop {\n        n += 1;\n    }\n}\n", "3:5", "step limit"),
        # a u8 overflows long before the limit, as a debug build panics
        ("fn main() {\n    let mut n: u8 = 0;\n    loop {\n        n += 1;\n    }\n}\n", "4:9",
         "attempt to add with overflow"),
        # the same loop as the tail of a block used for its value
        ("fn main() {\n    let mut n: u8 = 0;\n    let x: i32 = {\n        loop {\n            n += 1;\n"
         "        }\n    };\n    println!(\"{}\", x);\n}\n", "5:13", "attempt to add with overflow"),
        # `panic!` as the tail of a function returning a value
        ("fn f() -> i32 {\n    panic!(\"no value\")\n}\nfn main() {\n    let x = f();\n"
         "    println!(\"{}\", x);\n}\n", "2:5", "panicked"),
        # `return loop { ... }` inside an `if`
        ("fn f(c: bool) -> i32 {\n    let mut n: u8 = 250;\n    if c {\n        return loop {\n"
         "            n += 1;\n        };\n    }\n    0\n}\nfn main() {\n    println!(\"{}\", f(true));\n}\n",
         "5:13", "attempt to add with overflow"),
        # assigning a loop that never breaks, and matching on a panic
        ("fn main() {\n    let mut n: u8 = 250;\n    let mut x = 0;\n    x = loop { n += 1; };\n"
         "    println!(\"{}\", x);\n}\n", "4:16", "attempt to add with overflow"),
        ("fn main() {\n    let mut x = 0;\n    x = match { panic!(\"boom\") } { 1 => 2, _ => 3 };\n"
         "    println!(\"{}\", x);\n}\n", "3:17", "panicked: boom"),
    ],
    ids=["loop-tail-i64", "loop-tail-u8", "loop-block-value", "panic-tail", "return-loop",
         "assign-loop", "match-panic"],
)
def test_diverging_rust_tails_run(tmp_path: Path, source: str, where: str, message: str) -> None:
    path = tmp_path / "endless.rs"
    path.write_text(source)
    out = run_cli("trace", str(path), "--entry", "main", "--max-steps", "100000")
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith(f"{path}:{where}:"), lines[0]
    assert message in lines[0]


def test_trace_text_shows_the_programs_stderr_apart(capsys: pytest.CaptureFixture[str]) -> None:
    """dbg!/eprintln! write to stderr: the text trace shows it under its own heading
    (the JSON contract, TRACE.md, has output only)."""
    assert main(["trace", "tests/differential/rust/corpus/dbg_values.rs", "--entry", "main"]) == 0
    out = capsys.readouterr().out
    assert "area 3000\nstderr\n[src/main.rs:14:16] 30 * scale = 60\n" in out
