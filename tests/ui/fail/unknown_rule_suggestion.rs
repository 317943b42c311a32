use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_lenght = 255)]
    body: String,
}

fn main() {}
