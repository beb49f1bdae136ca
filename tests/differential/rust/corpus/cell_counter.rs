// entry: main

// Cell<T> for Copy values: get and set through a shared reference, no borrow flag.
use std::cell::Cell;

struct Stats {
    calls: Cell<u32>,
    last: Cell<i64>,
}

fn record(s: &Stats, v: i64) {
    s.calls.set(s.calls.get() + 1);
    s.last.set(v);
}

fn main() {
    let s = Stats { calls: Cell::new(0), last: Cell::new(-1) };
    let r1 = &s;
    let r2 = &s;
    record(r1, 10);
    record(r2, 20);
    record(&s, 30);
    println!("{} {} {:?}", s.calls.get(), s.last.get(), s.calls);
}
