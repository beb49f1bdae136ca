"""User enums (layout as rustc 1.95 computes it, patterns, exhaustiveness) and
traits (`impl Trait for T`, default methods, `impl Drop`): the front end's
answers and refusals. Allocation counts and output are checked against rustc
by the differential corpus (enum_*.rs, trait_*.rs, drop_*.rs)."""

from __future__ import annotations

import pytest

from stackvsheap.lang import ir
from stackvsheap.lang.rust.enums import EnumType
from stackvsheap.lang.rust.frontend import parse_rust
from stackvsheap.lang.rust.parse import parse_crate
from stackvsheap.lang.rust.typeck import check_crate


def enum_of(src: str, name: str) -> EnumType:
    ck = check_crate(parse_crate(src + "\nfn main() {}\n", "t.rs"))
    t = ck.structs[name]
    assert isinstance(t, EnumType)
    return t


def error_of(src: str) -> str:
    with pytest.raises(ir.UnsupportedError) as ei:
        parse_rust(src, "bad.rs")
    return str(ei.value)


# size_of, and the bytes of a value, printed by a rustc 1.95 build (x86_64)
@pytest.mark.parametrize(("decl", "size", "tag_size", "niche", "offsets"), [
    ("enum List { Cons(i32, Box<List>), Nil }", 16, 4, False, ((4, 8), ())),
    ("enum Message { Quit, Move { x: i32, y: i32 }, Write(String), ChangeColor(i32, i32, i32) }",
     24, 8, True, ((), (8, 12), (0,), (8, 12, 16))),
    ("enum Coin { Penny, Nickel, Dime, Quarter }", 1, 1, False, ((), (), (), ())),
    ("enum IpAddr { V4(u8, u8, u8, u8), V6(String) }", 24, 8, True, ((8, 9, 10, 11), (0,))),
    ("enum Shape { Circle(f64), Rect(f64, f64), Tri(u8, f64) }", 24, 1, False, ((8,), (8, 16), (1, 8))),
    ("enum E { A(bool), B }", 1, 1, True, ((0,), ())),
    ("enum E { A(u8, u64), B(u16) }", 16, 1, False, ((1, 8), (2,))),
    ("enum E { A(Box<i32>), B }", 8, 8, True, ((0,), ())),
    ("enum E { A(Box<i32>), B, C }", 16, 8, False, ((8,), (), ())),
    ("enum E { A(Vec<i32>), B, C(i32) }", 24, 8, True, ((0,), (), (8,))),
    ("enum E { A(i64), B(i32), C }", 16, 4, False, ((8,), (4,), ())),
])
def test_layout_matches_rustc(decl: str, size: int, tag_size: int, niche: bool,
                              offsets: tuple[tuple[int, ...], ...]) -> None:
    name = decl.split()[1]
    t = enum_of(decl, name)
    lay = t.layout
    assert (t.size, lay.tag_size, lay.niche_variant is not None, lay.field_offsets) == \
        (size, tag_size, niche, offsets)


def test_option_of_an_enum_uses_its_niche() -> None:
    # rustc: size_of::<Option<List>>() == 16, size_of::<Option<Message>>() == 24
    src = ("enum List { Cons(i32, Box<List>), Nil }\n"
           "enum Cmd { Go(u32), Turn(Option<i32>), Stop }\n"
           "fn f(a: Option<List>, b: Option<Cmd>) {}\n")
    ck = check_crate(parse_crate(src + "fn main() {}\n", "t.rs"))
    a, b = ck.fns["f"].params
    assert (a.size, b.size) == (16, 8) and a.niche and b.niche


