use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = 10, each(https))]
    attachment_ids: Vec<u64>,
}

fn main() {}
