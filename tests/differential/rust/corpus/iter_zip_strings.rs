// entry: main

// zip stops at the shorter side.
fn main() {
    let names = vec![String::from("ann"), String::from("bob"), String::from("cy")];
    let ages = vec![31, 42];
    let pairs: Vec<(&String, &i32)> = names.iter().zip(ages.iter()).collect();
    for (n, a) in &pairs {
        println!("{} is {}", n, a);
    }
    println!("{}", pairs.capacity());
}
