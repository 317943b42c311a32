use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length)]
    body: String,
}

fn main() {}
