use channel_model::Validate;
use serde::Serialize;

// A field that is never serialized has no JSON path: its rules are refused, whether the
// field is named, in a tuple, or in a variant, and so is a struct rule that names it.
#[derive(Serialize, Validate)]
#[validate(exclusive(hidden, shown))]
struct Named {
    #[serde(skip)]
    #[validate(max_length = 5)]
    local: String,
    #[serde(skip_serializing)]
    hidden: Option<String>,
    shown: Option<String>,
}

#[derive(Serialize, Validate)]
struct Tuple(#[serde(skip)] #[validate(required)] String, String);

#[derive(Serialize, Validate)]
enum Variants {
    Tuple(#[serde(skip_serializing)] #[validate(required)] String, String),
    #[serde(skip)]
    Skipped {
        #[validate(required)]
        text: String,
    },
}

fn main() {}
