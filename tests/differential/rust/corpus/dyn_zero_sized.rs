// entry: main

// Zero-sized types behind Box<dyn Trait> do not allocate: Box::new of a
// unit struct is a dangling pointer, and its drop frees nothing.
trait Greet {
    fn hello(&self) -> &str;
}

struct English;
struct French;
struct Named {
    name: String,
}

impl Greet for English {
    fn hello(&self) -> &str {
        "hello"
    }
}

impl Greet for French {
    fn hello(&self) -> &str {
        "bonjour"
    }
}

impl Greet for Named {
    fn hello(&self) -> &str {
        &self.name
    }
}

fn main() {
    let mut all: Vec<Box<dyn Greet>> = Vec::new();
    all.push(Box::new(English));
    all.push(Box::new(French));
    all.push(Box::new(Named { name: String::from("hi there") }));
    for g in &all {
        println!("{}", g.hello());
    }
    println!("{} greeters", all.len());
}
