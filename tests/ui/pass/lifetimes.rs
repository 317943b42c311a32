use channel_model::Validate;

#[derive(Validate)]
struct Borrowed<'a> {
    #[validate(ascii, max_length = 5)]
    id: &'a str,
    #[validate(each(trimmed))]
    tags: &'a [&'a str],
}

fn main() {
    let tags = ["ok", " padded"];
    let borrowed = Borrowed {
        id: "café-au-lait",
        tags: &tags,
    };
    assert_eq!(
        borrowed.validate().unwrap_err().to_string(),
        "/id: must contain only ASCII characters (character 3 is not ASCII)\n\
         /id: must be at most 5 characters (got 12)\n\
         /tags/1: must not begin or end with whitespace (character 0 is whitespace)"
    );
}
