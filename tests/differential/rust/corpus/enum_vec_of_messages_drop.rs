// entry: main

// A Vec of enums with heap data: clearing the Vec drops each element's
// String or Vec, first to last, and keeps the Vec's own buffer.
enum Msg {
    Text(String),
    Numbers(Vec<i32>),
    Ping,
}

fn size(m: &Msg) -> usize {
    match m {
        Msg::Text(s) => s.len(),
        Msg::Numbers(v) => v.len(),
        Msg::Ping => 0,
    }
}

fn main() {
    let mut inbox = Vec::with_capacity(4);
    inbox.push(Msg::Text(String::from("hello")));
    inbox.push(Msg::Ping);
    inbox.push(Msg::Numbers(vec![1, 2, 3]));
    inbox.push(Msg::Text(String::from("bye")));
    let total: usize = inbox.iter().map(|m| size(m)).sum();
    println!("{} messages, {} units", inbox.len(), total);
    inbox.clear();
    println!("{} left, capacity {}", inbox.len(), inbox.capacity());
    inbox.push(Msg::Ping);
    println!("{}", inbox.len());
}
