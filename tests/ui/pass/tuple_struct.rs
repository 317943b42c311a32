use channel_model::Validate;

#[derive(Validate)]
struct ExternalId(#[validate(ascii, max_length = 5)] String);

#[derive(Validate)]
struct Link(
    #[validate(max_length = 10)] String,
    #[validate(https)] String,
);

#[derive(Validate)]
struct Resource {
    #[validate(nested)]
    id: ExternalId,
    #[validate(nested)]
    link: Link,
}

fn main() {
    let resource = Resource {
        id: ExternalId("123456".into()),
        link: Link("home".into(), "http://example.com".into()),
    };
    let paths: Vec<String> = resource
        .validate()
        .unwrap_err()
        .iter()
        .map(|violation| violation.path().to_string())
        .collect();
    assert_eq!(paths, ["/id", "/link/1"]);
}
