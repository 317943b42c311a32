use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(exclusive(parent_id, thread_id))]
    parent_id: Option<String>,
    thread_id: Option<String>,
}

fn main() {}
