// entry: main

// Splitting a String into word slices by hand: each &str borrows the
// String's buffer; only the Vec of slices allocates.
fn words(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..bytes.len() {
        if bytes[i] == 32 {
            if i > start {
                out.push(&s[start..i]);
            }
            start = i + 1;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn main() {
    let text = String::from("the quick  brown fox jumps");
    let w = words(&text);
    println!("{} words: {:?}", w.len(), w);
    println!("{} {}", w.contains(&"fox"), w.contains(&"cat"));
    println!("{:?} {:?}", w.first(), w.get(9));
}
