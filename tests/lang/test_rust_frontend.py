"""The Rust front end: parsing, inference, ownership lowering, errors, sites.

Allocation counts of the snippets and corpus against the real rustc are
tests/differential/test_rust_differential.py; here:

* the shape of the lowered IR (drops in reverse declaration order, drop
  flags for conditional moves, assignment drops the old value after the new
  one is computed, moved-from bindings are not dropped);
* type inference (literal defaults, `Vec::new()` from a later `push`,
  `collect::<Vec<_>>()`, closure parameters);
* compile errors worded like rustc, at rustc's `line:col` (each message and
  position below was checked against rustc 1.95 with --error-format=short);
* panics with Rust's messages;
* more programs whose allocator calls and output were measured with rustc
  1.95 (debug build, counting global allocator), beyond the corpus;
* robustness: random mutations of the snippets give a trace, an
  UnsupportedError or a RunError, never another exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackvsheap.lang import ir
from stackvsheap.lang.rust.frontend import parse_rust
from stackvsheap.lang.types import RUST_INTS, OptionType, PtrType, SliceType
from stackvsheap.sim.machine import Limits, RunError
from stackvsheap.sim.run import RunResult, run_program

ROOT = Path(__file__).resolve().parents[2]
# (a snippet whose lesson is a compile error, `// error:`, is tested in the differential suite)
SNIPPETS = [p for p in sorted((ROOT / "assets" / "snippets" / "rust").glob("*.rs"))
            if "\n// error: " not in p.read_text(encoding="utf-8")]
CORPUS = sorted((ROOT / "tests" / "differential" / "rust" / "corpus").glob("*.rs"))
ALL_FILES = SNIPPETS + CORPUS
I32 = RUST_INTS["i32"]
I64 = RUST_INTS["i64"]
U8 = RUST_INTS["u8"]
USIZE = RUST_INTS["usize"]


# ---- helpers --------------------------------------------------------------------------


def prog(src: str) -> ir.Program:
    return parse_rust(src, "t.rs")


def run(src: str, entry: str | None = None) -> RunResult:
    return run_program(prog(src), entry, limits=Limits(max_steps=2_000_000))


def error_of(src: str, file: str = "bad.rs") -> ir.UnsupportedError:
    with pytest.raises(ir.UnsupportedError) as ei:
        parse_rust(src, file)
    return ei.value


def walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        d = getattr(n, "__dict__", None)
        if d is None or isinstance(n, ir.FuncLit):
            continue
        for v in reversed(list(d.values())):
            if isinstance(v, (ir.Expr, ir.Stmt)):
                stack.append(v)
            elif isinstance(v, list):
                stack.extend(reversed([x for x in v if isinstance(x, (ir.Expr, ir.Stmt))]))


def fn(p: ir.Program, name: str) -> ir.Func:
    return p.funcs[name]


def local(f: ir.Func, name: str) -> ir.Var:
    return [v for v in f.params + f.locals if v.name == name][-1]


def drops(f: ir.Func) -> list[str]:
    """Names of the variables dropped, in program order."""
    out = []
    for n in walk(f.body):
        if isinstance(n, ir.Drop) and isinstance(n.place, ir.VarRef):
            out.append(n.place.var.name)
    return out


def totals(r: RunResult) -> tuple[int, int, int, int, str]:
    t = r.totals
    return (t.heap_allocs, t.heap_reallocs, t.heap_frees, t.heap_bytes, r.output)


# ---- parsing and sites ------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_parses_snippets_and_corpus(path: Path) -> None:
    p = parse_rust(path.read_text(encoding="utf-8"), path.name)
    assert p.language == "rust"
    assert "main" in p.funcs
    assert all(isinstance(f, ir.Func) for f in p.all_funcs)
    for s in p.sites:
        assert s.kind in ("var", "expr")
        assert s.line >= 1 and s.col >= 1
        assert s.reason
        if s.kind == "var":
            assert s.placement == "stack"  # Rust never moves a local to the heap
        else:
            assert s.placement == "heap"


def test_sites_for_bindings_and_allocating_expressions() -> None:
    source = (ROOT / "assets/snippets/rust/create_vec.rs").read_text()
    line = next(i for i, l in enumerate(source.splitlines(), 1) if "vec![0i64; 1000]" in l)
    p = parse_rust(source, "create_vec.rs")
    got = [(s.line, s.col, s.kind, s.name or s.expr) for s in p.sites]
    assert (line, 13, "var", "v") in got
    assert (line, 17, "expr", "vec![0i64; 1000]") in got
    v = next(s for s in p.sites if s.name == "v" and s.line == line)
    assert "1000 elements" in v.reason and "stack" in v.reason and "heap" in v.reason


def test_sites_name_every_kind_of_heap_allocation() -> None:
    src = """use std::rc::Rc;
