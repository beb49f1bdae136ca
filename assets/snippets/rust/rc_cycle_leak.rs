// title: An Rc cycle that leaks
// entry: rc_cycle
// lesson: ownership
// claim: Rc frees a value when nothing uses it any more, so memory cannot leak in safe Rust.
// truth: Rc frees a value when its strong count reaches 0. Here a points to b and b to a through a RefCell, so when both variables go out of scope each count only drops from 2 to 1: neither block is freed, and both are still live on the heap when the program ends (a leak, in safe Rust).
// par: 705

use std::cell::RefCell;
use std::rc::Rc;

struct Node {
    value: i32,
    next: RefCell<Option<Rc<Node>>>,
}

fn rc_cycle() -> i32 {
    let a = Rc::new(Node { value: 5, next: RefCell::new(None) });
    let b = Rc::new(Node { value: 10, next: RefCell::new(Some(Rc::clone(&a))) });
    *a.next.borrow_mut() = Some(Rc::clone(&b));
    a.value + b.value
}

fn main() {
    println!("{}", rc_cycle());
}
