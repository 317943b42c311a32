use std::time::Duration;

use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(ascii)]
    id: u32,
    #[validate(max_length = 10)]
    timeout: Duration,
    #[validate(each(trimmed))]
    retries: u8,
}

fn main() {}
