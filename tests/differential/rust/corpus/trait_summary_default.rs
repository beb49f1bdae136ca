// entry: main

// The Rust Book, ch. 10.2: a Summary trait with a default method, implemented
// for two structs; calls are dispatched statically on the known type.
trait Summary {
    fn summarize_author(&self) -> String;

    fn summarize(&self) -> String {
        let mut s = String::from("(Read more from ");
        s.push_str(&self.summarize_author());
        s.push_str("...)");
        s
    }
}

struct Tweet {
    username: String,
    content: String,
    retweets: u32,
}

impl Summary for Tweet {
    fn summarize_author(&self) -> String {
        let mut s = String::from("@");
        s.push_str(&self.username);
        s
    }
}

struct NewsArticle {
    headline: String,
    author: String,
}

impl Summary for NewsArticle {
    fn summarize_author(&self) -> String {
        self.author.clone()
    }

    fn summarize(&self) -> String {
        let mut s = self.headline.clone();
        s.push_str(", by ");
        s.push_str(&self.author);
        s
    }
}

fn main() {
    let tweet = Tweet {
        username: String::from("horse_ebooks"),
        content: String::from("of course, as you probably already know, people"),
        retweets: 3,
    };
    let article = NewsArticle {
        headline: String::from("Penguins win the Stanley Cup Championship!"),
        author: String::from("Iceburgh"),
    };
    println!("1 new tweet: {}", tweet.summarize());
    println!("New article available! {}", article.summarize());
    println!("{} {}", tweet.content.len(), tweet.retweets);
}
