// entry: main

// A long argument makes the String grow while format! writes it.
fn main() {
    let word = String::from("supercalifragilisticexpialidocious");
    let s = format!("{}", word);
    println!("{} {}", s.len(), s.capacity());
    let t = format!("{}-{}", word, word);
    println!("{} {}", t.len(), t.capacity());
    let padded = format!("{:>40}", "right");
    println!("{}|{}", padded, padded.capacity());
}
