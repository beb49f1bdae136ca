// entry: main

// The Rust Book, ch. 15.6: a reference cycle through Rc<RefCell<..>>. When
// main ends, each node still has a strong count of 1 (held by the other), so
// neither is dropped: both heap blocks leak.
use std::cell::RefCell;
use std::rc::Rc;

struct Node {
    value: i32,
    next: RefCell<Option<Rc<Node>>>,
}

fn main() {
    let a = Rc::new(Node { value: 5, next: RefCell::new(None) });
    println!("a initial rc count = {}", Rc::strong_count(&a));
    let b = Rc::new(Node { value: 10, next: RefCell::new(Some(Rc::clone(&a))) });
    println!("a rc count after b creation = {}", Rc::strong_count(&a));
    println!("b initial rc count = {}", Rc::strong_count(&b));
    *a.next.borrow_mut() = Some(Rc::clone(&b));
    println!("b rc count after changing a = {}", Rc::strong_count(&b));
    println!("a rc count after changing a = {}", Rc::strong_count(&a));
    println!("{} {}", a.value, b.value);
}
