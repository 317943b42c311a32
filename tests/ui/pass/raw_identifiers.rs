use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusive(r#ref, r#match))]
struct Resource {
    #[validate(required, ascii)]
    r#type: String,
    r#ref: Option<String>,
    r#match: Option<String>,
}

fn main() {
    let resource = Resource {
        r#type: String::new(),
        r#ref: Some("a".into()),
        r#match: Some("b".into()),
    };
    let errors = resource.validate().unwrap_err();
    assert_eq!(errors.iter().next().unwrap().path().to_string(), "/type");
    assert_eq!(
        errors.to_string(),
        "/type: is required and must not be empty\n\
         at most one may be set, but these are all set: ref, match"
    );
}
