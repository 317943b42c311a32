use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = "10")]
    body: String,
}

fn main() {}
