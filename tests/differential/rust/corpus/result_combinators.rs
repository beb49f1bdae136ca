// entry: main

fn checked_div(a: i32, b: i32) -> Result<i32, String> {
    if b == 0 {
        Err(String::from("division by zero"))
    } else {
        Ok(a / b)
    }
}

fn main() {
    let doubled = checked_div(10, 2).map(|q| q * 2);
    let chained = checked_div(100, 5).and_then(|q| checked_div(q, 0));
    let recovered = checked_div(1, 0).unwrap_or_else(|e| e.len() as i32);
    println!("{:?} {:?} {}", doubled, chained, recovered);
}
