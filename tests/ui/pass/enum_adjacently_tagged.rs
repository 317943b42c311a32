use channel_model::Validate;
use serde::Serialize;

#[derive(Serialize, Validate)]
#[serde(tag = "kind", content = "data")]
enum Content {
    Text {
        #[validate(max_length = 5)]
        text: String,
    },
}

fn main() {
    let text = Content::Text {
        text: "too long".into(),
    };
    let errors = text.validate().unwrap_err();
    let path = errors.iter().next().unwrap().path().to_string();
    assert_eq!(path, "/data/text");
    assert!(serde_json::to_value(&text)
        .unwrap()
        .pointer(&path)
        .is_some());
}
