// entry: move_into

// A Vec moved into a function is freed there; a String moved in and returned is not.
fn total_len(v: Vec<i64>) -> usize {
    v.len()
}

fn shout(mut s: String) -> String {
    s.push_str("!");
    s
}

fn move_into() -> usize {
    let numbers = vec![1i64, 2, 3, 4];
    let n = total_len(numbers);
    let word = String::from("heap");
    let loud = shout(word);
    let again = shout(loud);
    println!("{}", again);
    n + again.len()
}

fn main() {
    println!("{}", move_into());
}
