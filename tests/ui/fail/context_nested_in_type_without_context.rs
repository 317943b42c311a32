use channel_model::{CustomError, Validate};

struct Limit(usize);

#[derive(Validate)]
#[validate(context = Limit)]
struct Note {
    #[validate(custom = within)]
    text: String,
}

fn within(text: &str, limit: &Limit) -> Result<(), CustomError> {
    match text.len() <= limit.0 {
        true => Ok(()),
        false => Err(CustomError::new("limit", "too long")),
    }
}

#[derive(Validate)]
struct Ticket {
    #[validate(nested)]
    note: Note,
}

fn main() {}
