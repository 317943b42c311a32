use channel_model::Validate;
use serde::Serialize;

#[derive(Serialize, Validate)]
#[serde(tag = "kind")]
enum Content {
    Text {
        #[validate(max_length = 5)]
        text: String,
    },
    #[validate(exclusive(url, data))]
    Image {
        #[validate(https)]
        url: Option<String>,
        data: Option<String>,
    },
}

fn main() {
    let text = Content::Text {
        text: "too long".into(),
    };
    let errors = text.validate().unwrap_err();
    let path = errors.iter().next().unwrap().path().to_string();
    assert_eq!(path, "/text");
    assert!(serde_json::to_value(&text)
        .unwrap()
        .pointer(&path)
        .is_some());

    let image = Content::Image {
        url: Some("http://example.com/a.png".into()),
        data: Some("iVBORw0KGgo=".into()),
    };
    assert_eq!(
        image.validate().unwrap_err().to_string(),
        "/url: must be an https URL (an absolute URL needs the https scheme and a host)\n\
         at most one may be set, but these are all set: url, data"
    );
}
