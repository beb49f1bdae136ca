// title: Sum of three boxes
// entry: sum_value_boxed
// lesson: allocation
// claim: Every Box::new is a trip to the heap: three boxes cost three allocations and three frees, where plain values cost none.
// pair: go/inefficient_sum
// par: 756

fn sum_value_boxed() -> i64 {
    let a = Box::new(1);
    let b = Box::new(2);
    let c = Box::new(*a + *b);
    *c
}

fn main() {
    println!("{}", sum_value_boxed());
}
