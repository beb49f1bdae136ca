// entry: clone_vec

// clone allocates exactly len elements (not the capacity); cloning an empty Vec allocates nothing.
fn clone_vec() -> usize {
    let mut original: Vec<i64> = Vec::with_capacity(16);
    for i in 0..5 {
        original.push(i);
    }
    let copy = original.clone();
    let empty: Vec<i64> = Vec::new();
    let empty_copy = empty.clone();
    copy.capacity() + empty_copy.capacity() + original.capacity()
}

fn main() {
    println!("{}", clone_vec());
}
