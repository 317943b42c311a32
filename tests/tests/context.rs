//! `#[validate(context = Ctx)]`: rules that read data known only at run time.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use channel_model::{CustomError, Location, Validate, ValidateWith, ValidationErrors};

/// What a tenant's plan allows.
#[derive(Default)]
struct Tenant {
    max_tags: usize,
    field_ids: HashSet<&'static str>,
}

impl Tenant {
    fn new(max_tags: usize) -> Self {
        Tenant {
            max_tags,
            field_ids: HashSet::from(["subject", "priority"]),
        }
    }
}

fn tags_within_plan(tags: &[String], tenant: &Tenant) -> Result<(), CustomError> {
    match tags.len() <= tenant.max_tags {
        true => Ok(()),
        false => Err(
            CustomError::new("plan_tags", "has more tags than the plan allows")
                .with_param("max", tenant.max_tags),
        ),
    }
}

fn known_field(id: &str, tenant: &Tenant) -> Result<(), CustomError> {
    match tenant.field_ids.contains(id) {
        true => Ok(()),
        false => Err(CustomError::new(
            "unknown_field",
            "is not a field of this account",
        )),
    }
}

fn subject_set(ticket: &Ticket, tenant: &Tenant) -> Result<(), CustomError> {
    let has_subject = ticket.fields.iter().any(|field| field.id == "subject");
    match has_subject || !tenant.field_ids.contains("subject") {
        true => Ok(()),
        false => Err(CustomError::new("subject", "must set the subject field")),
    }
}

#[derive(Validate)]
#[validate(context = Tenant, custom = subject_set)]
struct Ticket {
    #[validate(max_length = 64, custom = tags_within_plan)]
    tags: Vec<String>,
    #[validate(nested)]
    fields: Vec<FieldValue>,
    /// A type without a context nests in one with a context.
    #[validate(nested)]
    author: Option<Author>,
}

#[derive(Validate)]
#[validate(context = Tenant)]
struct FieldValue {
    #[validate(required, custom = known_field)]
    id: String,
    #[validate(max_length = 10)]
    value: String,
}

#[derive(Validate)]
struct Author {
    #[validate(required)]
    name: String,
}

fn field(id: &str) -> FieldValue {
    FieldValue {
        id: id.into(),
        value: "v".into(),
    }
}

fn ticket(tags: usize) -> Ticket {
    Ticket {
        tags: (0..tags).map(|i| format!("tag-{i}")).collect(),
        fields: vec![field("subject"), field("priority")],
        author: Some(Author {
            name: "Zoë".into()
        }),
    }
}

fn found(errors: &ValidationErrors) -> Vec<(String, &str)> {
    errors
        .iter()
        .map(|v| (v.path().to_string(), v.code()))
        .collect()
}

#[test]
fn a_per_tenant_limit_is_accepted_at_the_limit_and_rejected_one_past_it() {
    let tenant = Tenant::new(3);
    assert!(ticket(3).validate_with(&tenant).is_ok());
    let errors = ticket(4).validate_with(&tenant).unwrap_err();
    assert_eq!(found(&errors), [("/tags".to_string(), "plan_tags")]);
    let violation = errors.iter().next().unwrap();
    assert_eq!(
        serde_json::to_value(violation).unwrap()["max"],
        serde_json::json!(3)
    );
    // Another tenant's plan, the same value.
    assert!(ticket(4).validate_with(&Tenant::new(4)).is_ok());
}

#[test]
fn nested_values_receive_the_context() {
    let tenant = Tenant::new(3);
    let mut value = ticket(1);
    value.fields.push(field("colour"));
    value.fields[0].value = "x".repeat(11);
    let errors = value.validate_with(&tenant).unwrap_err();
    assert_eq!(
        found(&errors),
        [
            ("/fields/0/value".to_string(), "max_length"),
            ("/fields/2/id".to_string(), "unknown_field"),
        ]
    );
}

/// `is_valid_with` says "valid" exactly when the reporting pass (`validate_with_into`)
/// records nothing, and `validate_with` agrees, with the context at its limit and one past
/// it, on the value's own rules and on its nested values'.
#[test]
fn is_valid_with_agrees_with_validate_with_at_the_limits() {
    let agree = |value: &Ticket, tenant: &Tenant| {
        let mut errors = ValidationErrors::new();
        value.validate_with_into(tenant, &Location::root(), &mut errors);
        let valid = errors.is_empty();
        assert_eq!(value.is_valid_with(tenant), valid);
        assert_eq!(value.validate_with(tenant).is_ok(), valid);
        valid
    };
    for max_tags in 2..=4 {
        let tenant = Tenant::new(max_tags);
        assert!(agree(&ticket(max_tags), &tenant));
        assert!(!agree(&ticket(max_tags + 1), &tenant));
        let mut value = ticket(1);
        value.fields[0].value = "x".repeat(10);
        assert!(agree(&value, &tenant));
        value.fields[0].value = "x".repeat(11);
        assert!(!agree(&value, &tenant));
        let mut value = ticket(1);
        value.fields.push(field("colour"));
        assert!(!agree(&value, &tenant));
    }
}