@pytest.mark.parametrize(("src", "expected"), [
    ("enum List {\n    Cons(i32, List),\n    Nil,\n}\nfn main() {}\n",
     "bad.rs:1:1: recursive type `List` has infinite size"),
    ("enum C { A, B, D }\nfn f(c: C) -> i32 {\n    match c {\n        C::A => 1,\n    }\n}\nfn main() {}\n",
     "bad.rs:3:11: non-exhaustive patterns: `C::B` and `C::D` not covered"),
    ("enum M { Q, W(String), X { a: i32 } }\nfn f(m: &M) -> i32 {\n    match m {\n        M::Q => 1,\n    }\n}\n"
     "fn main() {}\n", "bad.rs:3:11: non-exhaustive patterns: `M::W(_)` and `M::X { .. }` not covered"),
    ("enum C { A, B }\nfn f(c: Option<C>) -> i32 {\n    match c {\n        Some(C::A) => 1,\n        None => 0,\n"
     "    }\n}\nfn main() {}\n", "bad.rs:3:11: non-exhaustive patterns: `Some(C::B)` not covered"),
    ("enum C { A(i32, i32) }\nfn f(c: C) -> i32 {\n    match c {\n        C::A(x) => x,\n    }\n}\nfn main() {}\n",
     "bad.rs:4:9: this pattern has 1 field, but the corresponding tuple variant has 2 fields"),
    ("enum C { A, B }\nfn main() {\n    let c = C::Z;\n}\n",
     "bad.rs:3:13: no variant or associated item named `Z` found for enum `C` in the current scope"),
    ("struct S { v: String }\nimpl Drop for S {\n    fn drop(&mut self) {}\n}\n"
     "fn main() {\n    let s = S { v: String::new() };\n    let v = s.v;\n}\n",
     "bad.rs:7:15: cannot move out of type `S`, which implements the `Drop` trait"),
    ("struct S;\nimpl Drop for S {\n    fn drop(&mut self) {}\n}\nfn main() {\n    let mut s = S;\n    s.drop();\n}\n",
     "bad.rs:7:7: explicit use of destructor method (E0040): use `drop(x)` instead"),
    ("#[derive(Clone, Copy)]\nstruct S;\nimpl Drop for S {\n    fn drop(&mut self) {}\n}\nfn main() {}\n",
     "bad.rs:3:1: the trait `Copy` cannot be implemented for this type; the type has a destructor"),
    ("trait T {\n    fn a(&self);\n    fn b(&self) {}\n}\nstruct S;\nimpl T for S {\n    fn b(&self) {}\n}\nfn main() {}\n",
     "bad.rs:6:1: not all trait items implemented, missing: `a`"),
    ("use std::fmt;\nstruct S;\nimpl fmt::Debug for S {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n"
     "        Ok(())\n    }\n}\nfn main() {}\n", "bad.rs:3:1: unsupported: impl fmt::Debug for S"),
])
def test_refusals_name_the_problem(src: str, expected: str) -> None:
    assert error_of(src) == expected


# ---- assert!, assert_eq!, assert_ne! ------------------------------------------------------------

from stackvsheap.sim.run import run_program  # noqa: E402


@pytest.mark.parametrize(("body", "message"), [
    ("let a = 3;\n    assert!(a + 1 == 5);",
     "thread 'main' panicked: assertion failed: a + 1 == 5"),
    ("assert!(1 > 2, \"one is not more\");", "thread 'main' panicked: one is not more"),
    ("let v = Some(5);\n    assert_eq!(v, Some(6));",
     "thread 'main' panicked: assertion `left == right` failed\n  left: Some(5)\n right: Some(6)"),
    ("let s = String::from(\"a\\\"b\");\n    assert_eq!(s, \"ab\", \"strings\");",
     "thread 'main' panicked: assertion `left == right` failed: strings\n  left: \"a\\\"b\"\n right: \"ab\""),
    ("assert_ne!(2, 2);",
     "thread 'main' panicked: assertion `left != right` failed\n  left: 2\n right: 2"),
])
def test_assert_failures_print_as_rust_1_95(body: str, message: str) -> None:
    src = "fn main() {\n    " + body + "\n}\n"
    r = run_program(parse_rust(src, "a.rs"), "main")
    assert r.error is not None and r.error.message == message


