// entry: main

// A hand-written PartialEq: two books are equal when their ISBNs are,
// whatever the titles; `==` and `!=` call the user's eq.
struct Book {
    isbn: u64,
    title: String,
}

impl PartialEq for Book {
    fn eq(&self, other: &Self) -> bool {
        self.isbn == other.isbn
    }
}

fn main() {
    let a = Book { isbn: 9781718503106, title: String::from("The Rust Programming Language") };
    let b = Book { isbn: 9781718503106, title: String::from("The Book") };
    let c = Book { isbn: 9781098122539, title: String::from("Programming Rust") };
    println!("{} {}", a == b, a != c);
    if b == a {
        println!("same book: {} / {}", a.title, b.title);
    }
    println!("{}", c.title.len());
}
