// entry: make_words

// Returned values are freed by the caller (after the counted call); temporaries are not.
fn make_words() -> Vec<String> {
    let mut words = Vec::with_capacity(3);
    let scratch = String::from("scratch space");
    words.push("alpha".to_string());
    words.push(String::from("beta"));
    words.push(scratch.clone());
    words
}

fn main() {
    println!("{}", make_words().len());
}
