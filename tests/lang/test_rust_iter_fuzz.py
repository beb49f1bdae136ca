"""Fuzzing iterator pipelines, closures and Result: generated adapter chains
and mutated iterator/closure/Result corpus files give a trace or one clean
`file:line:col` error, never a traceback (the path `stackvsheap trace` uses)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fuzz_trace import mutated_source, trace_or_clean_error

CORPUS = Path(__file__).resolve().parent.parent / "differential" / "rust" / "corpus"
PREFIXES = ("iter_", "closure_", "result_", "chars_", "collect_strs", "vec_extend")
SOURCES = sorted(p.read_text() for p in CORPUS.glob("*.rs") if p.name.startswith(PREFIXES))

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))

PROGRAM = """fn main() {{
    let v = vec![3, 1, 4, 1, 5, 9, 2, 6];
    let words = vec![String::from("a"), String::from("bb"), String::from("ccc")];
    let s = String::from("héllo");
    let r = {chain};
    println!("{{:?}}", r);
}}
"""

SOURCES_EXPR = ["v.iter()", "v.iter().map(|x| *x)", "(0..10)", "(1..=4)", "v.clone().into_iter()",
                "words.iter()", "words.clone().into_iter()", "s.chars()"]
ADAPTERS = ["enumerate()", "rev()", "take(3)", "skip(2)", "step_by(2)", "zip(0..5)", "chain(0..2)",
            "filter(|_| true)", "map(|x| x)", "take(0)", "skip(100)", "take_while(|_| true)",
            "skip_while(|_| false)", "filter_map(|x| Some(x))"]
CONSUMERS = ["count()", "last()", "max()", "min()", "collect::<Vec<_>>()", "position(|_| true)",
             "any(|_| false)", "all(|_| true)", "fold(0, |a, _| a + 1)", "find(|_| true)"]


@st.composite
def chain(draw: st.DrawFn) -> str:
    src = draw(st.sampled_from(SOURCES_EXPR))
    steps = draw(st.lists(st.sampled_from(ADAPTERS), max_size=4))
    end = draw(st.sampled_from(CONSUMERS))
    return ".".join([src] + steps + [end])


@FUZZ
@given(chain())
def test_generated_chains(c: str) -> None:
    trace_or_clean_error(PROGRAM.format(chain=c), "rust")


@FUZZ
@given(st.sampled_from(SOURCES).flatmap(mutated_source))
def test_mutated_iterator_corpus(source: str) -> None:
    trace_or_clean_error(source, "rust")
