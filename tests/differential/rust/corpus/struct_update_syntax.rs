// entry: main

// The Rust Book, ch. 5.1: struct update syntax. `..user1` moves the fields
// not given (the String `username`) out of user1, which is then partly moved:
// its other String field is still dropped at the end of main.
struct User {
    active: bool,
    username: String,
    email: String,
    sign_in_count: u64,
}

fn build_user(email: String, username: String) -> User {
    User { active: true, username, email, sign_in_count: 1 }
}

fn main() {
    let user1 = build_user(String::from("someone@example.com"), String::from("someusername123"));
    let user2 = User {
        email: String::from("another@example.com"),
        ..user1
    };
    println!("{} {} {} {}", user2.email, user2.username, user2.active, user2.sign_in_count);
    println!("{}", user1.email);
    let user3 = User { sign_in_count: 7, ..build_user(String::from("x@y.z"), String::from("tmp")) };
    println!("{} {}", user3.username, user3.sign_in_count);
}
