// entry: main

// Numbers to strings in a loop, collected into a Vec<String>.
fn main() {
    let mut labels: Vec<String> = Vec::new();
    for i in 0..6 {
        labels.push(i.to_string());
    }
    let mut joined = String::new();
    for l in labels.iter() {
        joined.push_str(l);
        joined.push(',');
    }
    println!("{} {}", joined, labels.len());
}
