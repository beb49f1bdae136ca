// entry: main

// Sub and Mul on a Money newtype with a String currency: by value, so the
// operands move into the user's function and its result is a new value.
use std::ops::{Mul, Sub};

#[derive(Debug)]
struct Money {
    cents: i64,
    currency: String,
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money { cents: self.cents - other.cents, currency: self.currency }
    }
}

impl Mul for Money {
    type Output = Money;
    fn mul(self, other: Money) -> Money {
        Money { cents: self.cents * other.cents, currency: other.currency }
    }
}

fn main() {
    let price = Money { cents: 1999, currency: String::from("EUR") };
    let discount = Money { cents: 500, currency: String::from("EUR") };
    let left = price - discount;
    println!("{:?}", left);
    let doubled = left * Money { cents: 2, currency: String::from("EUR") };
    println!("{} {}", doubled.cents, doubled.currency);
}
