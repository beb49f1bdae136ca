// entry: main

// eprintln! writes to stderr: unbuffered, no allocation; println! owns a buffer.
fn main() {
    eprintln!("starting {}", 1);
    let total = 5 + 6;
    println!("total = {}", total);
    eprintln!("done");
}
