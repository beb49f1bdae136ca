"""`impl fmt::Display`, `write!`, `dbg!` (and, below, trait objects and
generics): the front end's refusals and what runs. Allocation counts and
output are checked against rustc by the corpus (display_*.rs, dbg_*.rs,
dyn_*.rs, generic_*.rs)."""

from __future__ import annotations

import pytest

from stackvsheap.lang import ir
from stackvsheap.lang.rust.frontend import parse_rust
from stackvsheap.sim.run import run_program

_POINT = """use std::fmt;
struct P { x: i32 }
impl fmt::Display for P {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "<{}>", self.x)
    }
}
"""


def error_of(src: str) -> str:
    with pytest.raises(ir.UnsupportedError) as ei:
        parse_rust(src, "bad.rs")
    return str(ei.value)


def run(src: str):
    r = run_program(parse_rust(src, "t.rs"), "main")
    assert r.error is None, r.error
    return r


@pytest.mark.parametrize("src, expected", [
    (_POINT + "fn main() { let p = P { x: 1 }; println!(\"{:>5}\", p); }\n",
     "bad.rs:8:51: unsupported: a format spec on `{}` of `P` (a user Display)"),
    ("fn main() { let mut s = String::new(); let _ = write!(s, \"x\"); }\n",
     "bad.rs:1:55: unsupported: write! into a `String` (only into a `&mut fmt::Formatter`)"),
    ("fn f() -> i32 { let x: Option<i32> = None; x?; 1 }\nfn main() {}\n",
     "bad.rs:1:44: unsupported: the ? operator"),
    ("fn main() { let a = 1; dbg!(a, a); }\n", "bad.rs:1:24: unsupported: dbg! with several arguments"),
    ("use std::fmt;\nstruct S;\nimpl fmt::Display for S {\n    fn fmt(&self) -> fmt::Result {\n"
     "        Ok(())\n    }\n}\nfn main() {}\n",
     "bad.rs:4:5: method `fmt` has an incompatible type for trait: expected "
     "`fn(&T, &mut Formatter<'_>) -> Result<(), std::fmt::Error>`"),
])
def test_refusals_name_the_problem(src: str, expected: str) -> None:
    assert error_of(src) == expected


def test_display_runs_the_users_fmt_for_print_format_and_to_string() -> None:
    r = run(_POINT + "fn main() { let p = P { x: 7 }; let s = p.to_string(); "
            "let t = format!(\"{}{}\", p, s); println!(\"{} {} {}\", p, s, t); }\n")
    assert r.output == "<7> <7> <7><7>\n"


def test_dbg_writes_to_stderr_as_rustc_does_and_returns_the_value() -> None:
    r = run("fn main() {\n    let x = dbg!(2 + 3);\n    println!(\"{}\", x);\n}\n")
    assert r.output == "5\n"
    assert "".join(r.machine.err_out) == "[src/main.rs:2:13] 2 + 3 = 5\n"


# ---- trait objects --------------------------------------------------------------------------

_SHAPE = """trait Shape { fn area(&self) -> f64; }
struct Sq(f64);
impl Shape for Sq { fn area(&self) -> f64 { self.0 * self.0 } }
struct Dot;
impl Shape for Dot { fn area(&self) -> f64 { 0.0 } }
"""


@pytest.mark.parametrize("src, expected", [
    ("trait T { fn make() -> Self; }\nfn f(x: &dyn T) {}\nfn main() {}\n",
     "bad.rs:2:10: the trait `T` is not dyn compatible: method `make` has no `self` parameter"),
    (_SHAPE + "struct No;\nfn main() { let b: Box<dyn Shape> = Box::new(No); }\n",
     "bad.rs:7:37: the trait bound `No: Shape` is not satisfied"),
    (_SHAPE + "fn main() { let v: Vec<Box<dyn Shape>> = vec![Box::new(Dot)]; let r: &dyn Shape = &v[0]; }\n",
     "bad.rs:6:83: the trait bound `Box<dyn Shape>: Shape` is not satisfied"),  # (rustc's E0277 too)
    ("fn f(x: &dyn std::fmt::Display) {}\nfn main() {}\n",
     "bad.rs:1:10: unsupported: `dyn std::fmt::Display`"),
])
def test_dyn_refusals(src: str, expected: str) -> None:
    assert error_of(src) == expected


def test_a_box_dyn_is_a_fat_pointer_to_a_static_vtable() -> None:
    from stackvsheap.game.valuefmt import leaf_pieces
    from stackvsheap.lang.rust.dyn import dyn_ptr
    from stackvsheap.sim.memory import STATIC, Block, Ptr

    t = dyn_ptr("Shape", "box")
    assert (t.size, t.nleaves, str(t)) == (16, 2, "Box<dyn Shape>")
    r = run(_SHAPE + "fn main() { let v: Vec<Box<dyn Shape>> = vec![Box::new(Sq(2.0)), Box::new(Dot)];\n"
            "let mut t = 0.0; for s in &v { t += s.area(); } println!(\"{}\", t); }\n")
    assert r.output == "4\n"
    # one 8-byte box for Sq, none for the zero-sized Dot; the buffer of two 16-byte fat pointers
    assert (r.totals.heap_allocs, r.totals.heap_bytes) == (3, 1024 + 32 + 8)
    vt = Block(0x5555_5555_4008, dyn_ptr("Shape", "ref"), 1, STATIC, "vtable for Sq as Shape", (0,), (8,), [0])
    assert leaf_pieces(Ptr(vt, 0), False) == ("&vtable for Sq as Shape 0x555555554008",)


