// title: A Vec instead of a list (solution)
// entry: linked_list

fn linked_list() -> i64 {
    let mut values: Vec<i64> = Vec::with_capacity(100);
    for i in 1..=100 {
        values.push(i);
    }
    let mut total = 0;
    for v in values.iter() {
        total += *v;
    }
    total
}

fn main() {
    println!("{}", linked_list());
}
