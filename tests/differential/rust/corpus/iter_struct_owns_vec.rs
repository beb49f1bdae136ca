// entry: main

// An iterator that owns a Vec of Strings and hands them out one by one.
struct Queue {
    items: Vec<String>,
}

impl Iterator for Queue {
    type Item = String;

    fn next(&mut self) -> Option<Self::Item> {
        self.items.pop()
    }
}

fn main() {
    let q = Queue { items: vec![String::from("one"), String::from("two"), String::from("three")] };
    for s in q {
        println!("{} ({} bytes)", s, s.len());
    }
    let q2 = Queue { items: vec![String::from("a"), String::from("bb")] };
    let total: usize = q2.map(|s| s.len()).sum();
    println!("{}", total);
}
