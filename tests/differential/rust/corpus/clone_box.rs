// entry: clone_box

// Cloning a Box allocates a new box; cloning a Box<Vec<_>> allocates the box and the buffer.
fn clone_box() -> i64 {
    let a = Box::new(41i64);
    let b = a.clone();
    let list = Box::new(vec![1i64, 2, 3]);
    let list_copy = list.clone();
    *a + *b + list_copy[2] + list[0]
}

fn main() {
    println!("{}", clone_box());
}