fn f() -> usize {
    let a = Box::new(5i64);
    let b = vec![1, 2, 3];
    let c: Vec<u8> = (0..4).collect();
    let d = String::from("hi");
    let e = "x".to_string();
    let g = Rc::new(1u8);
    let h = b.clone();
    let mut k = Vec::with_capacity(8);
    k.push(1);
    let z = Box::new(());
    let empty = String::from("");
    *a as usize + h.len() + c.len() + d.len() + e.len() + *g as usize + k.len() + empty.len()
}
fn main() { f(); }
"""
    p = prog(src)
    exprs = {(s.line, s.col): s.expr for s in p.sites if s.kind == "expr"}
    assert exprs[(3, 13)] == "Box::new(5i64)"
    assert exprs[(4, 13)] == "vec![1, 2, 3]"
    assert exprs[(5, 22)] == "(0..4).collect()"
    assert exprs[(6, 13)] == 'String::from("hi")'
    assert exprs[(7, 13)] == '"x".to_string()'
    assert exprs[(8, 13)] == "Rc::new(1u8)"
    assert exprs[(9, 13)] == "b.clone()"
    assert exprs[(10, 17)] == "Vec::with_capacity(8)"
    assert exprs[(11, 5)] == "k.push(1)"
    # zero-sized and empty: nothing allocated, no heap site
    assert (12, 13) not in exprs and (13, 17) not in exprs
    names = [s.name for s in p.sites if s.kind == "var"]
    assert names == ["a", "b", "c", "d", "e", "g", "h", "k", "z", "empty"]


# ---- type inference ------------------------------------------------------------------


def test_integer_literals_default_to_i32_unless_used_otherwise() -> None:
    p = prog("""fn f() -> i64 {
    let a = 1;
    let b = 2;
    let c = a + b;
    let d = 7;
    let x: i64 = c;
    let _ = d;
    x
}
fn main() { f(); }
""")
    f = fn(p, "f")
    assert local(f, "a").ty == I64 and local(f, "c").ty == I64
    assert local(f, "d").ty == I32


def test_vec_element_type_from_a_later_push_and_collect() -> None:
    p = prog("""fn f() -> usize {
    let mut v = Vec::new();
    for i in 0..3u8 { v.push(i); }
    let w = v.iter().map(|x| *x as u64).collect::<Vec<_>>();
    let mut grid = Vec::new();
    let mut row = Vec::new();
    row.push(1);
    grid.push(row);
    let g: Vec<Vec<i16>> = grid;
    v.len() + w.len() + g.len()
}
fn main() { f(); }
""")
    f = fn(p, "f")
    assert local(f, "v").ty == SliceType(U8, "vec")
    assert local(f, "w").ty == SliceType(RUST_INTS["u64"], "vec")
    assert local(f, "row").ty == SliceType(RUST_INTS["i16"], "vec")


def test_closure_parameters_take_the_adapters_item_types() -> None:
    p = prog("""fn f() -> i64 {
    let v = vec![1i64, 2];
    v.iter().map(|x| *x * 2).filter(|y| *y > 2).sum()
}
fn main() { f(); }
""")
    chain = next(n for n in walk(fn(p, "f").body) if isinstance(n, ir.Intrinsic) and n.name == "iter_chain")
    closures = [a for a in chain.args if isinstance(a, ir.FuncLit)]
    assert [c.func.params[0].ty for c in closures] == [PtrType(I64, "ref"), PtrType(I64, "ref")]
    assert chain.extra.adapters == ["map", "filter"] and chain.extra.terminal == "sum"
    assert not chain.extra.trusted_len


def test_option_box_uses_the_null_niche() -> None:
    p = prog("""struct Node { v: i32, next: Option<Box<Node>> }
fn f() -> i32 { let n = Node { v: 1, next: None }; n.v }
fn main() { f(); }
""")
    t = local(fn(p, "f"), "n").ty
    assert t.size == 16
    nt = t.fields[1][1]
    assert isinstance(nt, OptionType) and nt.niche and nt.size == 8


# ---- ownership lowering ------------------------------------------------------------------


def test_drops_in_reverse_declaration_order_and_not_for_moved_bindings() -> None:
    p = prog("""fn take(v: Vec<u8>) -> usize { v.len() }
fn f() -> usize {
    let a = vec![1u8];
    let b = vec![2u8];
    let c = vec![3u8];
    let n = take(b);
    n + a.len() + c.len()
}
fn main() { f(); }
""")
    assert drops(fn(p, "f")) == ["c", "a"]
    assert drops(fn(p, "take")) == ["v"]


def test_conditional_move_gets_a_drop_flag() -> None:
    p = prog("""fn f(c: bool) -> usize {
    let s = String::from("x");
    if c { drop(s); }
    0
}
fn main() { f(true); }
""")
    f = fn(p, "f")
    flag_ifs = [n for n in walk(f.body) if isinstance(n, ir.If) and isinstance(n.cond, ir.VarRef)
                and "drop flag" in n.cond.var.name]
    assert len(flag_ifs) == 1
    assert isinstance(flag_ifs[0].then.stmts[0], ir.Drop)


def test_assignment_drops_the_old_value_after_computing_the_new_one() -> None:
    p = prog("""fn f() -> usize {
    let mut v = vec![1u8];
    v = vec![2u8, 3];
    v.len()
}
fn main() { f(); }
""")
    stmts = [s for s in fn(p, "f").body.stmts]
    kinds = [type(s).__name__ for s in stmts]
    i = kinds.index("Drop")
    assert kinds[i - 1] == "Decl" and kinds[i + 1] == "Assign"
    assert isinstance(stmts[i - 1].init, ir.Intrinsic) and stmts[i - 1].init.name == "vec_lit"


def test_partial_move_out_of_a_box_frees_the_box_only() -> None:
    src = """struct Node { v: i64, next: Option<Box<Node>> }
fn f() -> i64 {
    let a = Box::new(Node { v: 1, next: None });
    let b = Box::new(Node { v: 2, next: Some(a) });
    let rest = b.next;
    let v = b.v;
    v + match rest { Some(n) => n.v, None => 0 }
}
fn main() { println!("{}", f()); }
"""
    frees = [n for n in walk(fn(prog(src), "f").body)
             if isinstance(n, ir.Intrinsic) and n.name == "box_free"]
    assert len(frees) == 1
    r = run(src, "f")
    assert r.error is None and totals(r)[:3] == (2, 0, 2)


def test_shadowed_bindings_live_to_the_end_of_the_scope() -> None:
    r = run("""fn f() -> usize {
    let v = vec![1u8; 8];
    let v = vec![2u8; v.len() * 2];
    v.len()
}
fn main() {}
""", "f")
    assert totals(r)[:4] == (2, 0, 2, 24)


def test_long_list_drop_does_not_recurse() -> None:
    r = run("""struct Node { v: u32, next: Option<Box<Node>> }
