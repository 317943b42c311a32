use channel_model::Validate;

#[derive(Validate)]
struct Author {
    #[validate(required)]
    name: String,
}

#[derive(Validate)]
struct Message {
    #[validate(nested)]
    author: Box<Author>,
    #[validate(nested)]
    editor: Option<Box<Author>>,
}

fn main() {
    let author = || {
        Box::new(Author {
            name: String::new(),
        })
    };
    let message = Message {
        author: author(),
        editor: None,
    };
    assert_eq!(
        message.validate().unwrap_err().to_string(),
        "/author/name: is required and must not be empty"
    );

    let message = Message {
        author: author(),
        editor: Some(author()),
    };
    assert_eq!(message.validate().unwrap_err().len(), 2);
}
