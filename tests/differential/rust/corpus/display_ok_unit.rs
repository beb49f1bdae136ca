// entry: main

// A Display that writes with f.write_str and ends with Ok(()).
use std::fmt;

struct Greeting {
    loud: bool,
}

impl fmt::Display for Greeting {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.loud {
            f.write_str("HELLO!")?;
        } else {
            f.write_str("hello")?;
        }
        Ok(())
    }
}

fn shout(g: &Greeting) -> String {
    format!("{} {}", g, g)
}

fn main() {
    let quiet = Greeting { loud: false };
    let loud = Greeting { loud: true };
    println!("{} / {}", quiet, loud);
    let s = shout(&loud);
    println!("{}", s);
    let t = quiet.to_string() + "?";
    println!("{}", t);
}
