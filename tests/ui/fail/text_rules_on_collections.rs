use std::collections::{BTreeSet, HashMap};

use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(https)]
    file_urls: Vec<String>,
    #[validate(ascii)]
    tags: BTreeSet<String>,
    #[validate(trimmed)]
    fields: Option<HashMap<String, String>>,
    #[validate(https)]
    mirrors: [String; 2],
}

fn main() {}
