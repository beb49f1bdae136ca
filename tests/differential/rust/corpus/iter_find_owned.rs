// entry: main

// find on an owning iterator returns the String; the others are dropped.
fn main() {
    let names = vec![String::from("ann"), String::from("bob"), String::from("cy")];
    let found = names.into_iter().find(|n| n.len() == 2);
    match found {
        Some(n) => println!("found {}", n),
        None => println!("nobody"),
    }
}
