use channel_model::Validate;

#[derive(Validate)]
#[validate(bound = "T Validate")]
struct Message<T> {
    #[validate(nested)]
    item: T,
}

fn main() {}
