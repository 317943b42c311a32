use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = 10)]
    retries: u32,
}

fn main() {}
