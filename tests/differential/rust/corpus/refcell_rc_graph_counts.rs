// entry: main

// Rc<RefCell<Vec<..>>> shared by three owners: strong counts go up on clone
// and down as the owners go out of scope; the Vec grows through borrow_mut.
use std::cell::RefCell;
use std::rc::Rc;

fn main() {
    let shared = Rc::new(RefCell::new(Vec::new()));
    let a = Rc::clone(&shared);
    {
        let b = Rc::clone(&shared);
        b.borrow_mut().push(1);
        println!("count with b = {}", Rc::strong_count(&shared));
    }
    a.borrow_mut().push(2);
    shared.borrow_mut().push(3);
    let len = shared.borrow().len();
    println!("count = {}, len = {}, {:?}", Rc::strong_count(&a), len, a.borrow());
}
