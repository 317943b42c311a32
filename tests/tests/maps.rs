//! Maps: the length rules count entries; `each(...)` and `nested` reach the values, at their
//! key (RFC 6901-escaped in the pointer); a `HashMap`'s violations come sorted by key.

use std::collections::{BTreeMap, HashMap};

use channel_model::Validate;
use channel_tests::violations;
use indexmap::IndexMap;

fn v(path: &str, code: &str) -> (String, String) {
    (path.to_owned(), code.to_owned())
}

#[derive(Validate)]
struct Field {
    #[validate(required, max_length = 3)]
    value: String,
}

#[derive(Validate, Default)]
struct Ticket {
    #[validate(max_length = 40, each(required, max_length = 3))]
    fields: HashMap<String, String>,
    #[validate(nested)]
    nested: BTreeMap<String, Field>,
    #[validate(non_empty, each(nested))]
    ordered: Option<IndexMap<String, Field>>,
    #[validate(nested)]
    hashed: HashMap<&'static str, Field>,
}

fn field(value: &str) -> Field {
    Field {
        value: value.into(),
    }
}

#[test]
fn values_are_checked_at_their_key_at_the_boundary() {
    let mut ticket = Ticket::default();
    ticket.fields.insert("subject".into(), "abc".into());
    ticket.nested.insert("priority".into(), field("abc"));
    assert!(violations(&ticket).is_empty());
    ticket.fields.insert("subject".into(), "abcd".into());
    ticket.nested.insert("priority".into(), field(""));
    assert_eq!(
        violations(&ticket),
        [
            v("/fields/subject", "max_length"),
            v("/nested/priority/value", "required")
        ]
    );
}

#[test]
fn keys_are_escaped_in_the_pointer() {
    let mut ticket = Ticket::default();
    ticket.fields.insert("a/b~c".into(), String::new());
    assert_eq!(violations(&ticket), [v("/fields/a~1b~0c", "required")]);
}

#[test]
fn hash_map_violations_come_sorted_by_key() {
    let mut ticket = Ticket::default();
    for i in 0..40 {
        ticket.fields.insert(format!("k{i:02}"), "ok".into());
        ticket
            .hashed
            .insert(["x", "b", "m", "a", "z"][i % 5], field("ok"));
    }
    for key in ["k31", "k07", "k19", "k02"] {
        ticket.fields.insert(key.into(), "long".into());
    }
    ticket.fields.insert("k19".into(), String::new());
    for key in ["z", "a", "m"] {
        ticket.hashed.insert(key, field("long"));
    }
    let expected = [
        v("/fields/k02", "max_length"),
        v("/fields/k07", "max_length"),
        v("/fields/k19", "required"),
        v("/fields/k31", "max_length"),
        v("/hashed/a/value", "max_length"),
        v("/hashed/m/value", "max_length"),
        v("/hashed/z/value", "max_length"),
    ];
    assert_eq!(violations(&ticket), expected);
    // Entries still count for the length rules.
    ticket.fields.insert("k40".into(), "ok".into());
    assert_eq!(violations(&ticket)[0], v("/fields", "max_length"));
}

#[test]
fn index_maps_keep_their_insertion_order() {
    let mut ordered = IndexMap::new();
    ordered.insert("second".to_owned(), field("long"));
    ordered.insert("first".to_owned(), field(""));
    let ticket = Ticket {
        ordered: Some(ordered),
        ..Ticket::default()
    };
    assert_eq!(
        violations(&ticket),
        [
            v("/ordered/second/value", "max_length"),
            v("/ordered/first/value", "required")
        ]
    );
    let empty = Ticket {
        ordered: Some(IndexMap::new()),
        ..Ticket::default()
    };
    assert_eq!(violations(&empty), [v("/ordered", "non_empty")]);
}
