// entry: overfill

// with_capacity(3) then 10 pushes: 3 -> 6 -> 12.
fn overfill() -> usize {
    let mut v: Vec<i32> = Vec::with_capacity(3);
    for i in 0..10 {
        v.push(i);
    }
    v.capacity()
}

fn main() {
    println!("{}", overfill());
}
