// An SDK that re-exports the runtime and its derive: the derived code names the runtime by
// the path that `crate` gives.
mod sdk {
    pub use channel_model as model;
}

use sdk::model::{CustomError, Validate};

fn no_tabs(value: &str) -> Result<(), CustomError> {
    match value.contains('\t') {
        true => Err(CustomError::new("no_tabs", "must not contain tabs")),
        false => Ok(()),
    }
}

#[derive(Validate)]
#[validate(crate = "sdk::model")]
struct Inner {
    #[validate(required)]
    id: String,
}

#[derive(Validate)]
#[validate(crate = "crate::sdk::model", exclusive(a, b))]
struct Message<T> {
    #[validate(required, max_length = 3, each(ascii, trimmed, https))]
    urls: Vec<String>,
    #[validate(custom = no_tabs)]
    a: Option<String>,
    b: Option<String>,
    #[validate(nested)]
    inner: T,
}

fn main() {
    let message = Message {
        urls: vec!["http://example.com".into()],
        a: Some("\t".into()),
        b: Some(String::new()),
        inner: Inner { id: String::new() },
    };
    let codes: Vec<String> = message
        .validate()
        .unwrap_err()
        .iter()
        .map(|v| format!("{} {}", v.path(), v.code()))
        .collect();
    assert_eq!(codes, ["/urls/0 https", "/a no_tabs", "/inner/id required", " exclusive"]);
}
