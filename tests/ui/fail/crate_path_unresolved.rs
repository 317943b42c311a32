use channel_model::Validate;

// Every path the derive writes starts with the `crate` given.
#[derive(Validate)]
#[validate(crate = "missing")]
struct Message {
    #[validate(required)]
    id: String,
}

fn main() {}
