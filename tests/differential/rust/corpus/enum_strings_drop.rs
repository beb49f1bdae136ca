// entry: main

// Enum variants that own heap data: a variant's String is freed when the
// enum value is dropped, whichever variant it is.
enum Event {
    Key(char),
    Paste(String),
    Click { x: i32, y: i32 },
    Batch(Vec<String>),
}

fn weight(e: &Event) -> usize {
    match e {
        Event::Key(_) => 1,
        Event::Paste(s) => s.len(),
        Event::Click { x, y } => (*x + *y) as usize,
        Event::Batch(v) => v.len() * 10,
    }
}

fn main() {
    let mut log = Vec::new();
    log.push(Event::Key('a'));
    log.push(Event::Paste(String::from("hello world")));
    log.push(Event::Click { x: 3, y: 4 });
    log.push(Event::Batch(vec![String::from("a"), String::from("bc")]));
    let mut total = 0;
    for e in &log {
        total += weight(e);
    }
    println!("total weight {}", total);
    let last = log.pop();
    if let Some(Event::Batch(items)) = last {
        println!("batch of {}", items.len());
    }
    println!("left {}", log.len());
}
