use channel_model::Validate;

struct Tenant;

#[derive(Validate)]
struct Ticket {
    #[validate(context = Tenant, required)]
    subject: String,
    #[validate(each(context = Tenant))]
    tags: Vec<String>,
}

#[derive(Validate)]
enum Event {
    #[validate(context = Tenant)]
    Closed,
}

#[derive(Validate)]
#[validate(context)]
struct Note {
    #[validate(required)]
    text: String,
}

fn main() {}
