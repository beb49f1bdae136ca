// entry: main

// Searching text never allocates: contains, starts_with, ends_with and find
// only read the bytes.
fn classify(line: &str) -> &str {
    if line.starts_with("#") {
        "comment"
    } else if line.ends_with(';') {
        "statement"
    } else if line.contains("fn ") {
        "function"
    } else {
        "other"
    }
}

fn main() {
    let lines = ["# header", "let x = 5;", "fn run() {", "}"];
    for l in lines.iter() {
        println!("{:12} {}", classify(l), l);
    }
    let text = String::from("the quick brown fox");
    match text.find("brown") {
        Some(i) => println!("brown at {i}: {}", &text[i..]),
        None => println!("no brown"),
    }
    println!("{:?} {:?} {:?}", text.find('q'), text.rfind('o'), text.find("cat"));
}
