use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusive(parent_id, thred_id))]
struct Message {
    parent_id: Option<String>,
    thread_id: Option<String>,
}

fn main() {}
