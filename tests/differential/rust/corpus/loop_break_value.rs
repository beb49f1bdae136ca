// entry: loop_break

// loop with break value hands a Vec out of the loop without copying its buffer.
fn loop_break() -> usize {
    let mut attempt = 0;
    let found = loop {
        let candidate: Vec<i32> = (0..attempt).collect();
        if candidate.len() >= 5 {
            break candidate;
        }
        attempt += 1;
    };
    let steps = loop {
        attempt -= 1;
        if attempt < 2 {
            break attempt;
        }
    };
    found.len() + steps as usize
}

fn main() {
    println!("{}", loop_break());
}
