// entry: main

// The Rust Book, ch. 6.1: IpAddr with data in each variant.
enum IpAddr {
    V4(u8, u8, u8, u8),
    V6(String),
}

impl IpAddr {
    fn is_loopback(&self) -> bool {
        match self {
            IpAddr::V4(127, _, _, _) => true,
            IpAddr::V4(..) => false,
            IpAddr::V6(s) => s == "::1",
        }
    }
}

fn main() {
    let home = IpAddr::V4(127, 0, 0, 1);
    let loopback = IpAddr::V6(String::from("::1"));
    let other = IpAddr::V6(String::from("fe80::1"));
    println!("{} {} {}", home.is_loopback(), loopback.is_loopback(), other.is_loopback());
    if let IpAddr::V4(a, b, c, d) = home {
        println!("{}.{}.{}.{}", a, b, c, d);
    }
}
