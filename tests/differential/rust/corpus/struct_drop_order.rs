// entry: struct_drop_order

// A struct drops its fields in declaration order, after the locals declared after it.
struct Inventory {
    names: Vec<String>,
    counts: Vec<i64>,
    label: String,
}

fn struct_drop_order() -> usize {
    let mut inv = Inventory {
        names: Vec::new(),
        counts: Vec::with_capacity(2),
        label: String::from("inv"),
    };
    inv.names.push(String::from("apple"));
    inv.names.push(String::from("pear"));
    inv.counts.push(3);
    inv.counts.push(4);
    let extra = vec![0i64; 7];
    inv.names.len() + inv.counts.len() + inv.label.len() + extra.len()
}

fn main() {
    println!("{}", struct_drop_order());
}
