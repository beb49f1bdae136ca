// entry: pop_sum

// pop never shrinks the buffer; while let drains it.
fn pop_sum() -> i64 {
    let mut v = vec![10i64, 20, 30, 40, 50];
    let mut total = 0;
    while let Some(x) = v.pop() {
        total += x;
    }
    v.push(1);
    total + v.capacity() as i64
}

fn main() {
    println!("{}", pop_sum());
}
