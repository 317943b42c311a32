// A `Validated` value cannot be changed after it was checked.
use channel_model::{Validated, ValidateTokenRequest};

fn main() {
    let request = Validated::new(ValidateTokenRequest::new("acct-1")).unwrap();
    request.instance_push_id = String::new();
}
