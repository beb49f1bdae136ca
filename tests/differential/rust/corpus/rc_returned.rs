// entry: rc_returned

// The returned Rc keeps the block alive: clones dropped during the call free nothing.
use std::rc::Rc;

fn make_shared() -> Rc<Vec<i64>> {
    Rc::new(vec![1, 2, 3, 4, 5, 6])
}

fn rc_returned() -> Rc<Vec<i64>> {
    let first = make_shared();
    let keep = Rc::clone(&first);
    let other = make_shared();
    let third = Rc::clone(&other);
    println!("{} {}", keep.len(), third[5]);
    drop(first);
    keep
}

fn main() {
    println!("{}", rc_returned().len());
}
