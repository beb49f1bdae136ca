// entry: vec_of_vecs

// A Vec of Vecs: the outer buffer holds headers, each inner Vec has its own buffer.
fn vec_of_vecs() -> usize {
    let mut grid: Vec<Vec<i32>> = Vec::new();
    for row in 0..5 {
        let mut line = Vec::new();
        for col in 0..row {
            line.push(col);
        }
        grid.push(line);
    }
    let mut cells = 0;
    for line in &grid {
        cells += line.len();
    }
    cells
}

fn main() {
    println!("{}", vec_of_vecs());
}
