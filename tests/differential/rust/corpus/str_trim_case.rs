// entry: main

// Cleaning user input: trim borrows a slice of the same bytes, the case
// conversions allocate a new String of the same length.
fn normalize(input: &str) -> String {
    let t = input.trim();
    t.to_lowercase()
}

fn main() {
    let raw = String::from("   Hello, World!  \n");
    let clean = normalize(&raw);
    println!("[{}] [{}]", raw.trim_start(), clean);
    println!("[{}]", raw.trim_end());
    let shout = clean.to_uppercase();
    println!("{shout}");
    let german = "straße";
    println!("{} {}", german.to_uppercase(), german.len());
    let ascii = "MiXeD".to_ascii_lowercase();
    println!("{ascii} {}", "abc".to_ascii_uppercase());
}
