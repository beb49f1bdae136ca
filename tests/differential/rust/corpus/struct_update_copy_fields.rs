// entry: main

// Struct update with Copy fields only: the base stays fully usable.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Config {
    width: u32,
    height: u32,
    fullscreen: bool,
    scale: f64,
}

fn main() {
    let base = Config { width: 800, height: 600, fullscreen: false, scale: 1.0 };
    let big = Config { width: 1920, height: 1080, ..base };
    let full = Config { fullscreen: true, ..big };
    println!("{:?}", base);
    println!("{:?}", full);
    println!("{}", full == Config { scale: 1.0, ..full });
}
