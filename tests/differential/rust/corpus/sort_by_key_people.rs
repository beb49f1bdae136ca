// entry: main

// sort_by_key (Rust Book ch13): std's stable sort runs the key closure twice per
// comparison of its insertion sort; a String key is a new allocation each call.
#[derive(Debug)]
struct P {
    name: String,
    age: u32,
}

fn main() {
    let mut people = vec![
        P { name: String::from("Zoe"), age: 31 },
        P { name: String::from("Adam"), age: 25 },
        P { name: String::from("Mia"), age: 31 },
        P { name: String::from("Bob"), age: 19 },
        P { name: String::from("Eve"), age: 25 },
    ];
    let mut calls = 0;
    people.sort_by_key(|p| { calls += 1; p.age });
    for p in &people {
        println!("{} {}", p.name, p.age);
    }
    people.sort_by_key(|p| p.name.clone());
    println!("{:?} {calls}", people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>());
    let mut words = ["pear", "fig", "banana", "kiwi"];
    words.sort_by_key(|w| w.len());
    println!("{:?}", words);
}
