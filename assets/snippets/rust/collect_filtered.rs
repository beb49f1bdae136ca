// title: collect after filter
// entry: collect_filtered
// lesson: growth
// claim: collect() always allocates exactly once, with the right size.
// truth: After filter the length is unknown: collect allocates room for 4 at the first kept element, then doubles by realloc (4, 8, 16, 32, 64 for 33 elements).
// par: 629

fn collect_filtered() -> Vec<i64> {
    (1..=100).filter(|i| *i % 3 == 0).collect()
}

fn main() {
    println!("{}", collect_filtered().len());
}
