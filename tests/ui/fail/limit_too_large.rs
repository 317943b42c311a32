use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(max_length = 100000000000000000000)]
    body: String,
    #[validate(min_length = 18446744073709551616)]
    subject: String,
    #[validate(each(max_length = 99999999999999999999999))]
    tags: Vec<String>,
    #[validate(max_length = 300u8)]
    title: String,
}

fn main() {}
