use channel_model::{CustomError, Validate};

const FLAG: bool = true;

// `custom` takes a closure as well as a path, and a limit may be any constant expression,
// `if` included.
#[derive(Validate)]
struct Message {
    #[validate(
        max_length = if FLAG { 4 } else { 8 },
        custom = |value: &str| if value.contains(',') {
            Err(CustomError::new("comma", "must not contain a comma"))
        } else {
            Ok(())
        },
        custom = move |value: &str| match value.is_empty() {
            true => Err(CustomError::new("empty", "must not be empty")),
            false => Ok(()),
        }
    )]
    tag: String,
}

fn main() {
    assert!(Message { tag: "a".into() }.validate().is_ok());
    let errors = Message { tag: "a,b,c".into() }.validate().unwrap_err();
    let codes: Vec<&str> = errors.iter().map(|v| v.code()).collect();
    assert_eq!(codes, ["max_length", "comma"]);
    let errors = Message { tag: String::new() }.validate().unwrap_err();
    assert_eq!(errors.iter().next().unwrap().code(), "empty");
}
