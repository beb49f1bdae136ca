// title: Sum a Vec of boxes
// entry: sum_vec_of_boxes
// lesson: cache
// claim: Summing a Vec<Box<i64>> costs the same as summing a Vec<i64>: both are on the heap anyway.
// truth: The Vec holds 1000 pointers, each to its own small heap block: the sum follows a pointer per element and touches many more cache lines than the contiguous Vec<i64> (try rust/sum_vec_of_values).
// par: 509

fn sum_vec_of_boxes() -> i64 {
    let mut values: Vec<Box<i64>> = Vec::with_capacity(1000);
    for i in 0..1000 {
        values.push(Box::new(i));
    }
    let mut total = 0;
    for b in &values {
        total += **b;
    }
    total
}

fn main() {
    println!("{}", sum_vec_of_boxes());
}
