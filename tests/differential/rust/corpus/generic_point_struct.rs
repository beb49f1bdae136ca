// entry: main

// Rust Book ch10: struct Point<T> and a method on it; Point<i32> and
// Point<f64> are two sizes on the stack.
struct Point<T> {
    x: T,
    y: T,
}

impl<T> Point<T> {
    fn x(&self) -> &T {
        &self.x
    }
}

fn main() {
    let integer = Point { x: 5, y: 10 };
    let float = Point { x: 1.0, y: 4.0 };
    println!("integer.x = {}", integer.x());
    println!("float.x = {}, y = {}", float.x(), float.y);
    println!("{}", integer.y);
}
