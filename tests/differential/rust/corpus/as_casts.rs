// entry: as_casts

// Numeric as casts: truncation, sign changes, float conversion.
fn as_casts() -> i64 {
    let big: i64 = 300;
    let small = big as u8;
    let negative = -1i32;
    let wrapped = negative as u32;
    let f = 7.9f64;
    let truncated = f as i64;
    let back = truncated as f64 * 1.5;
    let bytes: Vec<u8> = (250..260).map(|x: i32| x as u8).collect();
    println!("{} {} {} {} {}", small, wrapped, truncated, back, bytes[9]);
    small as i64 + (wrapped % 1000) as i64 + truncated + back as i64 + bytes.len() as i64
}

fn main() {
    println!("{}", as_casts());
}
