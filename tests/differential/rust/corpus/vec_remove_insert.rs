// entry: main

// A to-do list kept in a Vec: remove shifts the tail down (no allocation),
// insert shifts it up and grows the buffer like push when it is full.
fn main() {
    let mut todo: Vec<String> = Vec::new();
    todo.push(String::from("write tests"));
    todo.push(String::from("fix bug"));
    todo.push(String::from("review"));
    todo.insert(0, String::from("coffee"));
    todo.insert(2, String::from("lunch"));
    let done = todo.remove(1);
    println!("done: {done}");
    let mut i = 0;
    while i < todo.len() {
        println!("{}. {}", i + 1, todo[i]);
        i += 1;
    }
    let mut nums = vec![10, 20, 30, 40];
    nums.insert(4, 50);
    nums.insert(0, 0);
    let first = nums.remove(0);
    let last = nums.swap_remove(0);
    println!("{first} {last} {:?}", nums);
}
