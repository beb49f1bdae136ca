"""Fuzzing the Go library surface (fmt, errors, strconv, interfaces): mutated
corpus files and generated Printf calls give a trace or one clean
`file:line:col` error, never a traceback (the path `stackvsheap trace` uses)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fuzz_trace import mutated_source, trace_or_clean_error

CORPUS = Path(__file__).resolve().parent.parent / "differential" / "go" / "corpus"
PREFIXES = ("fmt_", "any_", "error", "shape_", "strconv_", "type_assertion", "stringer",
            "devirtualized", "interface_", "concat_vs")
SOURCES = sorted(p.read_text() for p in CORPUS.glob("*.go") if p.name.startswith(PREFIXES))

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))

PROGRAM = """package main

import (
\t"errors"
\t"fmt"
\t"strconv"
)

type P struct {{
\tX, y int
\tS    string
}}

type Shape interface {{
\tArea() float64
}}

func (p P) Area() float64 {{ return float64(p.X) }}

func run() {{
\tx := 300
\tx++
\ts := "go"
\tp := P{{1, 2, "s"}}
\tb := []int{{1, 2}}
\tvar e error = errors.New("e")
\tvar sh Shape = p
\t_, _, _, _, _, _ = x, s, p, b, e, sh
\t_ = strconv.Itoa(x)
\t{call}
}}

func main() {{
\trun()
}}
"""

ARGS = ["x", "s", "p", "&p", "b", "e", "sh", "nil", "3.5", "true", "'a'", "x * 2", "sh.Area()",
        "strconv.Itoa(x)", "len(b)", "b[0]", "[]string{s}", "P{}"]


@st.composite
def printf_call(draw: st.DrawFn) -> str:
    fmt = draw(st.text(alphabet="%dsvqxXTfegctb+-# 0.123abc\\n", max_size=14))
    args = draw(st.lists(st.sampled_from(ARGS), max_size=4))
    fn = draw(st.sampled_from(["Printf", "Sprintf", "Errorf", "Println", "Print", "Sprint"]))
    lead = [f'"{fmt}"'] if fn in ("Printf", "Sprintf", "Errorf") else []
    call = f"fmt.{fn}({', '.join(lead + args)})"
    return call if fn.startswith("Print") else f"_ = {call}"


@FUZZ
@given(printf_call())
def test_generated_fmt_calls(call: str) -> None:
    trace_or_clean_error(PROGRAM.format(call=call), "go")


@FUZZ
@given(st.sampled_from(SOURCES).flatmap(mutated_source))
def test_mutated_library_corpus(source: str) -> None:
    trace_or_clean_error(source, "go")
