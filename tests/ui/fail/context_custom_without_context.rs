use channel_model::{CustomError, Validate};

struct Tenant;

#[derive(Validate)]
#[validate(context = Tenant)]
struct Ticket {
    #[validate(custom = locale)]
    locale: String,
}

fn locale(_: &str) -> Result<(), CustomError> {
    Ok(())
}

fn main() {}
