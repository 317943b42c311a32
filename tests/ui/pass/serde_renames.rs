use channel_model::Validate;
use serde::Serialize;

#[derive(Serialize, Validate)]
#[serde(rename_all = "camelCase")]
#[validate(exclusive(parent_id, thread_id))]
struct Message {
    #[validate(trimmed)]
    external_id: String,
    #[serde(rename = "author")]
    #[validate(nested)]
    sender: Sender,
    parent_id: Option<String>,
    thread_id: Option<String>,
}

#[derive(Serialize, Validate)]
#[serde(rename_all = "SCREAMING-KEBAB-CASE")]
struct Sender {
    #[validate(max_length = 3)]
    display_name: String,
}

fn main() {
    let message = Message {
        external_id: "1 ".into(),
        sender: Sender {
            display_name: "Ada Lovelace".into(),
        },
        parent_id: Some("0".into()),
        thread_id: Some("7".into()),
    };
    let errors = message.validate().unwrap_err();
    assert_eq!(
        errors.to_string(),
        "/externalId: must not begin or end with whitespace (character 1 is whitespace)\n\
         /author/DISPLAY-NAME: must be at most 3 characters (got 12)\n\
         at most one may be set, but these are all set: parentId, threadId"
    );

    // Every path points into the JSON that serde writes.
    let json = serde_json::to_value(&message).unwrap();
    for violation in &errors {
        assert!(
            json.pointer(&violation.path().to_string()).is_some(),
            "{violation}"
        );
    }
}
