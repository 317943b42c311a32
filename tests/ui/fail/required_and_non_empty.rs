use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(required, non_empty)]
    body: Option<String>,
}

fn main() {}
