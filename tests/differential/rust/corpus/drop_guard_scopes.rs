// entry: main

// Drop as a scope guard: nested blocks, early return and a loop body each
// end a scope, and the guard's drop prints at exactly that point.
struct Guard {
    name: &'static str,
}

impl Drop for Guard {
    fn drop(&mut self) {
        println!("leave {}", self.name);
    }
}

fn work(n: i32) -> i32 {
    let _g = Guard { name: "work" };
    if n < 0 {
        println!("early return");
        return 0;
    }
    n * 2
}

fn main() {
    let _outer = Guard { name: "main" };
    for i in 0..2 {
        let _it = Guard { name: "loop body" };
        println!("iteration {}", i);
    }
    {
        let _inner = Guard { name: "block" };
        println!("in block");
    }
    println!("{} {}", work(3), work(-1));
}
