use channel_model::Validate;

struct Tenant;
struct Account;

#[derive(Validate)]
#[validate(context = Tenant)]
#[validate(context = Account)]
struct Ticket {
    #[validate(required)]
    subject: String,
}

fn main() {}
