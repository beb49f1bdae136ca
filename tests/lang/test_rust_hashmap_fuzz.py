"""Fuzzing HashMap/HashSet, retain/drain and chars(): generated operation
sequences and mutated corpus files give a trace or one clean `file:line:col`
error, never a traceback (the path `stackvsheap trace` uses); generated
sequences also keep the map's length and capacity consistent with
hashbrown's rules (capacity never below the length, only growing on insert)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackvsheap.lang.rust.frontend import parse_rust
from stackvsheap.sim.run import run_program
from stackvsheap.sim.rust.hashmap import bucket_capacity, capacity_to_buckets
from tests.test_fuzz_trace import mutated_source, trace_or_clean_error

CORPUS = Path(__file__).resolve().parent.parent / "differential" / "rust" / "corpus"
SOURCES = sorted(p.read_text() for p in CORPUS.glob("*.rs")
                 if p.name.startswith(("hashmap_", "hashset_", "vec_retain", "vec_drain", "chars_")))

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

OPS = [
    "m.insert({k}, {k} * 2);", "m.remove(&{k});", "*m.entry({k}).or_insert(0) += 1;",
    "if let Some(v) = m.get_mut(&{k}) {{ *v += 1; }}", "n += m.len();", "n += m.capacity();",
    "if m.contains_key(&{k}) {{ n += 1; }}", "for (_, v) in &m {{ n += *v as usize; }}",
    "m.clear();", "n += m.values().sum::<u32>() as usize;", "v.retain(|x| *x % 3 != {k} % 3);",
    "v.push({k});", "let d: Vec<u32> = v.drain(..v.len() / 2).collect(); n += d.len();",
    "n += \"h\u00e9llo\".chars().rev().collect::<String>().len();",
    "n += m.values().filter(|v| **v > {k}).count();", "n += m.keys().map(|k| *k as usize).max().unwrap_or(0);",
    "let mut ks: Vec<u32> = m.keys().copied().collect(); ks.sort_unstable(); n += ks.len();",
]


@st.composite
def program(draw: st.DrawFn) -> str:
    ops = draw(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 40)), max_size=25))
    body = "\n    ".join(op.format(k=k) for op, k in ops)
    return ("use std::collections::HashMap;\nfn main() {\n    let mut m: HashMap<u32, u32> = HashMap::new();\n"
            f"    let mut v: Vec<u32> = Vec::new();\n    let mut n = 0usize;\n    {body}\n"
            "    println!(\"{} {} {}\", n, m.len(), m.capacity());\n}\n")


@FUZZ
@given(program())
def test_generated_map_programs_run_and_stay_consistent(src: str) -> None:
    r = run_program(parse_rust(src, "fuzz.rs"), "main")
    if r.error is not None:  # only arithmetic overflow can stop these programs
        assert "overflow" in r.error.message, r.error.message
        return
    _, length, cap = (int(x) for x in r.output.split())
    assert cap >= length
    assert cap == 0 or cap in {bucket_capacity(capacity_to_buckets(c, 8)) for c in range(1, 200)}


@FUZZ
@given(st.sampled_from(SOURCES).flatmap(mutated_source))
def test_mutated_hashmap_corpus(source: str) -> None:
    trace_or_clean_error(source, "rust")
