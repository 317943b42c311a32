use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusive(parent_id, thread))]
struct Message {
    #[validate(max_length = 0)]
    body: String,
    #[validate(trimed)]
    parent_id: Option<String>,
    thread_id: Option<String>,
}

fn main() {}
