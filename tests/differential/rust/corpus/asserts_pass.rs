// entry: main

// assert!, assert_eq! and assert_ne! that hold: they borrow their operands
// (nothing is moved or allocated) and print nothing.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Suit {
    Hearts,
    Spades,
}

#[derive(Debug, PartialEq)]
struct Card {
    rank: u8,
    suit: Suit,
}

fn main() {
    let name = String::from("ace");
    let card = Card { rank: 1, suit: Suit::Spades };
    assert!(card.rank < 14, "rank out of range");
    assert_eq!(card, Card { rank: 1, suit: Suit::Spades });
    assert_ne!(card.suit, Suit::Hearts);
    assert_eq!(name, "ace");
    assert!(name.len() == 3);
    let maybe = Some(card.rank);
    assert_eq!(maybe, Some(1));
    println!("{} of {:?} is fine: {:?}", name, card.suit, card);
}
