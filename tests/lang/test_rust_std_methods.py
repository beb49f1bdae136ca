"""The non-iterator std methods (lang/rust/typeck_std.py, sim/rust/text.py and
vecedit.py): their panics carry Rust 1.95's messages at the method's position
(each message and column below was checked against a rustc 1.95 debug build),
their results are std's, and what they cannot take is refused by name.
Allocation counts are checked against rustc by the corpus files
vec_remove_insert, vec_swap_extend, vec_extend_strings, str_trim_case,
str_search, str_replace_repeat, string_edit_join and char_classes."""

from __future__ import annotations

import pytest

from stackvsheap.lang import ir
from stackvsheap.lang.rust.frontend import parse_rust
from stackvsheap.sim.machine import Limits, RunError
from stackvsheap.sim.run import run_program


def _run(body: str):  # type: ignore[no-untyped-def]
    src = f"fn main() {{\n    {body}\n}}\n"
    return run_program(parse_rust(src, "t.rs"), "main", limits=Limits(max_steps=100_000))


@pytest.mark.parametrize("body, col, message", [
    ("let mut v = vec![1, 2, 3]; let x = v.remove(5); println!(\"{x}\");", 42,
     "removal index (is 5) should be < len (is 3)"),
    ("let mut v = vec![1, 2, 3]; v.insert(7, 1);", 34, "insertion index (is 7) should be <= len (is 3)"),
    ("let mut v: Vec<i32> = Vec::new(); let x = v.swap_remove(0); println!(\"{x}\");", 49,
     "swap_remove index (is 0) should be < len (is 0)"),
    ("let mut s = String::from(\"é\"); s.insert(1, 'x');", 38, "assertion failed: self.is_char_boundary(idx)"),
    ("let mut s = String::from(\"ab\"); let c = s.remove(2); println!(\"{c}\");", 47,
     "cannot remove a char from the end of a string"),
    ("let mut s = String::from(\"aé\"); s.truncate(2);", 39, "assertion failed: self.is_char_boundary(new_len)"),
    ("let mut v = vec![1, 2]; v.swap(0, 3);", 31, "index out of bounds: the len is 2 but the index is 3"),
    ("let mut s = String::from(\"aé\"); let c = s.remove(2); println!(\"{c}\");", 47,
     "start byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `aé`"),
])
def test_panics_match_rustc(body: str, col: int, message: str) -> None:
    r = _run(body)
    assert isinstance(r.error, RunError)
    assert r.error.message == f"thread 'main' panicked: {message}"
    assert r.error.pos == (2, col)


@pytest.mark.parametrize("body, printed", [
    ("let s = \"\\u{3000} x\\t\\n\"; println!(\"[{}]\", s.trim());", "[x]\n"),  # Unicode White_Space
    ("let s = \"\\u{1c}x\"; println!(\"{}\", s.trim().len());", "2\n"),  # U+001C is not whitespace in Rust
    ("println!(\"{}\", \"ὈΔΥΣΣΕΎΣ\".to_lowercase());", "ὀδυσσεύς\n"),  # final sigma
    ("println!(\"{:?} {:?}\", \"héllo\".find('l'), \"héllo\".rfind(\"l\"));", "Some(3) Some(4)\n"),  # bytes
    ("println!(\"{}\", \"abc\".replace(\"\", \"-\"));", "-a-b-c-\n"),
    ("let mut s = String::from(\"añb\"); let c = s.pop(); let d = s.pop(); println!(\"{:?} {:?} {s}\", c, d);",
     "Some('b') Some('ñ') a\n"),
    ("let v: Vec<String> = Vec::new(); println!(\"[{}]\", v.join(\",\"));", "[]\n"),
    ("println!(\"{} {}\", \"Straße\".eq_ignore_ascii_case(\"STRAßE\"), 'Z'.is_digit(36));", "true true\n"),
])
def test_results_are_std_results(body: str, printed: str) -> None:
    r = _run(body)
    assert r.error is None, r.error
    assert r.output == printed


def test_trim_borrows_the_same_bytes() -> None:
    r = _run("let s = String::from(\"  hi  \"); let t = s.trim(); println!(\"{t}\");")
    assert r.error is None
    assert r.totals.heap_allocs == 2  # the String and stdout's buffer: trim allocates nothing


@pytest.mark.parametrize("body, message", [
    ("let s = \"a b\"; let n = s.contains(|c: char| c == ' ');", "unsupported: a closure as a string pattern"),
    ("let mut v = vec![P]; let w = [P]; v.extend_from_slice(&w);",
     "3:41: the method `extend_from_slice` exists for struct `Vec<P>`, but its trait bounds were not satisfied"),
])
def test_refused_by_name(body: str, message: str) -> None:
    with pytest.raises(ir.UnsupportedError) as ei:
        parse_rust(f"struct P;\nfn main() {{\n    {body}\n}}\n", "t.rs")
    assert message in str(ei.value)


def test_assert_eq_on_vecs_fails_with_rusts_message() -> None:
    r = _run("let v = vec![1, 2, 3];\n    assert_eq!(v, vec![1, 2, 4]);")
    assert isinstance(r.error, RunError)
    assert r.error.message == ("thread 'main' panicked: assertion `left == right` failed\n"
                               "  left: [1, 2, 3]\n right: [1, 2, 4]")
