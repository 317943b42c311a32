// A `Validated` cannot be deserialized: that would skip the rules.
use channel_model::{Validated, ValidateTokenRequest};

fn main() {
    let _ = serde_json::from_str::<Validated<ValidateTokenRequest>>(r#"{"instance_push_id":""}"#);
}
