// entry: main

// Hex, octal and binary: `#` adds the 0x / 0o / 0b prefix.
fn main() {
    let n: u32 = 48879;
    let hex = format!("{:x}", n);
    let upper = format!("{:X}", n);
    let pre = format!("{:#x}", n);
    let oct = format!("{:o}", n);
    let bin = format!("{:b}", 5u8);
    let padded = format!("{:#010b}", 5u8);
    println!("{} {} {} {} {} {}", hex, upper, pre, oct, bin, padded);
    let neg: i8 = -1;
    println!("{:x}", neg);
}
