use channel_model::Validate;
use serde::Serialize;

#[derive(Serialize, Validate)]
#[serde(untagged)]
enum Id {
    Text(#[validate(ascii, max_length = 5)] String),
    Number(u64),
}

#[derive(Serialize, Validate)]
struct Resource {
    #[validate(nested)]
    id: Id,
}

fn main() {
    let resource = Resource {
        id: Id::Text("too long".into()),
    };
    let errors = resource.validate().unwrap_err();
    let path = errors.iter().next().unwrap().path().to_string();
    assert_eq!(path, "/id");
    assert!(serde_json::to_value(&resource)
        .unwrap()
        .pointer(&path)
        .is_some());
    assert!(Resource { id: Id::Number(7) }.validate().is_ok());
}
