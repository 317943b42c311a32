use channel_model::Validate;
use serde::Serialize;

#[derive(Serialize, Validate)]
#[serde(rename_all = "snake_case")]
enum Content {
    Text {
        #[validate(max_length = 5)]
        text: String,
    },
    FileUrl(#[validate(https)] String),
    Pair(#[validate(ascii)] String, #[validate(trimmed)] String),
    Empty,
}

fn path(content: &Content) -> String {
    let errors = content.validate().unwrap_err();
    let path = errors.iter().next().unwrap().path().to_string();
    let json = serde_json::to_value(content).unwrap();
    assert!(json.pointer(&path).is_some(), "{path}");
    path
}

fn main() {
    assert_eq!(
        path(&Content::Text {
            text: "too long".into()
        }),
        "/text/text"
    );
    assert_eq!(
        path(&Content::FileUrl("http://example.com".into())),
        "/file_url"
    );
    assert_eq!(path(&Content::Pair("ok".into(), "no ".into())), "/pair/1");
    assert!(Content::Empty.validate().is_ok());
}
