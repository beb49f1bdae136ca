// entry: main

// A factory returning Box<dyn Trait>: the caller does not know the
// concrete type, only the vtable does.
trait Operation {
    fn apply(&self, x: i64) -> i64;
    fn symbol(&self) -> char;
}

struct Add(i64);
struct Mul(i64);

impl Operation for Add {
    fn apply(&self, x: i64) -> i64 {
        x + self.0
    }
    fn symbol(&self) -> char {
        '+'
    }
}

impl Operation for Mul {
    fn apply(&self, x: i64) -> i64 {
        x * self.0
    }
    fn symbol(&self) -> char {
        '*'
    }
}

fn parse(op: char, n: i64) -> Box<dyn Operation> {
    match op {
        '+' => Box::new(Add(n)),
        _ => Box::new(Mul(n)),
    }
}

fn main() {
    let ops = vec![parse('+', 3), parse('*', 4), parse('+', -2)];
    let mut x = 1;
    for op in &ops {
        x = op.apply(x);
        println!("{} {} -> {}", op.symbol(), 0, x);
    }
    println!("result {}", x);
}
