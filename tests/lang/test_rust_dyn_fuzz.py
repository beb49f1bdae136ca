"""Fuzzing trait objects, generics, Display/Deref/operator impls and dbg!:
mutated corpus files of those families and generated trait-object programs
give a trace or one clean `file:line:col` error, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fuzz_trace import mutated_source, trace_or_clean_error

CORPUS = Path(__file__).resolve().parent.parent / "differential" / "rust" / "corpus"
SOURCES = sorted(p.read_text() for p in CORPUS.glob("*.rs") if p.name.startswith(
    ("display_", "dyn_", "generic_", "deref_", "dbg_", "ops_", "clone_impl")))

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))

PROGRAM = """use std::fmt;
trait Shape {{ fn area(&self) -> f64; }}
struct Sq(f64);
struct Dot;
impl Shape for Sq {{ fn area(&self) -> f64 {{ self.0 }} }}
impl Shape for Dot {{ fn area(&self) -> f64 {{ 0.0 }} }}
impl fmt::Display for Sq {{
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {{ write!(f, "sq {{}}", self.0) }}
}}
fn total<T: Shape>(x: &T) -> f64 {{ x.area() }}
fn main() {{
    let a = Sq(2.0);
    let v: Vec<Box<dyn Shape>> = vec![Box::new(Sq(1.0)), Box::new(Dot)];
    {stmt};
}}
"""

STMTS = ["let b: Box<dyn Shape> = Box::new(Dot)", "let r: &dyn Shape = &a", "println!(\"{}\", a)",
         "let s = a.to_string()", "let t = total(&a)", "let t = total(&Dot)", "dbg!(a.area())",
         "for s in &v { println!(\"{}\", s.area()); }", "let w = v[0].area()", "let u = format!(\"{}{}\", a, a)",
         "let x: &dyn Shape = &v[1]", "let o: Option<Box<dyn Shape>> = None", "drop(v)"]


@FUZZ
@given(st.lists(st.sampled_from(STMTS), min_size=1, max_size=4).map("; ".join))
def test_generated_trait_object_programs(stmt: str) -> None:
    trace_or_clean_error(PROGRAM.format(stmt=stmt), "rust")


@FUZZ
@given(st.sampled_from(SOURCES).flatmap(mutated_source))
def test_mutated_dyn_generic_display_corpus(source: str) -> None:
    trace_or_clean_error(source, "rust")
