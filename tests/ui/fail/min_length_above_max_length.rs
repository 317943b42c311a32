use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = 3, min_length = 4)]
    body: String,
    #[validate(min_length = 0)]
    title: String,
}

fn main() {}
