use channel_model::Validate;

#[derive(Default)]
struct Tenant;
#[derive(Default)]
struct Account;

#[derive(Validate)]
#[validate(context = Account)]
struct Author {
    #[validate(required)]
    name: String,
}

#[derive(Validate)]
#[validate(context = Tenant)]
struct Ticket {
    #[validate(nested)]
    author: Author,
    #[validate(nested)]
    authors: Vec<Author>,
}

fn main() {}