# ---- string slices (messages printed by a rustc 1.95 build) -----------------------------------


@pytest.mark.parametrize(("body", "message"), [
    ('let s = String::from("é");\n    let t = &s[0..1];',
     "end byte index 1 is not a char boundary; it is inside 'é' (bytes 0..2) of `é`"),
    ('let s = String::from("héllo");\n    let i = 2;\n    let t = &s[i..4];',
     "start byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `héllo`"),
    ('let s = String::from("hello");\n    let i = 4;\n    let j = 2;\n    let t = &s[i..j];',
     "begin > end (4 > 2) when slicing `hello`"),
    ('let s = String::from("hello");\n    let j = 10;\n    let t = &s[1..j];',
     "end byte index 10 is out of bounds of `hello`"),
    ('let s = "hello";\n    let j = 7;\n    let t = &s[j..9];',
     "start byte index 7 is out of bounds of `hello`"),
])
def test_string_slice_panics_as_rust_1_95(body: str, message: str) -> None:
    src = "fn main() {\n    " + body + "\n    println!(\"{}\", t);\n}\n"
    r = run_program(parse_rust(src, "s.rs"), "main")
    assert r.error is not None and r.error.message == "thread 'main' panicked: " + message


# ---- RefCell borrow panics (Rust 1.95's messages, at the method) --------------------------------


@pytest.mark.parametrize(("body", "message", "pos"), [
    ("let a = c.borrow();\n    let b = c.borrow_mut();", "RefCell already borrowed", (5, 15)),
    ("let a = c.borrow_mut();\n    let b = c.borrow();", "RefCell already mutably borrowed", (5, 15)),
])
def test_refcell_borrow_panics(body: str, message: str, pos: tuple[int, int]) -> None:
    src = "use std::cell::RefCell;\nfn main() {\n    let c = RefCell::new(5);\n    " + body + "\n}\n"
    r = run_program(parse_rust(src, "r.rs"), "main")
    assert r.error is not None and r.error.message == "thread 'main' panicked: " + message
    assert tuple(r.error.pos) == pos


def test_refcell_guards_release_their_borrow() -> None:
    src = ("use std::cell::RefCell;\nfn main() {\n    let c = RefCell::new(vec![1]);\n"
           "    {\n        let a = c.borrow();\n        let b = c.borrow();\n    }\n"
           "    c.borrow_mut().push(2);\n    *c.borrow_mut() = vec![3];\n    println!(\"{:?}\", c);\n}\n")
    r = run_program(parse_rust(src, "r.rs"), "main")
    assert r.error is None and r.output == "RefCell { value: [3] }\n"


def test_stable_sort_scratch_is_on_the_stack_until_it_outgrows_4_kib() -> None:
    # driftsort's scratch: max(len - len / 2, min(len, 8 MB / size), 48) elements in a 4 KiB
    # stack array when they fit (the rule checked against rustc in vec_sort_scratch.rs)
    from stackvsheap.sim.rust.slices import driftsort_heap_scratch

    assert driftsort_heap_scratch(20, 4) == 0  # insertion sort
    assert driftsort_heap_scratch(500, 4) == 0  # 2,000 bytes: the stack array
    assert driftsort_heap_scratch(2000, 4) == 2000  # 8,000 bytes on the heap
    assert driftsort_heap_scratch(200, 24) == 200  # 4,800 > 4,096
    assert driftsort_heap_scratch(30, 24) == 0  # 48 * 24 = 1,152
    src = ("fn main() {\n    let mut v = Vec::new();\n    for i in 0..2000 {\n        v.push(2000 - i);\n    }\n"
           "    v.sort();\n    println!(\"{:?}\", v.first());\n}\n")
    r = run_program(parse_rust(src, "s.rs"), "main")
    assert r.error is None and r.output == "Some(1)\n"
