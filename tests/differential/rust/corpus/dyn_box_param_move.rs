// entry: main

// A Box<dyn Trait> moved into a function and dropped there, a &mut dyn
// Trait changing state through the vtable.
trait Counter {
    fn bump(&mut self);
    fn get(&self) -> u32;
}

struct ByOne {
    n: u32,
}

struct ByTen {
    n: u32,
    history: Vec<u32>,
}

impl Counter for ByOne {
    fn bump(&mut self) {
        self.n += 1;
    }
    fn get(&self) -> u32 {
        self.n
    }
}

impl Counter for ByTen {
    fn bump(&mut self) {
        self.n += 10;
        self.history.push(self.n);
    }
    fn get(&self) -> u32 {
        self.n
    }
}

fn bump_twice(c: &mut dyn Counter) {
    c.bump();
    c.bump();
}

fn consume(c: Box<dyn Counter>) -> u32 {
    c.get()
}

fn main() {
    let mut a = ByOne { n: 0 };
    let mut b = ByTen { n: 0, history: Vec::new() };
    bump_twice(&mut a);
    bump_twice(&mut b);
    println!("{} {} {:?}", a.get(), b.get(), b.history);
    let boxed: Box<dyn Counter> = Box::new(b);
    println!("{}", consume(boxed));
}
