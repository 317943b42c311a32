use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = 0)]
    body: String,
}

fn main() {}
