use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = String::new().len())]
    title: String,
}

fn main() {}
