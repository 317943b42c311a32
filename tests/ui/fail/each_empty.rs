use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(each())]
    file_urls: Vec<String>,
}

fn main() {}
