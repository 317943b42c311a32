use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(ascii, max_length = 255, ascii)]
    external_id: String,
}

fn main() {}
