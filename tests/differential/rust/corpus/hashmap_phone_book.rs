// entry: phone_book

// A phone book: names to numbers, both `String`s. `insert` on a name that is
// already there replaces the number and hands the old one back (and drops the
// new key, a second copy of the name); `remove` takes the entry out, freeing
// the key and returning the value. The book is returned: the caller owns the
// table and the strings in it.
use std::collections::HashMap;

fn phone_book() -> HashMap<String, String> {
    let mut book: HashMap<String, String> = HashMap::new();
    book.insert(String::from("Ada"), String::from("555-0101"));
    book.insert(String::from("Grace"), String::from("555-0102"));
    book.insert(String::from("Linus"), String::from("555-0103"));
    if let Some(old) = book.insert(String::from("Ada"), String::from("555-0199")) {
        println!("Ada changed her number from {}", old);
    }
    match book.get("Grace") {
        Some(number) => println!("Grace: {}", number),
        None => println!("no Grace"),
    }
    if let Some(number) = book.remove("Linus") {
        println!("removed Linus ({})", number);
    }
    println!("Linus still there? {}", book.contains_key("Linus"));
    book
}

fn main() {
    println!("{} entries", phone_book().len());
}
