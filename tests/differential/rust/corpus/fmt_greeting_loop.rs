// entry: main

// format! in a loop: every call builds a fresh String, even a short one.
fn main() {
    let names = ["Ada", "Grace", "Linus", "Barbara"];
    let mut total = 0;
    for name in names.iter() {
        let greeting = format!("Hello, {}!", name);
        total += greeting.len();
        println!("{}", greeting);
    }
    println!("{} bytes of greetings", total);
}
