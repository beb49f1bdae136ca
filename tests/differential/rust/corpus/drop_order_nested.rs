// entry: main

// Drop order: the outer value's drop runs first, then its fields in
// declaration order; a Vec drops its elements first to last; a Box its content.
struct Noisy {
    name: String,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.name);
    }
}

struct Pair {
    first: Noisy,
    second: Noisy,
}

impl Drop for Pair {
    fn drop(&mut self) {
        println!("drop pair of {} and {}", self.first.name, self.second.name);
    }
}

fn make(name: &str) -> Noisy {
    Noisy { name: String::from(name) }
}

fn main() {
    let _a = make("a");
    let p = Pair { first: make("p1"), second: make("p2") };
    let v = vec![make("v1"), make("v2"), make("v3")];
    let b = Box::new(make("boxed"));
    {
        let _inner = make("inner");
        println!("inner scope ends");
    }
    make("temporary");
    let moved = make("moved");
    let keep = moved;
    println!("end of main: {} {} {}", p.first.name, v.len(), b.name);
    let _ = keep;
}
