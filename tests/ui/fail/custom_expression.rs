use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(custom = 1 + 2)]
    locale: String,
}

fn main() {}
