use channel_model::{Validate, ValidateWith};

struct Tenant;
struct Account;

#[derive(Validate)]
#[validate(context = Tenant)]
struct Ticket {
    #[validate(required)]
    subject: String,
}

fn main() {
    let ticket = Ticket { subject: "s".into() };
    let _ = ticket.validate_with(&Account);
}
