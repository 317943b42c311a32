// A `Validated` cannot be built around a value without validating it.
use channel_model::{Validated, ValidateTokenRequest};

fn main() {
    let _ = Validated(ValidateTokenRequest::new(""));
}
