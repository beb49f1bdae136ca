// entry: chars_vs_bytes

// `len()` counts bytes, `chars().count()` counts Unicode scalar values: they
// differ as soon as the text leaves ASCII. Neither allocates: `chars()`
// decodes the UTF-8 bytes where they are.
fn chars_vs_bytes() -> usize {
    let words = ["stack", "héap", "grüße", "日本"];
    let mut total = 0;
    for w in words {
        println!("{:>6}: {} bytes, {} chars", w, w.len(), w.chars().count());
        total += w.chars().count();
    }
    total
}

fn main() {
    println!("{}", chars_vs_bytes());
}
