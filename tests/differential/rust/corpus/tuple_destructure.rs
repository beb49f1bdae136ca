// entry: tuple_destructure

// let with tuple patterns moves the parts out; _ leaves a part in place.
fn split() -> (Vec<i64>, String, Box<i64>) {
    (vec![1, 2, 3], String::from("two"), Box::new(3))
}

fn tuple_destructure() -> i64 {
    let (numbers, _, boxed) = split();
    let (a, b) = (vec![0u8; 5], 7i64);
    numbers[2] + *boxed + a.len() as i64 + b
}

fn main() {
    println!("{}", tuple_destructure());
}