#[test]
fn struct_rules_receive_the_context_after_the_fields() {
    let mut value = ticket(1);
    value.fields = vec![field("priority")];
    value.author = Some(Author {
        name: String::new(),
    });
    let errors = value.validate_with(&Tenant::new(3)).unwrap_err();
    assert_eq!(
        found(&errors),
        [
            ("/author/name".to_string(), "required"),
            (String::new(), "subject"),
        ]
    );
}

#[test]
fn validate_uses_the_default_context() {
    // The default tenant allows no tags and knows no fields.
    assert!(ticket(0).validate().is_err());
    let empty = Ticket {
        tags: Vec::new(),
        fields: Vec::new(),
        author: None,
    };
    assert!(empty.validate().is_ok());
    let errors = ticket(1).validate().unwrap_err();
    assert_eq!(
        found(&errors),
        [
            ("/tags".to_string(), "plan_tags"),
            ("/fields/0/id".to_string(), "unknown_field"),
            ("/fields/1/id".to_string(), "unknown_field"),
        ]
    );
}

#[test]
fn a_type_without_a_context_accepts_any() {
    let author = Author {
        name: String::new(),
    };
    assert_eq!(author.validate_with(&Tenant::new(1)), author.validate());
    assert!(author.validate_with(&42_u8).is_err());
    assert!(author.validate_with("any unsized context").is_err());
}

/// Allowed locales: an unsized context, and `custom` in `each(...)`.
#[derive(Validate)]
#[validate(context = [&'static str])]
struct Localized {
    #[validate(each(custom = allowed_locale))]
    locales: Vec<String>,
    #[validate(custom = allowed_locale)]
    default_locale: Option<String>,
}

