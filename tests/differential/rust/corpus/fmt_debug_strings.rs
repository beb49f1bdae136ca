// entry: main

// {:?} quotes and escapes: the quotes are written one by one.
fn main() {
    let s = "tab\there";
    let d = format!("{:?}", s);
    let q = format!("{:?}", "say \"hi\"");
    let c = format!("{:?} {:?}", 'a', '\n');
    println!("{} {} {}", d, q, c);
    let v = vec![1, 2, 3];
    let list = format!("{:?}", v);
    println!("{}", list);
}
