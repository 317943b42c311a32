use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(ascii = true)]
    external_id: String,
}

fn main() {}
