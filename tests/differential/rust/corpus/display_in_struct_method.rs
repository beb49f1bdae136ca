// entry: main

// A method that builds a report with format! from a type's Display, and
// eprintln! of the same value (stderr, not the output).
use std::fmt;

struct Account {
    owner: String,
    cents: u64,
}

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: ${}.{:02}", self.owner, self.cents / 100, self.cents % 100)
    }
}

impl Account {
    fn report(&self) -> String {
        format!("Account {}", self)
    }
}

fn main() {
    let acc = Account { owner: String::from("Ferris"), cents: 123405 };
    println!("{}", acc.report());
    eprintln!("audit: {}", acc);
    let short = Account { owner: String::from("Al"), cents: 7 };
    println!("{}", short);
}
