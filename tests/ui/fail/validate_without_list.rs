use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate]
    body: String,
}

fn main() {}
