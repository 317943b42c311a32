use channel_model::Validate;

// The rules are written outside the `macro_rules!` that holds the derive: the code the derive
// generates must still find its own variables.
macro_rules! payload {
    ($name:ident { $($fields:tt)* }) => {
        #[derive(Validate)]
        struct $name { $($fields)* }
    };
}

payload!(Message {
    #[validate(max_length = 3, each(max_length = 2))]
    tags: Vec<String>,
});

fn main() {
    let message = Message {
        tags: vec!["abc".into()],
    };
    assert_eq!(
        message.validate().unwrap_err().to_string(),
        "/tags/0: must be at most 2 characters (got 3)"
    );
}
