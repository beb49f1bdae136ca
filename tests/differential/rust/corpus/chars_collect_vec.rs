// entry: char_vectors

// `Vec<char>` from `chars()`: 4 bytes per char, whatever the UTF-8 width.
// `Chars` only knows a lower bound of its length, so the Vec is sized at the
// first char (max(4, hint + 1)) and may grow later: no exact allocation as a
// `Vec` or a range iterator would give.
fn char_vectors() -> usize {
    let word = "abracadabra";
    let letters: Vec<char> = word.chars().collect();
    println!("{} chars, capacity {}", letters.len(), letters.capacity());
    let rare: Vec<char> = word.chars().filter(|c| *c != 'a').collect();
    println!("{:?}, capacity {}", rare, rare.capacity());
    let empty: Vec<char> = "".chars().collect();
    letters.capacity() + rare.capacity() + empty.capacity()
}

fn main() {
    println!("{}", char_vectors());
}
