use channel_model::{CustomError, Validate};

struct Tenant;
struct Account;

#[derive(Validate)]
#[validate(context = Tenant, custom = whole)]
struct Ticket {
    #[validate(custom = locale)]
    locale: String,
}

fn locale(_: &str, _: &Account) -> Result<(), CustomError> {
    Ok(())
}

fn whole(_: &Ticket, _: &Account) -> Result<(), CustomError> {
    Ok(())
}

fn main() {}
