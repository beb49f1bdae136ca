// title: The cons list
// entry: cons_list
// lesson: allocation
// claim: An enum value lives where it is declared, so a three-element List is one value on the stack.
// truth: Only the first `Cons` is on the stack (16 bytes: the i32, the Box and the tag); every `Box::new` puts the rest of the list in its own 16-byte heap block, three blocks in all, freed from the head down when `list` goes out of scope.
// par: 682

enum List {
    Cons(i32, Box<List>),
    Nil,
}

use crate::List::{Cons, Nil};

fn sum(list: &List) -> i32 {
    match list {
        Cons(value, rest) => value + sum(rest),
        Nil => 0,
    }
}

fn cons_list() -> i32 {
    let list = Cons(1, Box::new(Cons(2, Box::new(Cons(3, Box::new(Nil))))));
    sum(&list)
}

fn main() {
    println!("{}", cons_list());
}
