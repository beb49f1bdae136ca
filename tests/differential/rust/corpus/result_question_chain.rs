// entry: main

// `?` returns the error early: a String error allocated on the way out,
// nothing after it runs.
fn check_positive(n: i32) -> Result<i32, String> {
    if n < 0 {
        return Err(String::from("negative"));
    }
    Ok(n)
}

fn double_positive(n: i32) -> Result<i32, String> {
    let checked = check_positive(n)?;
    Ok(checked * 2)
}

fn sum_doubles(a: i32, b: i32) -> Result<i32, String> {
    let x = double_positive(a)?;
    let y = double_positive(b)?;
    Ok(x + y)
}

fn main() {
    match sum_doubles(3, 4) {
        Ok(v) => println!("ok {}", v),
        Err(e) => println!("error: {}", e),
    }
    match sum_doubles(3, -1) {
        Ok(v) => println!("ok {}", v),
        Err(e) => println!("error: {}", e),
    }
}
