// entry: main

// chars() knows only a range of lengths: collect::<String>() reserves the
// lower bound (a quarter of the bytes, rounded up), then grows byte by byte.
fn main() {
    let word = String::from("stressed");
    let reversed: String = word.chars().rev().collect();
    println!("{} {}", reversed, reversed.capacity());
    let accented = "héllo wörld";
    let upper: String = accented.chars().filter(|c| *c != 'l').collect();
    println!("{} {}", upper, upper.capacity());
}