fn allowed_locale(locale: &str, allowed: &[&'static str]) -> Result<(), CustomError> {
    match allowed.contains(&locale) {
        true => Ok(()),
        false => Err(CustomError::new(
            "locale",
            "is not a locale of this account",
        )),
    }
}

#[test]
fn an_unsized_context_reaches_each_item() {
    let value = Localized {
        locales: vec!["en-US".into(), "pt-BR".into(), "de".into()],
        default_locale: Some("fr".into()),
    };
    assert!(value
        .validate_with(&["en-US", "pt-BR", "de", "fr"][..])
        .is_ok());
    let errors = value.validate_with(&["en-US", "de"][..]).unwrap_err();
    assert_eq!(
        found(&errors),
        [
            ("/locales/1".to_string(), "locale"),
            ("/default_locale".to_string(), "locale"),
        ]
    );
}

/// An enum with a context: its variants' fields and its own rules get it.
#[derive(Validate)]
#[validate(context = Tenant, custom = event_allowed)]
enum Event {
    Tagged {
        #[validate(custom = tags_within_plan)]
        tags: Vec<String>,
    },
    Field(#[validate(nested)] FieldValue),
    Closed,
}

fn event_allowed(event: &Event, tenant: &Tenant) -> Result<(), CustomError> {
    match (event, tenant.max_tags) {
        (Event::Closed, 0) => Err(CustomError::new("closed", "cannot be closed on this plan")),
        _ => Ok(()),
    }
}

#[test]
fn enums_pass_the_context_to_variants_and_their_own_rules() {
    let tenant = Tenant::new(1);
    let tags = |n: usize| Event::Tagged {
        tags: vec!["t".into(); n],
    };
    assert!(tags(1).validate_with(&tenant).is_ok());
    let errors = tags(2).validate_with(&tenant).unwrap_err();
    assert_eq!(found(&errors), [("/Tagged/tags".to_string(), "plan_tags")]);
    let errors = Event::Field(field("colour"))
        .validate_with(&tenant)
        .unwrap_err();
    assert_eq!(found(&errors), [("/Field/id".to_string(), "unknown_field")]);
    assert!(Event::Closed.validate_with(&tenant).is_ok());
    let errors = Event::Closed.validate_with(&Tenant::new(0)).unwrap_err();
    assert_eq!(found(&errors), [(String::new(), "closed")]);
}

/// Generic types: with a context, a nested type parameter is bounded by `ValidateWith<Ctx>`,
/// and a recursive type still works.
#[derive(Validate)]
#[validate(context = Tenant)]
struct Node<T> {
    #[validate(nested)]
    value: T,
    #[validate(nested)]
    children: Vec<Node<T>>,
}

#[test]
fn generic_and_recursive_types_pass_the_context_down() {
    let tenant = Tenant::new(1);
    let tree = Node {
        value: field("subject"),
        children: vec![Node {
            value: field("subject"),
            children: vec![Node {
                value: field("colour"),
                children: Vec::new(),
            }],
        }],
    };
    let errors = tree.validate_with(&tenant).unwrap_err();
    assert_eq!(
        found(&errors),
        [(
            "/children/0/children/0/value/id".to_string(),
            "unknown_field"
        )]
    );
    // A parameter without a context fits too.
    let authors = Node {
        value: Author { name: "a".into() },
        children: vec![Node {
            value: Author {
                name: String::new(),
            },
            children: Vec::new(),
        }],
    };
    let errors = authors.validate_with(&tenant).unwrap_err();
    assert_eq!(
        found(&errors),
        [("/children/0/value/name".to_string(), "required")]
    );
}

/// The runtime's containers pass the context on.
#[derive(Validate)]
#[validate(context = Tenant)]
struct Containers<'a> {
    #[validate(nested)]
    boxed: Box<FieldValue>,
    #[validate(nested)]
    shared: Rc<FieldValue>,
    #[validate(nested)]
    arc: Arc<[FieldValue]>,
    #[validate(nested)]
    borrowed: &'a FieldValue,
    #[validate(nested)]
    map: BTreeMap<String, FieldValue>,
    #[validate(nested)]
    array: [Option<FieldValue>; 2],
    #[validate(max_length = 2, each(nested))]
    items: Option<Vec<FieldValue>>,
}

#[test]
fn containers_forward_the_context() {
    let known = field("subject");
    let value = Containers {
        boxed: Box::new(field("x1")),
        shared: Rc::new(field("x2")),
        arc: Arc::from([field("subject"), field("x3")]),
        borrowed: &known,
        map: BTreeMap::from([("k/1".to_string(), field("x4"))]),
        array: [None, Some(field("x5"))],
        items: Some(vec![field("priority"), field("x6")]),
    };
    let errors = value.validate_with(&Tenant::new(1)).unwrap_err();
    assert_eq!(
        found(&errors),
        [
            ("/boxed/id".to_string(), "unknown_field"),
            ("/shared/id".to_string(), "unknown_field"),
            ("/arc/1/id".to_string(), "unknown_field"),
            ("/map/k~11/id".to_string(), "unknown_field"),
            ("/array/1/id".to_string(), "unknown_field"),
            ("/items/1/id".to_string(), "unknown_field"),
        ]
    );
}

/// A context without `Default`: `validate_with` only.
struct Limit(usize);

fn within(value: &str, limit: &Limit) -> Result<(), CustomError> {
    match value.chars().count() <= limit.0 {
        true => Ok(()),
        false => Err(CustomError::new("limit", "is too long for this tenant")),
    }
}

#[derive(Validate)]
#[validate(context = Limit)]
struct Note(#[validate(custom = within)] String);

#[test]
fn a_context_without_default_validates_with_one() {
    // 4 characters, 5 bytes.
    let note = Note("Zoë!".into());
    assert!(note.validate_with(&Limit(4)).is_ok());
    assert!(note.validate_with(&Limit(3)).is_err());
}

/// The model's own types nest in a type with a context, including those whose `Validate` is
/// written by hand.
#[derive(Validate)]
#[validate(context = Tenant)]
struct Inbox {
    #[validate(nested)]
    events: Vec<channel_model::Event>,
}

#[test]
fn the_models_types_nest_in_a_type_with_a_context() {
    let malformed = channel_model::Event::from_value(
        serde_json::json!({ "type_id": "resources_created_from_external_ids" }),
    );
    let inbox = Inbox {
        events: vec![malformed],
    };
    let errors = inbox.validate_with(&Tenant::new(1)).unwrap_err();
    assert_eq!(found(&errors), [("/events/0".to_string(), "event_data")]);
}

#[test]
fn a_validated_value_with_a_context_is_proof_of_that_context() {
    let tenant = Tenant::new(2);
    let Ok(validated) = channel_model::Validated::new_with(ticket(2), &tenant) else {
        panic!("two tags fit a plan of two");
    };
    assert_eq!(validated.tags.len(), 2);
    let Err(invalid) = channel_model::Validated::new_with(ticket(3), &tenant) else {
        panic!("three tags do not fit a plan of two");
    };
    assert_eq!(
        found(invalid.errors()),
        [("/tags".to_string(), "plan_tags")]
    );
    assert_eq!(invalid.into_value().tags.len(), 3);
}

/// A type without a context cannot pass one on.
#[derive(Validate)]
struct Envelope {
    #[validate(nested)]
    ticket: Ticket,
}

#[test]
fn a_type_without_a_context_validates_nested_ones_with_their_default() {
    let envelope = Envelope { ticket: ticket(1) };
    // The default tenant allows no tags and knows no fields, whatever tenant is given.
    let errors = envelope.validate_with(&Tenant::new(5)).unwrap_err();
    assert_eq!(envelope.validate().unwrap_err(), errors);
    assert_eq!(errors.iter().next().unwrap().code(), "plan_tags");
}
