// entry: main

fn halve(n: u32) -> Result<u32, String> {
    if n % 2 == 0 {
        Ok(n / 2)
    } else {
        Err(format!("{} is odd", n))
    }
}

fn main() {
    let a = halve(10).unwrap();
    let b = halve(7).unwrap_or(0);
    let c = halve(8).expect("eight is even");
    println!("{} {} {}", a, b, c);
    let r = halve(3);
    println!("{} {}", r.is_ok(), r.is_err());
    let short = halve(5).map_err(|e| e.len());
    println!("{:?}", short);
    let o = halve(12).ok();
    println!("{:?}", o);
}
