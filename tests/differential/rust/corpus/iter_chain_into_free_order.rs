// entry: main

// chain drops its first half as soon as it runs out: the first Vec's buffer
// is freed before the second half is read.
fn main() {
    let a = vec![String::from("x"), String::from("y")];
    let b = vec![String::from("z")];
    let mut total = 0;
    for s in a.into_iter().chain(b.into_iter()) {
        total += s.len();
        println!("{}", s);
    }
    println!("{}", total);
}
