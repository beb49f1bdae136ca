// entry: main

// Fieldless enums: one byte each, Copy, compared with ==, matched exhaustively.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

fn is_weekend(d: Weekday) -> bool {
    matches!(d, Weekday::Sat | Weekday::Sun)
}

fn next(d: Weekday) -> Weekday {
    match d {
        Weekday::Mon => Weekday::Tue,
        Weekday::Tue => Weekday::Wed,
        Weekday::Wed => Weekday::Thu,
        Weekday::Thu => Weekday::Fri,
        Weekday::Fri => Weekday::Sat,
        Weekday::Sat => Weekday::Sun,
        Weekday::Sun => Weekday::Mon,
    }
}

fn main() {
    let days = [Weekday::Fri; 3];
    let mut d = days[0];
    let mut weekend = 0;
    for _ in 0..10 {
        if is_weekend(d) {
            weekend += 1;
        }
        d = next(d);
    }
    println!("{:?} {} {}", d, weekend, d == Weekday::Mon);
}
