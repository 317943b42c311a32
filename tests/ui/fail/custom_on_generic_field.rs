use std::fmt::Display;

use channel_model::{CustomError, Validate};

#[derive(Validate)]
struct Envelope<T> {
    #[validate(custom = printable)]
    payload: T,
}

fn printable<T: Display>(value: &T) -> Result<(), CustomError> {
    match value.to_string().is_empty() {
        true => Err(CustomError::new("printable", "must print as something")),
        false => Ok(()),
    }
}

fn main() {}
