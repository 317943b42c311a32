use channel_model::{CustomError, Validate};

#[derive(Validate)]
#[validate(custom = check)]
struct Message {
    text: String,
}

fn check(_: &str) -> Result<(), CustomError> {
    Ok(())
}

fn main() {}
