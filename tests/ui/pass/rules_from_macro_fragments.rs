use channel_model::{CustomError, Validate};

fn no_tabs(value: &str) -> Result<(), CustomError> {
    match value.contains('\t') {
        true => Err(CustomError::new("no_tabs", "must not contain tabs")),
        false => Ok(()),
    }
}

// `macro_rules!` hands limits and functions over as `$x:literal`, `$x:expr` and `$x:path`
// fragments, wrapped in invisible groups.
macro_rules! payload {
    ($name:ident, $literal:literal, $expr:expr, $path:path, $closure:expr) => {
        #[derive(Validate)]
        struct $name {
            #[validate(max_length = $literal, custom = $path)]
            literal: String,
            #[validate(max_length = $expr, custom = $closure)]
            expr: String,
        }
    };
}

payload!(
    Message,
    3,
    2 * 2,
    no_tabs,
    |value: &str| match value.starts_with('-') {
        true => Err(CustomError::new("dash", "must not start with a dash")),
        false => Ok(()),
    }
);

fn main() {
    let valid = Message {
        literal: "abc".into(),
        expr: "abcd".into(),
    };
    assert!(valid.validate().is_ok());
    let invalid = Message {
        literal: "a\tcd".into(),
        expr: "-bcde".into(),
    };
    assert_eq!(
        invalid.validate().unwrap_err().to_string(),
        "/literal: must be at most 3 characters (got 4)\n\
         /literal: must not contain tabs\n\
         /expr: must be at most 4 characters (got 5)\n\
         /expr: must not start with a dash"
    );
}
