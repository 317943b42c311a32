use std::collections::{BTreeSet, HashMap, HashSet};

use channel_model::Validate;

#[derive(Validate, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Tag {
    #[validate(max_length = 30)]
    name: String,
}

#[derive(Validate)]
struct Message {
    #[validate(nested)]
    tags: HashSet<Tag>,
    #[validate(nested)]
    sorted_tags: Option<BTreeSet<Tag>>,
    #[validate(nested)]
    by_number: HashMap<u64, Tag>,
}

fn main() {}
