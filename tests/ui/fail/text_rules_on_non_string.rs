use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(ascii)]
    id: u64,
    #[validate(trimmed)]
    edited: bool,
}

fn main() {}
