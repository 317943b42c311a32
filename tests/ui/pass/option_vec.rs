use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(non_empty, max_length = 3, each(https))]
    file_urls: Option<Vec<String>>,
}

/// `path code` of each violation of a message with these URLs.
fn violations(file_urls: Option<&[&str]>) -> Vec<String> {
    let file_urls = file_urls.map(|urls| urls.iter().map(|url| url.to_string()).collect());
    match (Message { file_urls }).validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|violation| format!("{} {}", violation.path(), violation.code()))
            .collect(),
    }
}

fn main() {
    assert!(violations(None).is_empty());
    assert!(violations(Some(&["https://example.com/a.png", "b.png"])).is_empty());
    assert_eq!(violations(Some(&[])), ["/file_urls non_empty"]);
    assert_eq!(
        violations(Some(&["a", "b", "c", "http://example.com/d"])),
        ["/file_urls max_length", "/file_urls/3 https"]
    );
}
