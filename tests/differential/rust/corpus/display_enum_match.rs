// entry: main

// Display for an enum: match on self and write a different text per variant.
use std::fmt;

enum Suit {
    Hearts,
    Spades,
}

enum Card {
    Number(u8, Suit),
    Ace(Suit),
}

impl fmt::Display for Suit {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Suit::Hearts => write!(f, "hearts"),
            Suit::Spades => write!(f, "spades"),
        }
    }
}

impl fmt::Display for Card {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Card::Number(n, s) => write!(f, "{} of {}", n, s),
            Card::Ace(s) => write!(f, "ace of {}", s),
        }
    }
}

fn main() {
    let hand = vec![Card::Number(7, Suit::Hearts), Card::Ace(Suit::Spades), Card::Number(10, Suit::Spades)];
    for c in &hand {
        println!("{}", c);
    }
    let names: Vec<String> = hand.iter().map(|c| c.to_string()).collect();
    println!("{} cards, first is {}", names.len(), names[0]);
}
