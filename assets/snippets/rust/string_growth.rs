// title: Growing a String
// entry: string_growth
// lesson: growth
// claim: Every push_str builds a new String, so appending in a loop allocates on every iteration.
// truth: A String is a Vec<u8>: push_str reallocates only when the capacity runs out, to the larger of double and what is needed (5, then 13, then 26, 52, 104).
// par: 669

fn string_growth() -> String {
    let mut s = String::from("stack");
    s.push_str(" vs heap");
    for _ in 0..30 {
        s.push_str("!!!");
    }
    s
}

fn main() {
    println!("{}", string_growth());
}
