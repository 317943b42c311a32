use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(non_empty)]
    retries: Option<u32>,
}

fn main() {}
