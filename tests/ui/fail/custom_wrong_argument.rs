use channel_model::{CustomError, Validate};

#[derive(Validate)]
struct Message {
    #[validate(custom = even)]
    locale: String,
}

fn even(_: &u32) -> Result<(), CustomError> {
    Ok(())
}

fn main() {}
