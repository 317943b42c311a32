use channel_model::Validate;

#[derive(Validate)]
#[validate(context = 5)]
struct Ticket {
    #[validate(required)]
    subject: String,
}

#[derive(Validate)]
#[validate(context = "Tenant")]
struct Note {
    #[validate(required)]
    text: String,
}

fn main() {}
