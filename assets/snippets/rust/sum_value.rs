// title: Sum of plain values
// entry: sum_value
// lesson: basics
// claim: Plain values live in the stack frame: adding them moves the stack pointer and never touches the heap.
// pair: go/sum_value
// par: 756

fn add(x: i64, y: i64) -> i64 {
    x + y
}

fn sum_value() -> i64 {
    let a = 1;
    let b = 2;
    let c = add(a, b);
    c
}

fn main() {
    println!("{}", sum_value());
}
