use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(required)]
    retries: u32,
}

fn main() {}