fn f() -> u32 {
    let mut head: Option<Box<Node>> = None;
    let mut i = 0;
    while i < 30000 {
        head = Some(Box::new(Node { v: i, next: head }));
        i += 1;
    }
    match &head { Some(n) => n.v, None => 0 }
}
fn main() {}
""", "f")
    assert r.error is None
    assert totals(r)[:4] == (30000, 0, 30000, 480000)


# ---- errors like rustc ------------------------------------------------------------------


@pytest.mark.parametrize(
    "src, expected",
    [
        ("fn main() {\n    let v = vec![1];\n    let w = v;\n    println!(\"{} {}\", v.len(), w.len());\n}\n",
         "4:23: borrow of moved value: `v`"),
        ("fn main() {\n    let x = 5;\n    x = 6;\n    println!(\"{}\", x);\n}\n",
         "3:5: cannot assign twice to immutable variable `x`"),
        ("fn main() {\n    let x: i32 = \"a\";\n}\n", "2:18: mismatched types: expected `i32`, found `&str`"),
        ("fn main() {\n    let v = Vec::new();\n    v.push(1);\n}\n",
         "3:5: cannot borrow `v` as mutable, as it is not declared as mutable"),
        ("fn take(v: Vec<i32>) {}\nfn main() {\n    let v = vec![1];\n    take(v);\n    take(v);\n}\n",
         "5:10: use of moved value: `v`"),
        ("fn main() {\n    let b = Box::new(1);\n    let c = b;\n    let d = *b;\n}\n",
         "4:13: use of moved value: `b`"),
        ("fn main() {\n    let v = vec![String::from(\"a\")];\n    let s = v[0];\n}\n",
         "3:13: cannot move out of index of `Vec<String>`"),
        ("fn main() {\n    let x = 1;\n    let y = x + \"a\";\n}\n", "3:15: cannot add `&str` to `{integer}`"),
        ("fn f() -> i32 { \"x\" }\nfn main() {}\n", "1:17: mismatched types: expected `i32`, found `&str`"),
        ("fn main() {\n    let s = String::from(\"a\");\n    for i in 0..2 {\n        drop(s);\n    }\n}\n",
         "4:14: use of moved value: `s`"),
        ("fn main() {\n    let o: Option<i32> = Some(1);\n    match o {\n        Some(x) => {}\n    }\n}\n",
         "3:11: non-exhaustive patterns: `None` not covered"),
        ("fn main() {\n    let x = undefined_name + 1;\n}\n", "2:13: cannot find value `undefined_name` in this scope"),
    ],
)
def test_compile_errors_like_rustc(src: str, expected: str) -> None:
    assert str(error_of(src)) == "bad.rs:" + expected


@pytest.mark.parametrize(
    "src, expected",
    [
        ("mod m {}\nfn main() {}\n", "1:1: unsupported: module"),
        ("trait T<X> {}\nfn main() {}\n", "1:8: unsupported: generic trait"),
        ("use std::thread;\nfn main() {}\n",
         "1:1: unsupported: threads (`thread::spawn`): the simulator runs one thread"),
        ("fn main() {\n    let h = std::thread::spawn(|| 1);\n}\n",
         "2:13: unsupported: threads (`thread::spawn`): the simulator runs one thread"),
        ("enum E<T> { A(T) }\nfn main() {}\n", "1:7: unsupported: generics"),
        ("use std::collections::BTreeMap;\nfn main() {}\n", "1:1: unsupported: use of `std::collections::BTreeMap`"),
        ("fn main() {\n    unsafe { }\n}\n", "2:5: unsupported: unsafe"),
        ("fn main() {\n    let v = vec![1];\n    let x = v.iter().peekable().count();\n}\n",
         "3:22: unsupported: iterator method `peekable`"),
        ("fn main() {\n    let v = vec![1];\n    let x = v.iter().step_by(1).rev().count();\n}\n",
         "3:33: unsupported: `rev` after `step_by`"),
        ("fn main() {\n    let v = concat!(\"{}\", 1);\n}\n", "2:13: unsupported: macro `concat!`"),
        ("fn main() {\n    let v = format!(\"{:x?}\", 1);\n}\n",
         "2:21: unsupported: format spec `{:x?}` (hexadecimal Debug)"),
        ("fn main() {\n    let v = format!(\"{:>1$}\", 1, 5);\n}\n",
         "2:21: unsupported: format spec `{:>1$}` (a width or precision taken from an argument)"),
        ("fn f() -> i32 { let x = Some(1)?; x }\nfn main() {}\n", "1:25: unsupported: the ? operator"),
        ("fn g() -> Result<i32, u8> { Ok(1) }\nfn f() -> Option<i32> { let x = g()?; Some(x) }\nfn main() {}\n",
         "2:33: unsupported: the ? operator on `Result<i32, u8>` in a function that returns `Option`"),
        ("fn f() -> Option<i32> { let r = Ok(1); None }\nfn main() {}\n",
         "1:33: unsupported: `Ok(..)` where no `Result` type is written"),
        ("fn main() {\n    let x = 1\n    let y = 2;\n}\n", "2:14: syntax error: expected `;`"),
    ],
)
def test_unsupported_constructs_and_syntax_errors(src: str, expected: str) -> None:
    assert str(error_of(src)) == "bad.rs:" + expected


def test_errors_carry_file_line_col() -> None:
    e = error_of("fn main() {\n    let a = ;\n}\n", "dir/x.rs")
    assert str(e).startswith("dir/x.rs:2:")
    assert e.pos[0] == 2


# ---- panics ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, message",
    [
        ("let v = vec![1, 2, 3];\n    let i = 5;\n    v[i]",
         "thread 'main' panicked: index out of bounds: the len is 3 but the index is 5"),
        ("let o: Option<i32> = None;\n    o.unwrap()", "thread 'main' panicked: called `Option::unwrap()` on a `None` value"),
        ("let x: i32 = i32::MAX;\n    x + 1", "thread 'main' panicked: attempt to add with overflow"),
        ("let d = 0;\n    10 / d", "thread 'main' panicked: attempt to divide by zero"),
        ("let v: Vec<i32> = Vec::new();\n    let o = v.first();\n    *o.expect(\"empty list\")", "thread 'main' panicked: empty list"),
    ],
)
def test_panics_are_run_errors_with_rusts_message(body: str, message: str) -> None:
    r = run(f"fn f() -> i32 {{\n    {body}\n}}\nfn main() {{}}\n", "f")
    assert isinstance(r.error, RunError)
    assert r.error.message == message
    assert r.error.pos[0] >= 2


# ---- more programs, measured with rustc 1.95 --------------------------------------------
# (allocs + alloc_zeroed, reallocs, deallocs, bytes requested, stdout) of one
# call of the function, as tests/differential/rust_oracle.py measures them (a program
# that prints counts stdout's 1,024-byte buffer, allocated by its first print).

RUSTC_PROGRAMS = {
    'arrays': (
        (6, 0, 6, 83, ''),
        r'''fn arrays() -> i64 {
    let mut grid = [[0i64; 8]; 8];
    for i in 0..8 { for j in 0..8 { grid[i][j] = (i * j) as i64; } }
    let flat: Vec<i64> = grid.iter().map(|row| row[3]).collect();
    let boxes = [Box::new(1), Box::new(2)];
    let mut s = 0;
    for b in boxes { s += *b; }
    let strs = [String::from("a"), String::from("b"), String::from("c")];
    let n: usize = strs.iter().map(|x| x.len()).sum();
    let sl = &flat[2..5];
    s + flat.iter().sum::<i64>() + n as i64 + sl.len() as i64
}
''',
    ),
    'casts': (
        (1, 0, 0, 1024, '44 4294967295 3 0 65 B 1 0 9223372036854775807 2147483648 3 -3 -1 0.5\n'),
        r'''fn casts() -> i64 {
    let a = 300i32 as u8;
    let b = -1i64 as u32;
    let c = 3.99f64 as i32;
    let d = -3.99f64 as u8;
    let e = 'A' as u32;
    let f = 66u8 as char;
    let g = true as i32;
    let h = (1u64 << 40) as i32;
    let i = 1e20 as i64;
    let j = i32::MAX as i64 + 1;
    let k = 7 / 2;
    let l = -7 / 2;
    let m = -7 % 3;
    let n = 2.5f64 % 1.0;
    println!("{} {} {} {} {} {} {} {} {} {} {} {} {} {}", a, b, c, d, e, f, g, h, i, j, k, l, m, n);
    a as i64 + c as i64
}
''',
    ),
    'chain': (
        (14, 1, 14, 428, ''),
        r'''fn chain() -> usize {
    let words = vec![String::from("apple"), String::from("kiwi"), String::from("banana"), String::from("fig")];
    let long: Vec<&String> = words.iter().filter(|w| w.len() > 3).collect();
    let lens: Vec<usize> = words.iter().map(|w| w.len()).filter(|n| *n % 2 == 0).collect();
    let upper: Vec<String> = words.iter().map(|w| w.clone()).collect();
    let nums: Vec<u64> = (0..50u64).filter(|x| x % 7 == 0).map(|x| x * x).collect();
    let pairs: Vec<(i32, i32)> = (0..5).map(|i| (i, i * i)).collect();
    let n = words.iter().filter(|w| w.len() == 4).count();
    let s: u64 = nums.iter().sum();
    let big: Vec<i32> = pairs.into_iter().map(|p| p.1).collect();
    long.len() + lens.len() + upper.len() + nums.len() + n + s as usize + big.len()
}
''',
    ),
    'closures': (
        (7, 4, 7, 230, ''),
        r'''fn closures() -> i64 {
    let base = 10;
    let scale = Box::new(3i64);
    let v: Vec<i64> = (0..20).map(|x| x * base + *scale).filter(|x| x % 3 == 0).collect();
    let s: i64 = v.iter().map(|x| *x + base).sum();
    let words = vec![String::from("a"), String::from("bb"), String::from("ccc")];
    let lens: Vec<usize> = words.iter().map(|w| w.len() * 2).collect();
    let owned: Vec<String> = words.into_iter().map(|w| w + "!").collect();
    s + lens.len() as i64 + owned.len() as i64
}
''',
    ),
    'closures2': (
        (5, 0, 5, 48, ''),
        r'''fn closures2() -> i32 {
    let add = |a: i32, b: i32| a + b;
    let mut count = 0;
    let mut inc = || count += 1;
    inc();
    inc();
    let base = vec![1, 2, 3];
    let scaled: Vec<i32> = base.iter().map(|x| {
        let factor = base.len() as i32;
        let tmp = vec![*x; 2];
        tmp[0] * factor
    }).collect();
    let outer = 5;
    let nested: i32 = (0..3).map(|i| (0..i).map(|j| j + outer).sum::<i32>()).sum();
    add(1, 2) + count + scaled[2] + nested
}
''',
    ),
    'cond_move': (
        (9, 0, 9, 107, ''),
        r'''fn consume(v: Vec<i64>) -> usize { v.len() }
fn cond_move() -> usize {
    let mut total = 0;
    for i in 0..4 {
        let v = vec![i; 3];
        let w = vec![1u8; 2];
        if i % 2 == 0 {
            total += consume(v);
        }
        total += w.len();
    }
    let a = String::from("abc");
    let b = if total > 3 { a } else { String::from("zz") };
    total + b.len()
}
''',
    ),
    'conditional_init': (
        (2, 0, 2, 14, ''),
        r'''fn conditional_init() -> usize {
    let s;
    let n = 3;
    if n > 2 { s = String::from("big"); } else { s = String::from("small!"); }
    let mut v: Vec<String> = Vec::new();
    let t = String::from("moved maybe");
    for i in 0..3 {
        if i == 5 { v.push(t.clone()); }
    }
    let u;
    if v.is_empty() { u = t; } else { u = String::new(); }
    s.len() + u.len() + v.len()
}
''',
    ),
    'copy_structs': (
        (2, 0, 1, 1072, 'V2 { x: 3.0, y: 6.0 } 9\n'),
        r'''#[derive(Clone, Copy, Debug, PartialEq)]
struct V2 { x: f64, y: f64 }
impl V2 {
    fn add(self, o: V2) -> V2 { V2 { x: self.x + o.x, y: self.y + o.y } }
    fn len2(&self) -> f64 { self.x * self.x + self.y * self.y }
}
struct Grid { cells: [u8; 16], w: usize }
impl Grid {
    fn set(&mut self, x: usize, y: usize, v: u8) { self.cells[y * self.w + x] = v; }
    fn get(&self, x: usize, y: usize) -> u8 { self.cells[y * self.w + x] }
}
fn copy_structs() -> f64 {
    let a = V2 { x: 1.0, y: 2.0 };
    let b = a;
    let c = a.add(b).add(a);
    let mut g = Grid { cells: [0; 16], w: 4 };
    g.set(1, 2, 9);
    let pts = vec![a, b, c];
    let total: f64 = pts.iter().map(|p| p.len2()).sum();
    println!("{:?} {}", c, g.get(1, 2));
    total + g.get(1, 2) as f64 + c.len2().sqrt()
}
''',
    ),
    'early_return': (
        (13, 0, 13, 228, ''),
        r'''fn pick(n: i32) -> Vec<i32> {
    let a = vec![1, 2, 3];
    let b = vec![4; 10];
    if n > 2 {
        return b;
    }
    let c = Box::new(n);
    if n == 1 {
        return a;
    }
    vec![*c]
}
fn early_return() -> usize {
    let mut t = 0;
    for i in 0..4 {
        t += pick(i).len();
    }
    t
}
''',
    ),
    'inplace': (
        (9, 0, 9, 380, ''),
        r'''fn inplace() -> usize {
    let a: Vec<u64> = (0..10).collect();
    let b: Vec<i64> = a.into_iter().map(|x| x as i64 * 2).collect();
    let c: Vec<(i64, i64)> = (0..6).map(|x| (x, x)).collect();
    let d: Vec<i64> = c.into_iter().map(|p| p.0 + p.1).collect();
    let e: Vec<i32> = b.clone().into_iter().map(|x| x as i32).collect();
    let f: Vec<u8> = vec![1u8, 2, 3, 4, 5, 6, 7, 8, 9].into_iter().filter(|x| *x > 3).collect();
    let g: Vec<String> = vec![String::from("x"); 3].into_iter().collect();
    b.len() + d.len() + d.capacity() + e.len() + f.capacity() + g.len()
}
''',
    ),
    'ints': (
        (3, 0, 2, 1047, '-2 -3 15 2147483648 255 -6 11 1007 true Q true true\n'),
        r'''fn ints() -> i64 {
    let a: i64 = -17;
    let b = a % 5;
    let c = a / 5;
    let d = (a as u64) >> 60;
    let e = 1u32 << 31;
    let f = !0u8;
    let g = !5i32;
    let h = 0b1010 & 0b0110 | 0b0001 ^ 0b1000;
    let i = a.abs() + 2i64.pow(10) + a.min(3) + a.max(-100);
    let ch = 'q';
    let is_lower = ch >= 'a' && ch <= 'z';
    let up = (ch as u8 - 32) as char;
    let s = String::from("abc");
    let eq = s == "abc";
    let ne = "x" != "y";
    println!("{} {} {} {} {} {} {} {} {} {} {} {}", b, c, d, e, f, g, h, i, is_lower, up, eq, ne);
    let mut j = 0;
    let v = vec![3, 2, 1, 0, 5];
    while j < v.len() && v[j] > 0 { j += 1; }
    b + c + h + i + j as i64
}
''',
    ),
    'labeled': (
        (61, 0, 61, 548, ''),
        r'''fn labeled() -> i32 {
    let mut found = Vec::new();
    let r = 'search: loop {
        for i in 0..10 {
            let b = Box::new(i);
            for j in 0..10 {
                let v = vec![i; 2];
                if i * j == 42 { found.push(v); break 'search i + j; }
                if j > i + 3 { break; }
            }
            if *b > 8 { break 'search -1; }
        }
    };
    r + found.len() as i32
}
''',
    ),
    'list_take': (
        (20, 0, 20, 320, ''),
        r'''struct Node { val: i32, next: Option<Box<Node>> }
struct Stack { head: Option<Box<Node>>, len: usize }
impl Stack {
    fn new() -> Self { Self { head: None, len: 0 } }
    fn push(&mut self, v: i32) {
        let old = self.head.take();
        self.head = Some(Box::new(Node { val: v, next: old }));
        self.len += 1;
    }
    fn pop(&mut self) -> Option<i32> {
        match self.head.take() {
            Some(node) => { self.head = node.next; self.len -= 1; Some(node.val) }
            None => None,
        }
    }
}
fn list_take() -> i32 {
    let mut s = Stack::new();
    for i in 0..20 { s.push(i); }
    let mut t = 0;
    while let Some(v) = s.pop() { if v < 5 { break; } t += v; }
    t + s.len as i32
}
''',
    ),
    'loop_returns': (
        (69, 0, 69, 348, ''),
        r'''fn search(target: i32) -> Option<Vec<i32>> {
    let outer = vec![0; 3];
    for i in 0..5 {
        let row = vec![i; 2];
        let mut j = 0;
        loop {
            let cell = Box::new(i * 10 + j);
            if *cell == target { return Some(row); }
            if j > 3 { break; }
            j += 1;
        }
        if i == 4 { return None; }
    }
    let _unused = outer.len();
    None
}
fn loop_returns() -> usize {
    let a = search(12);
    let b = search(99);
    let c = search(40);
    (match a { Some(v) => v.len(), None => 0 }) + b.is_none() as usize + c.unwrap().len()
}
''',
    ),
    'loops': (
        (35, 0, 35, 462, ''),
        r'''fn loops() -> i64 {
    let mut total = 0i64;
    'outer: for i in 0..5 {
        let row = vec![i; 4];
        for j in 0..5 {
            let b = Box::new(j);
            if *b == 3 { continue 'outer; }
            if i == 4 { break 'outer; }
            total += row[0] + *b;
        }
    }
    let mut k = 0;
    let found = loop {
        k += 1;
        let s = String::from("xy");
        if k == 3 { break s.len() as i64 + k; }
    };
    let mut n = 0;
    while n < 10 {
        n += 1;
        let v = vec![n; 2];
        if n % 3 == 0 { continue; }
        total += v[1];
    }
    total + found
}
''',
    ),
    'match_move': (
        (4, 0, 4, 59, ''),
        r'''fn find(i: i64) -> Option<Box<i64>> { if i % 2 == 0 { Some(Box::new(i)) } else { None } }
fn match_move() -> i64 {
    let mut total = 0;
    let maybe = find(4);
    match maybe {
        Some(b) if *b > 10 => total += *b,
        Some(b) => total += *b * 2,
        None => total += 1,
    }
    let other = find(3);
    if let Some(x) = other { total += *x; } else { total += 100; }
    let v: Option<Vec<String>> = Some(vec![String::from("a"), String::from("bc")]);
    let n = match &v { Some(list) => list.len(), None => 0 };
    let m = match v { Some(list) => list.len() + 1, None => 0 };
    total + n as i64 + m as i64
}
''',
    ),
    'match_return': (
        (8, 0, 8, 103, ''),
        r'''fn first_len(v: &Vec<String>) -> usize {
    let s = match v.first() { Some(x) => x.clone(), None => return 0 };
    s.len()
}
fn scan(items: Vec<Option<Box<i32>>>) -> i32 {
    let mut total = 0;
    for it in items {
        let x = match it { Some(b) => *b, None => continue };
        if x > 100 { break; }
        total += x;
    }
    total
}
fn match_return() -> usize {
    let v = vec![String::from("hello"), String::from("x")];
    let e: Vec<String> = Vec::new();
    let items = vec![Some(Box::new(1)), None, Some(Box::new(200)), Some(Box::new(3))];
    first_len(&v) + first_len(&e) + scan(items) as usize
}
''',
    ),
    'maybe_moved': (
        (18, 0, 18, 120, ''),
        r'''fn eat(s: String) -> usize { s.len() }
fn maybe_moved() -> usize {
    let mut total = 0;
    for i in 0..6 {
        let a = String::from("aaaa");
        let b = vec![i; 3];
        let c = Box::new(i);
        match i % 3 {
            0 => total += eat(a),
            1 => { drop(b); total += 1; }
            _ => { let d = c; total += *d as usize; }
        }
        total += 1;
    }
    total
}
''',
    ),
    'methods_more': (
        (7, 0, 7, 105, ''),
        r'''struct Counter { hits: Vec<u32>, name: String }
impl Counter {
    fn new(name: &str) -> Counter { Counter { hits: Vec::new(), name: String::from(name) } }
    fn hit(&mut self, n: u32) -> &mut Counter { self.hits.push(n); self }
    fn total(&self) -> u32 { self.hits.iter().sum() }
    fn rename(&mut self, s: String) { self.name = s; }
    fn take_hits(&mut self) -> Vec<u32> { let mut out = Vec::new(); while let Some(h) = self.hits.pop() { out.push(h); } out }
}
fn methods_more() -> u32 {
    let mut c = Counter::new("c");
    c.hit(1).hit(2).hit(3);
    c.rename(String::from("renamed"));
    let t = c.total();
    let h = c.take_hits();
    let mut boxed = Box::new(Counter::new("b"));
    boxed.hit(7);
    let bt = boxed.total();
    t + h.len() as u32 + bt + c.name.len() as u32
}
''',
    ),
    'misc': (
        (13, 0, 12, 1234, '5 26 ["origin", "axis", "diagonal", "plane"]\n'),
        r'''struct Inv { items: Vec<String> }
impl Inv {
    fn first(&self) -> &String { &self.items[0] }
    fn first_len(&self) -> usize { self.first().len() }
}
fn fib(n: u64) -> u64 { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
fn classify(a: i32, b: i32) -> &'static str {
    match (a, b) {
        (0, 0) => "origin",
        (0, _) | (_, 0) => "axis",
        (x, y) if x == y => "diagonal",
        _ => "plane",
    }
}
fn drain(mut v: Vec<Box<i32>>) -> i32 {
    let mut t = 0;
    while let Some(b) = v.pop() {
        if *b == 3 { return t; }
        t += *b;
    }
    t
}
fn misc() -> u64 {
    let inv = Inv { items: vec![String::from("alpha"), String::from("b")] };
    let n = inv.first_len();
    let mut grid = vec![vec![0i32; 3]; 3];
    for i in 0..3 { for j in 0..3 { grid[i][j] = (i * 3 + j) as i32; } }
    let labels = [classify(0, 0), classify(0, 5), classify(2, 2), classify(1, 2)];
    let mut total_len = 0;
    for l in labels.iter() { total_len += l.len(); }
    let d = drain(vec![Box::new(1), Box::new(3), Box::new(4), Box::new(5)]);
    if let Some(last) = grid.pop() { total_len += last.len(); } else { total_len += 100; }
    println!("{} {} {:?}", n, total_len, labels);
    fib(15) + n as u64 + grid[1][2] as u64 + total_len as u64 + d as u64
}
''',
    ),
    'opt_eq': (
        (2, 0, 2, 13, ''),
        r'''fn find(v: &Vec<i32>, x: i32) -> Option<usize> {
    let mut i = 0;
    while i < v.len() { if v[i] == x { return Some(i); } i += 1; }
    None
}
fn opt_eq() -> usize {
    let v = vec![4, 8, 15];
    let a = find(&v, 8);
    let b = find(&v, 9);
    let boxed: Option<Box<u8>> = Some(Box::new(1));
    let mut n = 0;
    if a == Some(1) { n += 1; }
    if b == None { n += 10; }
    if None != a { n += 100; }
    if boxed != None { n += 1000; }
    if (1, 'a') == (1, 'a') { n += 10000; }
    if find(&v, 15) == Some(2) { n += 100000; }
    n
}
''',
    ),
    'option_chain': (
        (4, 0, 4, 96, ''),
        r'''struct Tree { val: i32, left: Option<Box<Tree>>, right: Option<Box<Tree>> }
fn leaf(v: i32) -> Option<Box<Tree>> { Some(Box::new(Tree { val: v, left: None, right: None })) }
fn sum(t: &Option<Box<Tree>>) -> i32 {
    match t {
        Some(n) => n.val + sum(&n.left) + sum(&n.right),
        None => 0,
    }
}
fn depth(t: &Option<Box<Tree>>) -> usize {
    if let Some(n) = t { 1 + depth(&n.left).max(depth(&n.right)) } else { 0 }
}
fn option_chain() -> i32 {
    let t = Some(Box::new(Tree { val: 1, left: leaf(2), right: Some(Box::new(Tree { val: 3, left: leaf(4), right: None })) }));
    let s = sum(&t);
    let d = depth(&t) as i32;
    let mut t2 = t;
    if let Some(root) = &mut t2 { root.val = 100; root.left = None; }
    s + d + sum(&t2)
}
''',
    ),
    'options': (
        (6, 0, 5, 1049, 'default bee true true\nSome(5) Some("s")\n'),
        r'''fn options() -> usize {
    let a: Option<String> = None;
    let b = Some(String::from("bee"));
    let x = a.unwrap_or(String::from("default"));
    let y = b.unwrap_or(String::from("unused"));
    let c: Option<Vec<i32>> = Some(Vec::new());
    let d = c.is_some();
    let mut e = Some(vec![1, 2]);
    let f = e.take();
    let g = e.is_none();
    let h = f.unwrap().len();
    let o: Option<i32> = Some(5);
    let p = o.unwrap() + o.expect("present");
    println!("{} {} {} {}", x, y, d, g);
    println!("{:?} {:?}", o, Some(String::from("s")));
    x.len() + y.len() + h + p as usize
}
''',
    ),
    'printing': (
        (3, 0, 2, 1080, 'no newline 7 7 7 P { x: 1, y: -2 } 1 W(3, true)\n[1.5, 2.0, -0.25] ["a", "b\\"c"] (1, \'x\', "y")\n1000000000000000 10000000000000000 0.30000000000000004\n{literal} 5%\n'),
        r'''#[derive(Debug, Clone, Copy)]
struct P { x: i32, y: i32 }
#[derive(Debug)]
struct W(i64, bool);
fn printing() -> i32 {
    let p = P { x: 1, y: -2 };
    let q = p;
    let w = W(3, true);
    let v = vec![1.5, 2.0, -0.25];
    let s = vec!["a", "b\"c"];
    let n = 7;
    print!("no newline ");
    print!("{} ", n);
    println!("{n} {n:?} {p:?} {} {:?}", q.x, w);
    println!("{:?} {:?} {:?}", v, s, (1, 'x', "y"));
    println!("{} {} {}", 1e15, 1e16, 0.1 + 0.2);
    println!("{{literal}} {}%", 5);
    p.x + q.y
}
''',
    ),
    'rc_more': (
        (3, 0, 3, 96, ''),
        r'''use std::rc::Rc;
struct Node { val: i32, next: Option<Rc<Node>> }
fn rc_more() -> i32 {
    let a = Rc::new(Node { val: 1, next: None });
    let b = Rc::new(Node { val: 2, next: Some(Rc::clone(&a)) });
    let c = Rc::new(Node { val: 3, next: Some(b.clone()) });
    let count = Rc::strong_count(&a) as i32;
    drop(b);
    let mut total = 0;
    let mut cur = Some(c.clone());
    while let Some(n) = cur {
        total += n.val;
        cur = n.next.clone();
    }
    total + count
}
''',
    ),
    'rc_vec_repeat': (
        (11, 0, 11, 209, ''),
        r'''use std::rc::Rc;
fn rc_vec_repeat() -> usize {
    let shared = Rc::new(vec![1u8, 2, 3]);
    let many = vec![Rc::clone(&shared); 4];
    let c = Rc::strong_count(&shared);
    let boxes = vec![Box::new(String::from("hi")); 3];
    let copies: Vec<Rc<Vec<u8>>> = many.iter().map(|r| Rc::clone(r)).collect();
    drop(many);
    c + boxes.len() + copies.len() + Rc::strong_count(&shared)
}
''',
    ),
    'refs': (
        (12, 0, 12, 254, ''),
        r'''fn add_copies(dst: &mut Vec<String>, src: &[String]) {
    for s in src { dst.push(s.clone()); }
}
fn bump(b: &mut Box<i64>) { **b += 5; }
fn refs() -> usize {
    let mut out = Vec::new();
    let src = vec![String::from("ab"), String::from("cde")];
    add_copies(&mut out, &src);
    add_copies(&mut out, &src[1..]);
    let r = &mut out;
    r.push(String::from("z"));
    let mut b = Box::new(1i64);
    bump(&mut b);
    *b += 1;
    let mut grid: Vec<Vec<u8>> = vec![Vec::new(); 3];
    grid[1].push(7);
    grid[2].push(8);
    grid[2].push(9);
    out.len() + *b as usize + grid[2].len() + grid[0].capacity()
}
''',
    ),
    'shadow_blocks': (
        (7, 0, 7, 57, ''),
        r'''fn shadow_blocks() -> usize {
    let s = String::from("outer");
    let n = {
        let s = vec![s.len(); 3];
        let t = Box::new(s.len());
        {
            let s = String::from("innermost");
            drop(t);
            s.len()
        }
    };
    let s = (s, vec![0u16; 4]);
    let (a, b) = s;
    let arr = [String::new(), String::from("q"), String::from("rr")];
    let mut total = 0;
    for x in &arr { total += x.len(); }
    n + a.len() + b.len() + total
}
''',
    ),
    'strings': (
        (9, 5, 8, 1271, 'axyzaaaxyzaaaxyzaaaxyz 23 true "q\\""\n'),
        r'''fn shout(s: &str) -> String { let mut o = s.to_string(); o.push_str("!"); o }
fn strings() -> usize {
    let mut s = String::new();
    for i in 0..10 { s.push('a'); if i % 3 == 0 { s.push_str("xyz"); } }
    let t = shout(&s);
    let u = t.clone() + "";
    let mut w = String::with_capacity(3);
    w += "hello";
    w += " world";
    println!("{} {} {} {:?}", s, t.len(), u == t, "q\"");
    let parts = vec!["a".to_string(), "b".to_owned(), String::from("c")];
    let total: usize = parts.iter().map(|p| p.len()).sum();
    s.len() + w.len() + total + s.capacity() + w.capacity()
}
''',
    ),
    'structs': (
        (16, 1, 15, 1688, 'Item { name: "melon", tags: ["new"], weight: 9 }\n'),
        r'''#[derive(Clone, Debug)]
struct Item { name: String, tags: Vec<String>, weight: u32 }
struct Bag { items: Vec<Item>, owner: Box<String> }
impl Bag {
    fn new(owner: &str) -> Bag { Bag { items: Vec::new(), owner: Box::new(owner.to_string()) } }
    fn add(&mut self, name: &str, w: u32) {
        let mut tags = Vec::with_capacity(2);
        tags.push(String::from("new"));
        self.items.push(Item { name: name.to_string(), tags, weight: w });
    }
    fn heaviest(&self) -> Option<&Item> {
        let mut best: Option<&Item> = None;
        for it in &self.items {
            match best { Some(b) if b.weight >= it.weight => {}, _ => best = Some(it) }
        }
        best
    }
    fn into_names(self) -> Vec<String> { self.items.into_iter().map(|i| i.name).collect() }
}
fn structs() -> usize {
    let mut bag = Bag::new("me");
    bag.add("apple", 3);
    bag.add("melon", 9);
    bag.add("fig", 1);
    let copy = bag.items[1].clone();
    println!("{:?}", copy);
    let h = bag.heaviest().unwrap().name.len();
    let names = bag.into_names();
    names.len() + h + copy.tags.len()
}
''',
    ),
    'tail_temps': (
        (15, 0, 15, 94, ''),
        r'''fn make(n: usize) -> Vec<u8> { vec![1; n] }
fn inner() -> usize { let a = make(3); make(5).len() + a.len() }
fn tail_temps() -> usize {
    let x = match make(2).len() { 2 => { let b = make(4); b.len() } _ => 0 };
    let mut y = 0;
    if make(6).len() > 2 { let c = make(7); y += c.len(); }
    let mut k = 0;
    while make(8).len() > k { k += 4; let _d = make(1); }
    let z = { let e = make(9); e.len() + make(10).len() };
    let w = make(11).clone().len();
    x + y + inner() + k + z + w
}
''',
    ),
    'temps': (
        (10, 0, 10, 75, ''),
        r'''fn make(n: usize) -> Vec<u8> { vec![7; n] }
fn temps() -> usize {
    let a = make(3).len();
    let b = if make(4).len() > 2 { make(5).len() } else { 0 };
    let c = make(6)[2] as usize;
    let d = { let tmp = make(7); tmp.len() } + make(8).len();
    make(9);
    let _ = make(10);
    let _keep = make(11);
    let r = &make(12);
    let e = r.len();
    a + b + c + d + e
}
''',
    ),
    'vec_ops': (
        (10, 2, 10, 231, ''),
        r'''fn vec_ops() -> usize {
    let mut v: Vec<String> = Vec::with_capacity(2);
    for i in 0..6 { v.push(String::from("x")); if i == 3 { v.truncate(1); } }
    let last = v.pop();
    v.clear();
    v.push(String::from("again"));
    let mut w = vec![1u32, 2, 3];
    w.reserve(10);
    let first = *w.first().unwrap();
    let is_e = w.is_empty();
    let cap = w.capacity();
    let s: &[u32] = &w;
    let copy = s.to_vec();
    last.unwrap().len() + v.len() + first as usize + cap + copy.len() + is_e as usize
}
''',
    ),
    'zeroes': (
        (11, 0, 11, 303, ''),
        r'''fn zeroes() -> usize {
    let a = vec![0.0f64; 4];
    let b = vec![-0.0f64; 4];
    let c = vec![false; 9];
    let d = vec!['\0'; 3];
    let e = vec![(0i32, 0u8); 5];
    let f = vec![(0i32, 1u8); 5];
    let g = vec![[0u8; 16]; 2];
    let h = vec![[0u8; 17]; 2];
    let i: Vec<Option<Box<i32>>> = vec![None; 3];
    let j: Vec<Option<i32>> = vec![None; 3];
    let k: Vec<Option<i32>> = vec![Some(0); 3];
    let l = vec![0u64; 0];
    a.len() + b.len() + c.len() + d.len() + e.len() + f.len() + g.len() + h.len() + i.len() + j.len() + k.len() + l.len()
}
''',
    ),
}


@pytest.mark.parametrize("name", sorted(RUSTC_PROGRAMS))
def test_programs_measured_with_rustc(name: str) -> None:
    expected, body = RUSTC_PROGRAMS[name]
    r = run(body + "\nfn main() {}\n", name)
    assert r.error is None, r.error
    assert totals(r) == expected


# ---- robustness -------------------------------------------------------------------------

_SEEDS = [p.read_bytes() for p in ALL_FILES] or [b"fn main() {}\n"]
_TOKENS = [b"{", b"}", b"(", b")", b"[", b"]", b"*", b"&", b".", b",", b";", b"\n", b"=", b"mut ",
           b"let ", b"&mut ", b"..", b"fn", b"for", b"in", b"if", b"return", b'"', b"'", b"None", b"_",
           b"Some(", b"Box::new(", b"vec![", b"loop", b"while", b"match", b"break", b"continue", b"<",
           b">", b"::", b"\\", b"\xff", b"//", b"/*", b".clone()", b".iter()", b".into_iter()",
           b".collect()", b"drop(", b"0", b"1", b"-", b"+", b"|x|", b"as u8", b"x", b"v",
           # enums, traits, Drop, RefCell, asserts, slices, struct update
           b"enum E { A, B(i32) }", b"E::A", b"E::B(", b"Cons(", b"Nil", b"matches!(", b"if let ",
           b"while let ", b"impl Drop for ", b"fn drop(&mut self) {}", b"trait T { fn f(&self); }",
           b"RefCell::new(", b".borrow_mut()", b".borrow()", b"Cell::new(", b"assert_eq!(", b"assert!(",
           b"..", b"&s[0..1]", b".as_bytes()", b".get(0)", b".contains(&", b" | ", b" if ", b"=>"]


@st.composite
def mutated_snippets(draw: st.DrawFn) -> bytes:
    src = bytearray(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(src)))
        op = draw(st.integers(0, 4))
        if op == 0 and src:
            del src[i : i + draw(st.integers(1, 12))]
        elif op == 1:
            src[i:i] = draw(st.sampled_from(_TOKENS))
        elif op == 2 and src:
            j = draw(st.integers(0, len(src) - 1))
            src[i:i] = src[j : j + draw(st.integers(1, 40))]
        elif op == 3 and src:
            # swap a digit: keeps the program valid more often
            digits = [k for k, c in enumerate(src) if 48 <= c <= 57]
            if digits:
                src[draw(st.sampled_from(digits))] = draw(st.integers(48, 57))
        elif src:
            src[min(i, len(src) - 1)] = draw(st.integers(0, 255))
    return bytes(src)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_snippets())
def test_mutations_give_a_trace_or_a_clean_error(data: bytes) -> None:
    source = data.decode("utf-8", "surrogateescape")
    try:
        p = parse_rust(source, "fuzz.rs")
    except ir.UnsupportedError as e:
        assert isinstance(e.pos, tuple) and len(e.pos) == 2
        assert str(e).startswith("fuzz.rs:")
        assert "internal" not in e.message, e.message
        return
    try:
        run_program(p, limits=Limits(max_steps=100_000))
    except ir.UnsupportedError:
        pass  # e.g. no entry function to choose
    # RunErrors are reported in the result, never raised


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    expr = "(" * 3000 + "1" + ")" * 3000
    try:
        parse_rust(f"fn main() {{ let x = {expr}; }}\n", "deep.rs")
    except ir.UnsupportedError:
        pass
