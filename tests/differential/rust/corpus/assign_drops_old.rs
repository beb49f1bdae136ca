// entry: reassign

// Assigning to a live binding drops its old value right away; assigning to a
// moved-from binding drops nothing.
fn reassign() -> usize {
    let mut v = vec![1i64; 3];
    v = vec![2i64; 5];
    let mut s = String::from("first");
    let moved = s;
    s = String::from("second!");
    let mut b = Box::new(1i32);
    let old = *b;
    b = Box::new(2);
    v.len() + s.len() + moved.len() + *b as usize + old as usize
}

fn main() {
    println!("{}", reassign());
}
