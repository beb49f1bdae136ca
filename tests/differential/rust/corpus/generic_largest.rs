// entry: main

// Rust Book ch10: one generic largest<T: PartialOrd + Copy>, monomorphised
// into a copy per type it is used with: no boxing, no allocation.
fn largest<T: PartialOrd + Copy>(list: &[T]) -> T {
    let mut largest = list[0];
    for &item in list {
        if item > largest {
            largest = item;
        }
    }
    largest
}

fn main() {
    let number_list = vec![34, 50, 25, 100, 65];
    let result = largest(&number_list);
    println!("The largest number is {}", result);

    let char_list = vec!['y', 'm', 'a', 'q'];
    let result = largest(&char_list);
    println!("The largest char is {}", result);

    let floats = [1.5, -2.0, 9.25];
    println!("The largest float is {}", largest(&floats));
}
