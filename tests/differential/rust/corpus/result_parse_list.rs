// entry: main

// Parse a list of numbers: the first bad one stops the whole job, and the
// Vec built so far is freed on the way out.
fn parse_all(items: &Vec<String>) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for s in items {
        match s.parse::<u32>() {
            Ok(n) => out.push(n),
            Err(_) => return Err(format!("bad number: {}", s)),
        }
    }
    Ok(out)
}

fn main() {
    let good = vec![String::from("4"), String::from("8"), String::from("15")];
    let bad = vec![String::from("16"), String::from("twenty"), String::from("42")];
    match parse_all(&good) {
        Ok(v) => println!("{:?} {}", v, v.capacity()),
        Err(e) => println!("{}", e),
    }
    match parse_all(&bad) {
        Ok(v) => println!("{:?}", v),
        Err(e) => println!("{}", e),
    }
    let total: u32 = parse_all(&good).unwrap_or(Vec::new()).iter().sum();
    println!("{}", total);
}
