use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(each(https))]
    file_url: String,
}

fn main() {}
