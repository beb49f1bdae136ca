// entry: main

// A traffic light as an enum state machine with methods returning the next state.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Light {
    Red,
    Green,
    Yellow,
}

impl Light {
    fn next(self) -> Light {
        match self {
            Light::Red => Light::Green,
            Light::Green => Light::Yellow,
            Light::Yellow => Light::Red,
        }
    }

    fn seconds(&self) -> u32 {
        match *self {
            Light::Red => 30,
            Light::Green => 25,
            Light::Yellow => 5,
        }
    }
}

fn main() {
    let mut light = Light::Red;
    let mut total = 0;
    for _ in 0..7 {
        total += light.seconds();
        light = light.next();
    }
    println!("{:?} after {} seconds", light, total);
    println!("{}", light == Light::Green);
}
