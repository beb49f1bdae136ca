// entry: box_in_loop

// A Box created in a loop body is freed at the end of each iteration.
fn box_in_loop() -> i64 {
    let mut total = 0;
    for i in 0..10 {
        let b = Box::new(i * 3);
        total += *b;
    }
    let mut j = 0;
    while j < 3 {
        let v = vec![j; 2];
        total += v[1];
        j += 1;
    }
    total
}

fn main() {
    println!("{}", box_in_loop());
}
