// entry: main

// An inventory with an error enum and `?`: a failed order allocates only
// the error's String, a good one only the receipt.
#[derive(Debug)]
enum OrderError {
    UnknownItem(String),
    OutOfStock { item: String, left: u32 },
}

struct Stock {
    names: Vec<String>,
    counts: Vec<u32>,
}

fn find(stock: &Stock, name: &str) -> Result<usize, OrderError> {
    stock
        .names
        .iter()
        .position(|n| n == name)
        .ok_or(OrderError::UnknownItem(String::from(name)))
}

fn order(stock: &mut Stock, name: &str, qty: u32) -> Result<String, OrderError> {
    let i = find(stock, name)?;
    if stock.counts[i] < qty {
        return Err(OrderError::OutOfStock { item: stock.names[i].clone(), left: stock.counts[i] });
    }
    stock.counts[i] -= qty;
    Ok(format!("{} x {}", qty, name))
}

fn main() {
    let mut stock = Stock {
        names: vec![String::from("apple"), String::from("pear")],
        counts: vec![5, 1],
    };
    for (name, qty) in [("apple", 2), ("pear", 3), ("plum", 1), ("apple", 3)] {
        match order(&mut stock, name, qty) {
            Ok(receipt) => println!("ok: {}", receipt),
            Err(e) => println!("failed: {:?}", e),
        }
    }
    let left: u32 = stock.counts.iter().sum();
    println!("{} left", left);
}
