// entry: main

// A helper fn and an enum declared inside another function's body.
fn score(input: &str) -> i32 {
    enum Kind {
        Vowel,
        Other,
    }

    fn kind(b: u8) -> Kind {
        if b == 97 || b == 101 || b == 105 || b == 111 || b == 117 {
            Kind::Vowel
        } else {
            Kind::Other
        }
    }

    let mut total = 0;
    for &b in input.as_bytes() {
        total += match kind(b) {
            Kind::Vowel => 3,
            Kind::Other => 1,
        };
    }
    total
}

fn main() {
    println!("{} {}", score("banana"), score("rhythm"));
}
