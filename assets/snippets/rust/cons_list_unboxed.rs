// title: The cons list without a Box
// entry: cons_list
// lesson: allocation
// claim: A List can hold the rest of the list directly, like a struct holds its fields.
// truth: rustc refuses it: `recursive type `List` has infinite size` (E0072). A `Cons` would contain a whole `List`, which contains another, forever, so no size fits it; a `Box<List>` is one pointer (8 bytes) to a List on the heap, which gives `List` a size of 16 bytes.
// error: recursive type `List` has infinite size

enum List {
    Cons(i32, List),
    Nil,
}

use crate::List::{Cons, Nil};

fn cons_list() -> i32 {
    let list = Cons(1, Cons(2, Cons(3, Nil)));
    match list {
        Cons(v, _) => v,
        Nil => 0,
    }
}

fn main() {
    println!("{}", cons_list());
}
