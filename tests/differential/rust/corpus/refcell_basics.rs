// entry: main

// RefCell and Cell: mutation through a shared reference, checked at run time;
// the guards from borrow/borrow_mut give the borrow back when they drop.
use std::cell::{Cell, RefCell};

struct Counter {
    hits: Cell<u32>,
    log: RefCell<Vec<String>>,
}

impl Counter {
    fn hit(&self, what: &str) {
        self.hits.set(self.hits.get() + 1);
        self.log.borrow_mut().push(String::from(what));
    }
}

fn main() {
    let c = Counter { hits: Cell::new(0), log: RefCell::new(Vec::new()) };
    c.hit("a");
    c.hit("bb");
    c.hit("ccc");
    let n = c.log.borrow().len();
    {
        let first = c.log.borrow();
        let again = c.log.borrow();
        println!("{} {} {}", first[0], again[1], n);
    }
    *c.log.borrow_mut() = vec![String::from("reset")];
    let cell = RefCell::new(5);
    *cell.borrow_mut() += 10;
    println!("{} {} {:?} {:?}", c.hits.get(), cell.borrow(), c.log.borrow(), cell);
}
