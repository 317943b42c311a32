use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusiv(parent_id, thread_id))]
struct Message {
    parent_id: Option<String>,
    thread_id: Option<String>,
}

fn main() {}
