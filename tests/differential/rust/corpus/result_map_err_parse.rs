// entry: main

fn read_age(s: &str) -> Result<u8, String> {
    let age = s.parse::<u8>().map_err(|_| String::from("not an age"))?;
    if age > 150 {
        return Err(String::from("too old"));
    }
    Ok(age)
}

fn main() {
    for input in ["42", "abc", "200", "151"] {
        match read_age(input) {
            Ok(a) => println!("age {}", a),
            Err(e) => println!("error: {}", e),
        }
    }
}
