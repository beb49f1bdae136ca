"""HashMap/HashSet, retain/drain and chars(): the simulator's hashbrown rules
and refusals. (Allocation counts are judged against rustc by the differential
corpus: tests/differential/rust/corpus/hashmap_*.rs and friends.)"""

from __future__ import annotations

import pytest

from stackvsheap.lang.ir import UnsupportedError
from stackvsheap.lang.rust.frontend import parse_rust
from stackvsheap.lang.rust.hashmap import table_layout
from stackvsheap.lang.rust.rtypes import I32
from stackvsheap.lang.types import TupleType
from stackvsheap.sim.run import run_program
from stackvsheap.sim.rust.hashmap import bucket_capacity, capacity_to_buckets


def run(src: str, entry: str = "main"):
    return run_program(parse_rust(src, "t.rs"), entry)


@pytest.mark.parametrize("cap, kv_size, buckets", [
    (1, 8, 4), (3, 8, 4), (4, 8, 8), (7, 8, 8), (8, 8, 16), (14, 8, 16), (15, 8, 32), (100, 16, 128),
    (1, 2, 8), (1, 1, 16), (8, 3, 16),
])
def test_capacity_to_buckets_follows_hashbrown(cap: int, kv_size: int, buckets: int) -> None:
    assert capacity_to_buckets(cap, kv_size) == buckets
    assert bucket_capacity(buckets) >= cap


def test_table_is_slots_then_control_bytes() -> None:
    kv = TupleType((I32, I32))
    assert table_layout(kv, 4)[0] == 4 * 8 + 4 + 16  # 52 bytes, as rustc's allocator sees it
    assert table_layout(kv, 8)[0] == 64 + 8 + 16


ITERATES = """use std::collections::HashMap;
fn main() {
    let mut m = HashMap::new();
    m.insert("a", 1);
    m.insert("b", 2);
    println!("start");
    for (k, v) in &m {
        println!("{} {}", k, v);
    }
}
"""


def test_output_after_iterating_a_map_says_the_order_is_one_of_many() -> None:
    r = run(ITERATES)
    assert r.error is None
    assert r.output.startswith("start\n")
    assert r.order_note is not None and "one of the possible orders" in r.order_note
    assert r.machine.unordered_from == 1  # "start" is not order-dependent


def test_lookups_only_give_no_order_note() -> None:
    r = run(ITERATES.replace('for (k, v) in &m {\n        println!("{} {}", k, v);\n    }',
                             'println!("{:?}", m.get("a"));'))
    assert r.error is None and r.output == "start\nSome(1)\n" and r.order_note is None


def test_index_of_a_missing_key_panics_as_std_does() -> None:
    r = run("use std::collections::HashMap;\nfn main() {\n    let m: HashMap<&str, i32> = HashMap::new();\n"
            "    let x = m[\"nope\"];\n}\n")
    assert r.error is not None and r.error.message == "thread 'main' panicked: no entry found for key"
    assert r.error.pos == (4, 13)


def test_drain_range_panics_with_slice_messages() -> None:
    r = run("fn main() {\n    let mut v = vec![1, 2, 3];\n    v.drain(1..5);\n}\n")
    assert r.error is not None
    assert r.error.message == "thread 'main' panicked: range end index 5 out of range for slice of length 3"


@pytest.mark.parametrize("src, message", [
    ("use std::collections::BTreeMap;\nfn main() {}\n", "1:1: unsupported: use of `std::collections::BTreeMap`"),
    ("fn main() {\n    let m: HashMap<i32, i32> = HashMap::new();\n}\n",
     "2:12: cannot find type `HashMap` in this scope (add `use std::collections::HashMap;`)"),
    ("use std::collections::HashMap;\nfn main() {\n    let m: HashMap<i32, i32> = HashMap::new();\n"
     "    let it = m.keys();\n}\n", "4:14: unsupported: a HashMap iterator used as a value"),
    ("use std::collections::HashMap;\nfn main() {\n    let mut m: HashMap<i32, i32> = HashMap::new();\n"
     "    let e = m.entry(1);\n}\n", "unsupported: an `Entry` used as a value"),
    ("fn main() {\n    let mut v = vec![1];\n    for x in v.drain(..) {}\n}\n",
     "3:14: unsupported: a `for` loop over `drain` (collect it into a Vec first)"),
])
def test_refused_by_name(src: str, message: str) -> None:
    with pytest.raises(UnsupportedError) as exc:
        parse_rust(src, "t.rs")
    assert message in str(exc.value)
