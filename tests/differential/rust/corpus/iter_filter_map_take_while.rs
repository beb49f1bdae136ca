// entry: main

// filter_map keeps the Some values; take_while stops at the first miss.
fn main() {
    let inputs = vec!["3", "x", "12", "", "7", "40"];
    let numbers: Vec<i32> = inputs.iter().filter_map(|s| s.parse::<i32>().ok()).collect();
    println!("{:?} cap {}", numbers, numbers.capacity());
    let small: Vec<i32> = numbers.iter().copied().take_while(|n| *n < 10).collect();
    let rest: Vec<i32> = numbers.iter().copied().skip_while(|n| *n < 10).collect();
    println!("{:?} {:?}", small, rest);
    let words = vec![String::from("keep"), String::from("these"), String::from("STOP"), String::from("gone")];
    let before_stop: Vec<String> = words.into_iter().take_while(|w| w != "STOP").collect();
    println!("{:?}", before_stop);
}
