use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(custom)]
    locale: String,
}

fn main() {}
