// entry: main

// Splitting text: split, lines and split_whitespace hand out &str pieces of the
// same bytes (no allocation per piece); bytes() is TrustedLen, so collect
// allocates exactly once.
fn main() {
    let csv = String::from("name,age,,city");
    let fields: Vec<&str> = csv.split(',').collect();
    println!("{:?} {}", fields, fields.len());
    let poem = "I'm nobody! Who are you?\nAre you nobody, too?\r\n\nThen there's a pair of us";
    for (i, line) in poem.lines().enumerate() {
        println!("{}: {}", i, line);
    }
    let words: Vec<String> = poem.split_whitespace().map(|w| w.to_uppercase()).collect();
    println!("{}", words.len());
    let total: u32 = "abc".bytes().map(|b| b as u32).sum();
    let n = "a--b--c".split("--").count();
    let bs: Vec<u8> = "hey".bytes().collect();
    println!("{total} {n} {:?}", bs);
    for b in "hi".bytes().rev() {
        println!("{b}");
    }
}
