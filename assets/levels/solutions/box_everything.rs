// title: Sum of three boxes (solution)
// entry: sum_value_boxed

fn sum_value_boxed() -> i64 {
    let a = 1;
    let b = 2;
    let c = a + b;
    c
}

fn main() {
    println!("{}", sum_value_boxed());
}
