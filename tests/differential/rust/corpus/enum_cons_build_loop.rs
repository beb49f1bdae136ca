// entry: main

// Building a cons list in a loop: each step boxes the list built so far.
enum List {
    Cons(i64, Box<List>),
    Nil,
}

use List::*;

fn main() {
    let mut list = Nil;
    for i in 0..10 {
        list = Cons(i, Box::new(list));
    }
    let mut total = 0;
    let mut cur = &list;
    while let Cons(v, next) = cur {
        total += v;
        cur = next;
    }
    println!("total {}", total);
}
