// entry: main

// A move closure owns the String: it is freed when the closure drops.
fn main() {
    let greeting = String::from("hello");
    let say = move |name: &str| {
        println!("{}, {}!", greeting, name);
    };
    say("Ferris");
    say("Rustacean");
}
