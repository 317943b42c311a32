use channel_model::Validate;

#[derive(Validate)]
#[validate(required)]
struct Message {
    body: String,
}

fn main() {}
