use channel_model::Validate;

#[derive(Validate)]
struct Item {
    #[validate(max_length = 3)]
    name: String,
}

#[derive(Validate)]
struct Envelope<T> {
    #[validate(nested)]
    payload: T,
    #[validate(each(nested))]
    items: Vec<T>,
}

fn item(name: &str) -> Item {
    Item { name: name.into() }
}

fn main() {
    let envelope = Envelope {
        payload: item("abcd"),
        items: vec![item("ok"), item("too long")],
    };
    assert_eq!(
        envelope.validate().unwrap_err().to_string(),
        "/payload/name: must be at most 3 characters (got 4)\n\
         /items/1/name: must be at most 3 characters (got 8)"
    );
}
