// title: Pushing onto Vec::new (solution)
// entry: vec_push_growth

// The final length is known up front: one allocation, no realloc while pushing.
fn vec_push_growth() -> usize {
    let mut v: Vec<i64> = Vec::with_capacity(1000);
    for i in 0..1000 {
        v.push(i);
    }
    v.capacity()
}

fn main() {
    println!("{}", vec_push_growth());
}
