use channel_model::Validate;

#[derive(Validate)]
struct Author {
    #[validate(max_length = 3)]
    name: String,
}

// The derive also says whether an `Author` is empty (never), so `required` accepts
// `Option<Author>`.
#[derive(Validate)]
struct Message {
    #[validate(required, nested)]
    author: Option<Author>,
}

fn main() {
    assert_eq!(
        Message { author: None }.validate().unwrap_err().to_string(),
        "/author: is required and must not be empty"
    );
    let author = Some(Author {
        name: "Ada Lovelace".into(),
    });
    assert_eq!(
        Message { author }.validate().unwrap_err().to_string(),
        "/author/name: must be at most 3 characters (got 12)"
    );
}
