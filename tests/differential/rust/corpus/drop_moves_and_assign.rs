// entry: main

// A value moved into a function is dropped at the end of that function;
// assigning over a value drops the old one first; returning one moves it out.
struct Token {
    id: u32,
}

impl Drop for Token {
    fn drop(&mut self) {
        println!("token {} dropped", self.id);
    }
}

fn consume(t: Token) {
    println!("consuming {}", t.id);
}

fn produce(id: u32) -> Token {
    let t = Token { id };
    println!("produced {}", id);
    t
}

fn main() {
    let a = produce(1);
    consume(a);
    let mut b = produce(2);
    println!("reassigning");
    b = produce(3);
    println!("b is {}", b.id);
    let maybe = Some(produce(4));
    if let Some(t) = maybe {
        println!("got {}", t.id);
    }
    println!("done");
}
