"""Fuzzing format!/println!/eprintln! specs and to_string: generated format
strings and mutated format corpus files give a trace or one clean
`file:line:col` error, never a traceback (the path `stackvsheap trace` uses)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fuzz_trace import mutated_source, trace_or_clean_error

CORPUS = Path(__file__).resolve().parent.parent / "differential" / "rust" / "corpus"
SOURCES = sorted(p.read_text() for p in CORPUS.glob("*.rs") if p.name.startswith(("fmt_", "to_string_")))

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))

PROGRAM = """fn main() {{
    let x = 300;
    let f = 2.5;
    let s = String::from("rust");
    let v = vec![1, 2];
    let o: Option<i32> = Some(1);
    let t = x.to_string();
    {call};
}}
"""

ARGS = ["x", "f", "s", "&s", "v", "o", "t", "'c'", "true", "\"lit\"", "7", "-3", "x * 2", "v.len()",
        "s.len()", "1.5e10", "(1, 2)"]


@st.composite
def fmt_call(draw: st.DrawFn) -> str:
    fmt = draw(st.text(alphabet="{}:?<>^+-#0.123xXobeE*$ abc", max_size=14))
    args = draw(st.lists(st.sampled_from(ARGS), max_size=3))
    mac = draw(st.sampled_from(["format", "println", "print", "eprintln"]))
    call = f'{mac}!({", ".join([repr(fmt).replace(chr(39), chr(34))] + args)})'
    return f"let _r = {call}" if mac == "format" else call


@FUZZ
@given(fmt_call())
def test_generated_format_calls(call: str) -> None:
    trace_or_clean_error(PROGRAM.format(call=call), "rust")


@FUZZ
@given(st.sampled_from(SOURCES).flatmap(mutated_source))
def test_mutated_format_corpus(source: str) -> None:
    trace_or_clean_error(source, "rust")
