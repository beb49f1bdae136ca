// entry: main

// The Rust Book, ch. 6.2: matching Option<i32> and plus_one.
fn plus_one(x: Option<i32>) -> Option<i32> {
    match x {
        None => None,
        Some(i) => Some(i + 1),
    }
}

#[derive(Debug)]
enum UsState {
    Alabama,
    Alaska,
}

#[derive(Debug)]
enum Coin {
    Penny,
    Nickel,
    Dime,
    Quarter(UsState),
}

fn value_in_cents(coin: &Coin) -> u8 {
    match coin {
        Coin::Penny => 1,
        Coin::Nickel => 5,
        Coin::Dime => 10,
        Coin::Quarter(state) => {
            println!("State quarter from {:?}!", state);
            25
        }
    }
}

fn main() {
    let five = Some(5);
    let six = plus_one(five);
    let none = plus_one(None);
    println!("{:?} {:?}", six, none);
    let coins = vec![Coin::Penny, Coin::Quarter(UsState::Alaska), Coin::Dime, Coin::Quarter(UsState::Alabama), Coin::Nickel];
    let mut total = 0u32;
    for c in coins.iter() {
        total += value_in_cents(c) as u32;
    }
    println!("{} cents; first {:?}, second {:?}", total, coins[0], coins[1]);
}
