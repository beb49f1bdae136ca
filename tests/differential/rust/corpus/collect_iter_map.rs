// entry: collect_iter_map

// v.iter().map(...).collect() knows the exact length: one allocation of len elements.
fn collect_iter_map() -> Vec<i64> {
    let source = vec![1i64, 2, 3, 4, 5, 6, 7];
    let doubled: Vec<i64> = source.iter().map(|x| *x * 2).collect();
    let widened = doubled.iter().map(|x| *x as i32).collect::<Vec<i32>>();
    println!("{} {}", doubled.len(), widened[6]);
    doubled
}

fn main() {
    println!("{}", collect_iter_map().len());
}
