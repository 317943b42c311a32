use channel_model::Validate;

const LIMIT: u32 = 10;

// Any constant expression of type `usize` is a limit: the compiler checks its type.
#[derive(Validate)]
struct Message {
    #[validate(max_length = LIMIT)]
    body: String,
}

fn main() {}
