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

fn check<T: Validate>(_: &T) {}

fn main() {
    let note = Note { text: String::new() };
    let _ = note.validate();
    check(&note);
}