# ---- generics ------------------------------------------------------------------------------

@pytest.mark.parametrize("src, expected", [
    ("fn big<T: PartialOrd>(a: T, b: T) -> T { if a > b { a } else { b } }\n"
     "struct S;\nfn main() { let _ = big(S, S); }\n",
     "bad.rs:3:21: the trait bound `S: PartialOrd` is not satisfied"),
    ("fn f<'a>(x: &'a i32) {}\nfn main() {}\n", "bad.rs:1:6: unsupported: lifetime"),
    ("trait T { fn t(&self); }\nfn mk() -> impl T { 0 }\nfn main() {}\n",
     "bad.rs:2:12: unsupported: `impl Trait` as a return type"),
])
def test_generic_refusals(src: str, expected: str) -> None:
    assert error_of(src) == expected


def test_each_distinct_type_list_is_one_instance() -> None:
    p = parse_rust("fn id<T>(x: T) -> T { x }\nfn main() { let a = id(1); let b = id(2); let c = id('c'); "
                   "println!(\"{} {} {}\", a, b, c); }\n", "t.rs")
    assert sorted(n for n in p.funcs if n.startswith("id")) == ["id::<char>", "id::<i32>"]
    assert run_program(p, "main").output == "1 2 c\n"


def test_generic_struct_instances_have_their_own_layout_and_methods() -> None:
    src = ("#[derive(Debug)]\nstruct P<T> { x: T, y: T }\nimpl<T> P<T> { fn x(&self) -> &T { &self.x } }\n"
           "fn main() { let a = P { x: 1u8, y: 2 }; let b: P<f64> = P { x: 0.5, y: 1.5 };\n"
           "println!(\"{} {} {:?}\", a.x(), b.x(), a); }\n")
    p = parse_rust(src, "t.rs")
    assert {"P<u8>::x", "P<f64>::x"} <= {f"{f.receiver}::{f.name}" for f in p.funcs.values() if f.receiver}
    assert run_program(p, "main").output == "1 0.5 P { x: 1, y: 2 }\n"


def test_stack_new_without_a_type_asks_for_one() -> None:
    src = ("struct S<T> { v: Vec<T> }\nimpl<T> S<T> { fn new() -> S<T> { S { v: Vec::new() } } }\n"
           "fn main() { let s = S::new(); }\n")
    assert error_of(src) == ("bad.rs:3:21: type annotations needed for `S<_>` "
                             "(write `let x: S<...> = S::new(...)`)")


def test_deref_runs_the_users_deref_for_star_and_coercion() -> None:
    src = ("use std::ops::Deref;\nstruct W<T>(T);\nimpl<T> Deref for W<T> {\n    type Target = T;\n"
           "    fn deref(&self) -> &Self::Target { println!(\"deref\"); &self.0 }\n}\n"
           "fn show(s: &str) { println!(\"{}\", s); }\n"
           "fn main() { let w = W(String::from(\"hi\")); show(&w); let n = W(3); println!(\"{}\", *n + 1); }\n")
    assert run(src).output == "deref\nhi\nderef\n4\n"


def test_operator_impls_call_the_users_function() -> None:
    src = ("use std::ops::Add;\n#[derive(Clone, Copy)]\nstruct V(i32);\nimpl Add for V {\n    type Output = V;\n"
           "    fn add(self, o: V) -> V { println!(\"add\"); V(self.0 + o.0) }\n}\n"
           "struct K(u8);\nimpl PartialEq for K { fn eq(&self, o: &Self) -> bool { self.0 % 2 == o.0 % 2 } }\n"
           "fn main() { let v = V(1) + V(2); println!(\"{} {} {}\", v.0, K(1) == K(3), K(1) != K(2)); }\n")
    assert run(src).output == "add\n3 true true\n"


def test_add_without_output_is_refused() -> None:
    src = "use std::ops::Add;\nstruct V;\nimpl Add for V { fn add(self, o: V) -> V { V } }\nfn main() {}\n"
    assert error_of(src) == "bad.rs:3:1: not all trait items implemented, missing: `Output`"


def test_a_typed_self_parameter_is_refused_by_name() -> None:
    src = "trait State {\n    fn next(self: Box<Self>) -> Box<dyn State>;\n}\nfn main() {}\n"
    assert error_of(src) == "bad.rs:2:13: unsupported: `self: Box<Self>` (a typed self parameter)"


def test_option_of_a_trait_object_uses_the_null_niche() -> None:
    from stackvsheap.lang.types import OptionType
    from stackvsheap.lang.rust.dyn import dyn_ptr

    assert OptionType(dyn_ptr("Shape", "box")).size == 16


def test_the_heap_pane_lists_the_runs_vtables_as_static_data() -> None:
    from stackvsheap.game.session import GameSession

    s = GameSession.load("rust/dyn_vs_generic")
    lines = s.vtable_lines()
    assert [x.split(":")[0] for x in lines] == [
        "vtable for Circle as Shape", "vtable for Rect as Shape", "vtable for Point as Shape"]
    assert "size 16, align 8, drop —, area @0x" in lines[1]
