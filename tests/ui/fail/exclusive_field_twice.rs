use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusive(parent_id, thread_id, parent_id))]
struct Message {
    parent_id: Option<String>,
    thread_id: Option<String>,
}

fn main() {}
