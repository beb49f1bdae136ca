// entry: main

// Methods on an enum that return Option, matched with if let and nested patterns.
#[derive(Debug)]
enum Account {
    Empty,
    Funded { owner: String, cents: u64 },
}

impl Account {
    fn open(owner: &str, cents: u64) -> Account {
        if cents == 0 {
            Account::Empty
        } else {
            Account::Funded { owner: String::from(owner), cents }
        }
    }

    fn balance(&self) -> Option<u64> {
        match self {
            Account::Empty => None,
            Account::Funded { cents, .. } => Some(*cents),
        }
    }

    fn owner(&self) -> Option<&String> {
        if let Account::Funded { owner, .. } = self {
            Some(owner)
        } else {
            None
        }
    }
}

fn main() {
    let a = Account::open("ann", 250);
    let b = Account::open("bob", 0);
    println!("{:?} {:?}", a.balance(), b.balance());
    if let Some(name) = a.owner() {
        println!("owner {}", name);
    }
    match (a.balance(), b.balance()) {
        (Some(x), None) if x > 100 => println!("rich and empty"),
        (Some(_), _) => println!("some"),
        (None, _) => println!("none"),
    }
    println!("{:?}", a);
}
