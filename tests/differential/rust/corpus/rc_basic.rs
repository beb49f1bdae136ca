// entry: rc_basic

// Rc::new allocates counts + value; Rc::clone allocates nothing; the block is freed
// when the last Rc goes, whichever order they are dropped in.
use std::rc::Rc;

fn rc_basic() -> i64 {
    let a = Rc::new(5i64);
    let b = Rc::clone(&a);
    drop(a);
    let c = Rc::clone(&b);
    let total = *b + *c;
    drop(b);
    total + *c
}

fn main() {
    println!("{}", rc_basic());
}
