// entry: into_iter_map

// into_iter().map().collect() into a Vec of the same layout reuses the source buffer.
fn into_iter_map() -> Vec<i64> {
    let v: Vec<i64> = (0..100).collect();
    let squared: Vec<i64> = v.into_iter().map(|x| x * x).collect();
    let halves = squared.clone().into_iter().map(|x| x / 2).collect::<Vec<i64>>();
    println!("{}", halves[99]);
    squared
}

fn main() {
    println!("{}", into_iter_map()[10]);
}
