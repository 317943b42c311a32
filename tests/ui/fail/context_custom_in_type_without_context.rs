use channel_model::{CustomError, Validate};

struct Tenant;

#[derive(Validate)]
struct Ticket {
    #[validate(custom = locale)]
    locale: String,
}

fn locale(_: &str, _: &Tenant) -> Result<(), CustomError> {
    Ok(())
}

fn main() {}
