// entry: main

// The guessing game's parse (Rust Book ch02): the integer type comes from the
// annotation, through match or unwrap; parsing allocates nothing.
fn main() {
    let inputs = ["42", " 7 ", "abc", "100"];
    let mut total: u64 = 0;
    for s in inputs.iter() {
        let n: u64 = match s.trim().parse() {
            Ok(num) => num,
            Err(_) => continue,
        };
        total += n;
    }
    let x: i32 = "12".parse().expect("a number");
    let y: u8 = "300".parse().unwrap_or(0);
    println!("{total} {x} {y}");
}
