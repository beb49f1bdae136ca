// entry: main

// An error enum: no heap at all, unlike a String error.
#[derive(Debug)]
enum BankError {
    Insufficient { needed: u64 },
    Frozen,
}

struct Account {
    balance: u64,
    frozen: bool,
}

fn withdraw(acc: &mut Account, amount: u64) -> Result<u64, BankError> {
    if acc.frozen {
        return Err(BankError::Frozen);
    }
    if acc.balance < amount {
        return Err(BankError::Insufficient { needed: amount - acc.balance });
    }
    acc.balance -= amount;
    Ok(acc.balance)
}

fn pay_twice(acc: &mut Account, amount: u64) -> Result<u64, BankError> {
    withdraw(acc, amount)?;
    let left = withdraw(acc, amount)?;
    Ok(left)
}

fn main() {
    let mut acc = Account { balance: 100, frozen: false };
    println!("{:?}", pay_twice(&mut acc, 30));
    println!("{:?}", pay_twice(&mut acc, 30));
    acc.frozen = true;
    match withdraw(&mut acc, 1) {
        Ok(b) => println!("left {}", b),
        Err(BankError::Frozen) => println!("account frozen"),
        Err(e) => println!("{:?}", e),
    }
}
