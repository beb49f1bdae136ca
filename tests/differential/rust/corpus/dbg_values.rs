// entry: main

// dbg! prints file, line, column, the expression and its {:#?} to stderr,
// and hands the value back.
#[derive(Debug)]
struct Rectangle {
    width: u32,
    height: u32,
}

fn main() {
    let scale = 2;
    let rect1 = Rectangle {
        width: dbg!(30 * scale),
        height: 50,
    };
    dbg!(&rect1);
    let area = dbg!(rect1.width * rect1.height);
    println!("area {}", area);
}
