// entry: main

// Parsing with `?`: the ParseIntError is one byte, nothing on the heap.
use std::num::ParseIntError;

fn parse_sum(a: &str, b: &str) -> Result<i32, ParseIntError> {
    let x = a.parse::<i32>()?;
    let y = b.parse::<i32>()?;
    Ok(x + y)
}

fn main() {
    println!("{:?}", parse_sum("12", "30"));
    println!("{:?}", parse_sum("12", "x1"));
    println!("{:?}", parse_sum("", "1"));
    println!("{:?}", "300".parse::<u8>());
    println!("{:?}", "-5".parse::<u32>());
    println!("{:?}", "-129".parse::<i8>());
    println!("{:?}", "+42".parse::<i64>());
}
