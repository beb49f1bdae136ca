// entry: main

// Deref does more than `*`: method calls, indexing and fields see through
// a smart pointer too. A Wrapper<Vec<String>> is used like the Vec inside,
// each use a call of the user's deref.
use std::ops::Deref;

struct Wrapper<T> {
    inner: T,
    reads: u32,
}

impl<T> Wrapper<T> {
    fn new(inner: T) -> Wrapper<T> {
        Wrapper { inner, reads: 0 }
    }
}

impl<T> Deref for Wrapper<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

fn main() {
    let names = Wrapper::new(vec![String::from("ferris"), String::from("corro")]);
    println!("{} names, reads {}", names.len(), names.reads);
    println!("first: {}", names[0]);
    let upper = names[1].to_uppercase();
    println!("{} {}", upper, names.is_empty());
    let title = Wrapper::new(String::from("The Book"));
    println!("{} {}", title.len(), title.starts_with("The"));
}
