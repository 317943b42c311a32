use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(uppercase)]
    body: String,
}

fn main() {}
