// entry: main

// Option<Box<dyn Trait>>: a slot that may hold a trait object. The data
// pointer's null is None, so the Option is still 16 bytes; take() moves
// the box out and the old one is dropped through its vtable.
trait Plugin {
    fn run(&self) -> String;
}

struct Logger {
    prefix: String,
}

struct Counter {
    n: u32,
}

impl Plugin for Logger {
    fn run(&self) -> String {
        format!("{}: ok", self.prefix)
    }
}

impl Plugin for Counter {
    fn run(&self) -> String {
        format!("count={}", self.n)
    }
}

impl Drop for Logger {
    fn drop(&mut self) {
        println!("logger {} unloaded", self.prefix);
    }
}

fn main() {
    let mut slot: Option<Box<dyn Plugin>> = None;
    println!("empty: {}", slot.is_none());
    slot = Some(Box::new(Logger { prefix: String::from("app") }));
    if let Some(p) = &slot {
        println!("{}", p.run());
    }
    slot = Some(Box::new(Counter { n: 3 }));
    let taken = slot.take();
    match taken {
        Some(p) => println!("{}", p.run()),
        None => println!("nothing"),
    }
    println!("after take: {}", slot.is_none());
}
