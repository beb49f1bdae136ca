// title: A Drop that prints
// entry: drop_prints
// lesson: ownership
// claim: Values are freed in the order they were created, when the function is done with all of them.
// truth: At the end of the scope Rust drops `d` before `c` (reverse order of declaration), and each drop runs the user's `drop` first, then frees the String inside; `drop(early)` runs it on the spot.
// par: 685

struct CustomSmartPointer {
    data: String,
}

impl Drop for CustomSmartPointer {
    fn drop(&mut self) {
        println!("Dropping CustomSmartPointer with data `{}`!", self.data);
    }
}

fn drop_prints() {
    let c = CustomSmartPointer { data: String::from("my stuff") };
    let d = CustomSmartPointer { data: String::from("other stuff") };
    let early = CustomSmartPointer { data: String::from("early") };
    drop(early);
    println!("CustomSmartPointers created.");
}

fn main() {
    drop_prints();
}
