use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusive(parent_id, thread_id))]
struct Message {
    parent_id: Option<String>,
    thread_id: String,
}

fn main() {}
