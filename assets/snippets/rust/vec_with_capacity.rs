// title: Vec::with_capacity
// entry: vec_with_capacity
// lesson: growth
// claim: Vec::with_capacity is only a hint: the Vec still reallocates as you push.
// truth: with_capacity(1000) allocates the whole buffer up front: the 1000 pushes that follow cost no reallocation at all.
// par: 526

fn vec_with_capacity() -> usize {
    let mut v: Vec<i64> = Vec::with_capacity(1000);
    for i in 0..1000 {
        v.push(i);
    }
    v.capacity()
}

fn main() {
    println!("{}", vec_with_capacity());
}
