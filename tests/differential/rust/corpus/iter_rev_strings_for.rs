// entry: main

fn main() {
    let stack = vec![String::from("first"), String::from("second"), String::from("third")];
    for (i, s) in stack.into_iter().rev().enumerate() {
        if i == 2 {
            break;
        }
        println!("{}: {}", i, s);
    }
    println!("done");
}
