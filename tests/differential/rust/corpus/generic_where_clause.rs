// entry: main

// A where clause with two type parameters, and Display as a bound: the
// function formats any two printable values.
use std::fmt::Display;

fn describe<T, U>(label: T, value: U) -> String
where
    T: Display,
    U: Display + Copy,
{
    format!("{} = {}", label, value)
}

fn pair_max<T>(a: T, b: T) -> T
where
    T: PartialOrd,
{
    if a > b { a } else { b }
}

fn main() {
    let s = describe("answer", 42);
    println!("{}", s);
    let t = describe(String::from("pi"), 3.14);
    println!("{}", t);
    println!("{} {}", pair_max(3, 9), pair_max('a', 'Z'));
    let longer = pair_max(String::from("apple"), String::from("pear"));
    println!("{}", longer);
}
