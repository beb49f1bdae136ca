// entry: main

// Each closure owns its String: they drop at the end of the inner block,
// the later one first.
fn main() {
    let label = String::from("count");
    {
        let unit = String::from("items");
        let show = move |n: i32| println!("{}: {} {}", label, n, unit);
        let other = String::from("tmp");
        show(3);
        show(4);
        println!("{}", other);
    }
    println!("end of main");
}
