"""What the iterator pipelines, closures and Result refuse, by name, at the
construct's position (one `file:line:col` line), and the borrow errors they
keep: a value moved into a `move` closure is moved."""

from __future__ import annotations

import pytest

from stackvsheap.lang import ir
from stackvsheap.lang.rust.frontend import parse_rust


def _error(src: str) -> str:
    with pytest.raises(ir.UnsupportedError) as ei:
        parse_rust(src, "bad.rs")
    return str(ei.value)


@pytest.mark.parametrize("src, expected", [
    ("fn main() {\n    let v = vec![1];\n    let n = v.iter().skip(1).rev().count();\n}\n",
     "3:30: unsupported: `rev` after `skip`"),
    ("fn main() {\n    let s = String::from(\"a\");\n    let n = vec![1].iter().map(move |x| x + s.len() as i32)"
     ".count();\n}\n",
     "3:32: unsupported: a `move` closure that captures an owned value, other than one bound with `let`"),
    ("fn main() {\n    let s = String::from(\"a\");\n    let f = move || s.len();\n    f();\n    let n = s.len();\n}\n",
     "5:13: borrow of moved value: `s`"),
    ("fn make(n: i32) -> impl Fn(i32) -> i32 {\n    move |x| x + n\n}\nfn main() {}\n",
     "1:20: unsupported: `impl Trait` as a return type"),
    ("fn main() {\n    let v = vec![1];\n    let x = v.iter().next();\n}\n",
     "3:22: unsupported: `next` on an iterator that is not in a variable"),
    ("fn main() {\n    let v = vec![1.5];\n    let m = v.iter().max();\n}\n",
     "3:22: the trait bound `f64: Ord` is not satisfied (floats are only PartialOrd)"),
    ("fn main() {\n    let x = \"1.5\".parse::<f64>();\n}\n",
     "2:19: unsupported: `parse` into `f64` (integers, written as `parse::<i32>()`)"),
    ("fn main() {\n    let r = Ok(1);\n}\n", "2:13: unsupported: `Ok(..)` where no `Result` type is written"),
])
def test_refused_by_name(src: str, expected: str) -> None:
    assert _error(src) == "bad.rs:" + expected
