// entry: f64_stats

// A Vec<f64> built with pushes, read with indexing and for over &v.
fn f64_stats() -> f64 {
    let mut samples: Vec<f64> = Vec::new();
    let mut x = 1.0;
    for _ in 0..12 {
        samples.push(x);
        x = x * 1.5;
    }
    let mut total = 0.0;
    for s in &samples {
        total += *s;
    }
    let mean = total / samples.len() as f64;
    println!("{} {}", samples[11], mean);
    mean
}

fn main() {
    println!("{}", f64_stats());
}
