use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusive(a, b))]
enum Content {
    Text {
        #[validate(max_length = 65535)]
        text: String,
    },
    Image {
        #[validate(https)]
        url: String,
    },
}

fn main() {}
