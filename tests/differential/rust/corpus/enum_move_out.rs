// entry: main

// Moving a field out of an enum in a match: the moved String lives on in
// the binding, the rest of the value is dropped at the end of the match.
enum Packet {
    Text(String),
    Pair(String, String),
    Nothing,
}

fn into_text(p: Packet) -> String {
    match p {
        Packet::Text(s) => s,
        Packet::Pair(a, _) => a,
        Packet::Nothing => String::new(),
    }
}

fn main() {
    let a = into_text(Packet::Text(String::from("one")));
    let b = into_text(Packet::Pair(String::from("two"), String::from("three")));
    let c = into_text(Packet::Nothing);
    println!("{} {} [{}]", a, b, c);
}
