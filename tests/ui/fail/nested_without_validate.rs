use channel_model::Validate;

struct Author {
    name: String,
}

#[derive(Validate)]
struct Message {
    #[validate(nested)]
    author: Author,
}

fn main() {}
