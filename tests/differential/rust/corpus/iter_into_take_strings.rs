// entry: main

// take on a consuming iterator: the Strings not taken are dropped with the
// iterator, and the buffer is reused in place by collect.
fn main() {
    let words = vec![
        String::from("alpha"),
        String::from("beta"),
        String::from("gamma"),
        String::from("delta"),
    ];
    let first_two: Vec<String> = words.into_iter().take(2).collect();
    println!("{:?} cap {}", first_two, first_two.capacity());
}
