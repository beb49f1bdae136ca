// entry: main

// The Rust Book, ch. 15.6: a tree whose children own their nodes (Rc) and
// whose parent links are Weak, so there is no cycle: strong and weak counts,
// upgrade while the parent lives, and every block freed at the end.
use std::cell::RefCell;
use std::rc::{Rc, Weak};

#[derive(Debug)]
struct Node {
    value: i32,
    parent: RefCell<Weak<Node>>,
    children: RefCell<Vec<Rc<Node>>>,
}

fn main() {
    let leaf = Rc::new(Node {
        value: 3,
        parent: RefCell::new(Weak::new()),
        children: RefCell::new(vec![]),
    });
    println!("leaf strong = {}, weak = {}", Rc::strong_count(&leaf), Rc::weak_count(&leaf));
    {
        let branch = Rc::new(Node {
            value: 5,
            parent: RefCell::new(Weak::new()),
            children: RefCell::new(vec![Rc::clone(&leaf)]),
        });
        *leaf.parent.borrow_mut() = Rc::downgrade(&branch);
        println!("branch strong = {}, weak = {}", Rc::strong_count(&branch), Rc::weak_count(&branch));
        println!("leaf strong = {}, weak = {}", Rc::strong_count(&leaf), Rc::weak_count(&leaf));
        let p = leaf.parent.borrow().upgrade();
        println!("leaf parent = {}", p.is_some());
    }
    println!("leaf parent = {:?}", leaf.parent.borrow().upgrade().is_some());
    println!("leaf strong = {}, weak = {} value {}", Rc::strong_count(&leaf), Rc::weak_count(&leaf), leaf.value);
}
