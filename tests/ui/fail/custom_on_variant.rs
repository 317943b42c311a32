use channel_model::{CustomError, Validate};

#[derive(Validate)]
enum Content {
    #[validate(custom = check)]
    Text { text: String },
}

fn check(_: &Content) -> Result<(), CustomError> {
    Ok(())
}

fn main() {}
