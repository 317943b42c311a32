use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = 100000000000000000000)]
    body: String,
}

fn main() {}
