// entry: repeat_clone

// vec![x; n] of an owning value clones it n - 1 times and moves the original in last.
fn repeat_clone() -> usize {
    let rows = vec![String::from("ab"); 3];
    let grid = vec![vec![0i32; 4]; 2];
    let boxes = vec![Box::new(7u16); 2];
    rows.len() + grid.len() * grid[1].len() + boxes.len()
}

fn main() {
    println!("{}", repeat_clone());
}
