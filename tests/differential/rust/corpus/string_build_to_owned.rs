// entry: build_labels

// Building Strings by hand: `String::with_capacity` reserves once, `push`
// and `push_str` append (no allocation while the capacity lasts), `as_str`
// borrows the bytes back as a `&str`, and `to_owned` copies a `&str` into a
// new String of exactly its length.
fn build_labels() -> usize {
    let mut label = String::with_capacity(16);
    label.push_str("item");
    label.push('-');
    label.push_str("42");
    println!("{} (len {}, capacity {})", label, label.len(), label.capacity());
    let view: &str = label.as_str();
    let copy = view.to_owned();
    println!("copy {} has capacity {}", copy, copy.capacity());
    let mut grown = String::new();
    for word in ["stack", "and", "heap"] {
        grown.push_str(word);
        grown.push(' ');
        println!("{:?} capacity {}", grown, grown.capacity());
    }
    label.len() + copy.len() + grown.capacity()
}

fn main() {
    println!("{}", build_labels());
}
