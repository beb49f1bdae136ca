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
    ("fn f() -> Option<i32> { let x: Option<i32> = None; x?; None }\nfn main() {}\n",
     "bad.rs:1:52: unsupported: the ? operator"),
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
