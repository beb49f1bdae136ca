// entry: main

// The Rust Book, ch. 6: a Coin enum matched to its value, a Message enum with four kinds of variant.
enum Coin { Penny, Nickel, Dime, Quarter }

fn value_in_cents(coin: Coin) -> u8 {
    match coin {
        Coin::Penny => {
            println!("Lucky penny!");
            1
        }
        Coin::Nickel => 5,
        Coin::Dime => 10,
        Coin::Quarter => 25,
    }
}

enum Message {
    Quit,
    Move { x: i32, y: i32 },
    Write(String),
    ChangeColor(i32, i32, i32),
}

impl Message {
    fn call(&self) -> i32 {
        match self {
            Message::Quit => 0,
            Message::Move { x, y } => x + y,
            Message::Write(s) => s.len() as i32,
            Message::ChangeColor(r, _, b) => r + b,
        }
    }
}

fn main() {
    let c = value_in_cents(Coin::Penny) + value_in_cents(Coin::Dime);
    println!("{}", c);
    let msgs = vec![Message::Quit, Message::Move { x: 1, y: 2 }, Message::Write(String::from("hello")), Message::ChangeColor(1, 2, 3)];
    let mut total = 0;
    for m in &msgs {
        total += m.call();
    }
    println!("total {}", total);
    let w = Message::Write(String::from("abc"));
    if let Message::Write(s) = w {
        println!("wrote {}", s);
    }
}
