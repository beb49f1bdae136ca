// entry: const_and_ranges

// const sizes, inclusive ranges and a Vec sized from a const.
const ROWS: usize = 6;
const SCALE: i64 = 3;

fn const_and_ranges() -> i64 {
    let mut table = Vec::with_capacity(ROWS);
    for r in 0..ROWS {
        table.push(r as i64 * SCALE);
    }
    let mut total = 0;
    for i in 1..=ROWS {
        total += table[i - 1];
    }
    let extra: Vec<i64> = (1..=ROWS as i64).collect();
    total + extra[ROWS - 1]
}

fn main() {
    println!("{}", const_and_ranges());
}
