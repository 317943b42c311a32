use channel_model::{CustomError, Validate};

#[derive(Validate)]
struct Message {
    #[validate(custom = "locale")]
    locale: String,
}

fn locale(_: &str) -> Result<(), CustomError> {
    Ok(())
}

fn main() {}
