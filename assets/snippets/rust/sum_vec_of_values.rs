// title: Sum a Vec of values
// entry: sum_vec_of_values
// lesson: cache
// claim: A Vec's elements are on the heap, so summing them pays the price of the heap on every element.
// truth: The elements are on the heap but contiguous, in one allocation: eight i64 share each 64-byte cache line, so one line fetched serves eight reads and most of the sum hits the L1 cache.
// par: 509

fn sum_vec_of_values() -> i64 {
    let mut values: Vec<i64> = Vec::with_capacity(1000);
    for i in 0..1000 {
        values.push(i);
    }
    let mut total = 0;
    for v in &values {
        total += *v;
    }
    total
}

fn main() {
    println!("{}", sum_vec_of_values());
}
