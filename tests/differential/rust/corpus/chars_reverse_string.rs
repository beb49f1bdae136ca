// entry: reverse_words

// Reversing a String: `chars().rev().collect::<String>()` builds a new
// String. The collect reserves the size hint's lower bound first
// ((bytes + 3) / 4 chars, at least 8 bytes), then grows as pushes need.
fn reverse_words() -> usize {
    let greeting = String::from("hello, world");
    let backwards: String = greeting.chars().rev().collect();
    println!("{} -> {}", greeting, backwards);
    let long = String::from("a man, a plan, a canal: panama");
    let reversed = long.chars().rev().collect::<String>();
    println!("{}", reversed);
    backwards.len() + reversed.capacity()
}

fn main() {
    println!("{}", reverse_words());
}
