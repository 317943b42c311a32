//! `#[derive(Validate)]` for [`channel-model`](https://docs.rs/channel-model).
//!
//! Use it through `channel_model::Validate`, which re-exports it beside the trait; the rules
//! are documented there:
//!
//! ```
//! use channel_model::Validate;
//!
//! #[derive(Validate)]
//! struct Reply {
//!     #[validate(required, trimmed, max_length = 255)]
//!     external_id: String,
//!     #[validate(max_length = 10, each(https))]
//!     file_urls: Vec<String>,
//! }
//!
//! let reply = Reply { external_id: "msg-2".into(), file_urls: vec!["http://example.com/a.png".into()] };
//! let errors = reply.validate().unwrap_err();
//! assert_eq!(errors.iter().next().unwrap().path().to_string(), "/file_urls/0");
//! ```
//!
//! This crate reads the input in three steps, each in its own module:
//! `ast` parses it into a small model of fields and rules (keeping each rule's span),
//! `check` reports every misuse at once, and `expand` emits the implementation.
//!
//! # Adding a rule
//!
//! A rule is declared once on each side:
//!
//! 1. In this crate, a row of the table in `rules.rs`: its name, whether it goes on a field or
//!    a struct, what follows its name (nothing, a limit, rules for items, a function, field
//!    names), its runtime module, the trait its value's type needs, whether a probe picks
//!    what it checks, and what it does with an empty value beside `required`. Parsing, checking,
//!    emitting and the generic bounds all read the table; a new *shape* of argument is the
//!    only thing that needs code in `attr.rs` and `expand.rs`.
//! 2. In `channel-model`, a module `src/validation/rules/<name>.rs` declared in
//!    `rules/mod.rs`: its `apply` function (which the emitted code calls with the value, the
//!    argument, the location and the sink that hears violations: the reporting pass's
//!    `ValidationErrors` or `is_valid`'s verdict), its `CODE` and its `message`, and the trait
//!    it needs if no existing one fits (with `#[diagnostic::on_unimplemented]`). A rule that
//!    checks one value (a string, a `Validate` type) declares its `probe` with
//!    `items_probe!`, so that written on a collection of such values it says to write
//!    `each(...)`. A rule that sees the context of a type with one (`takes_context` in the
//!    table) also has `apply_with`, which takes the context first.
//! 3. In `channel-model`'s `violation.rs`, a line in `violation_kinds!`: the
//!    `ViolationKind` variant with its parameters, which are serialized under their names.
//!
//! Then the derive's documentation below, the README, and tests at the rule's boundary
//! (`tests/tests/rules.rs`) and for its misuse (`tests/ui`).
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod check;
mod ctxt;
mod expand;
mod rules;
mod serde;
mod suggest;

use proc_macro::TokenStream;

/// Derives `channel_model::Validate` from `#[validate(...)]` attributes.
///
/// `use channel_model::Validate;` brings in both this derive and the trait.
///
/// # Field rules
///
/// Any number of rules, comma-separated, in one or more `#[validate(...)]` attributes:
///
/// | rule | applies to | passes when | code |
/// |---|---|---|---|
/// | `required` | `Option`, strings, collections | the value is present and not empty | `required` |
/// | `non_empty` | strings, collections (also in `Option`) | a present value is not empty | `non_empty` |
/// | `max_length = N` | strings, collections | at most N characters (Unicode scalar values, not bytes) or N items | `max_length` |
/// | `min_length = N` | strings, collections (also in `Option`) | at least N characters or items; an empty value has length 0, unless `required` or `non_empty` reports it | `min_length` |
/// | `ascii` | strings | every character is ASCII | `ascii` |
/// | `trimmed` | strings | no leading or trailing whitespace (Unicode `White_Space`) | `trimmed` |
/// | `https` | strings | an absolute URL has the scheme `https` and a valid host and port, with no tab or line break; a relative reference passes; the empty string is left to `required` and `non_empty` | `https` |
/// | `nested` | `Validate` types, and `Option`, `Vec`, slices, `Box`, maps of them | the value's own rules pass | theirs |
/// | `each(rules...)` | sequences, sets, maps (also in `Option`) | every item (of a map: every value) passes the rules | theirs |
/// | `custom = f` | anything | `f(&T) -> Result<(), CustomError>` returns `Ok`; `f` is a path to a function or a closure | the error's |
///
/// `required` accepts an `Option` of any type: `Some` passes, and also must not be empty when
/// the value can be (a string, a collection, an `Option`, a type implementing
/// `channel_model::rules::MaybeEmpty`, or a newtype deriving `Validate` whose content can be:
/// a newtype is empty when its content is).
///
/// Every rule but `required` passes on `None`. An empty value fails `required` (or
/// `non_empty`) only: it does not also fail `ascii`, `trimmed`, `max_length` or, beside one
/// of them, `min_length` (one fault, one violation; without them, `min_length` reports an
/// empty value as too short). Every other broken rule of a value is reported, in the order
/// the rules are written.
///
/// Which types a rule applies to is decided by traits in `channel_model::rules` (`Length`,
/// `Text`, `Required`, `Each`, ...), not by the type's name: implement them for your own
/// string or collection types.
///
/// A `custom` function gets the field's value by reference, or a borrowed form of it (`&str`
/// for a `String`, `&[T]` for a `Vec<T>`); for an `Option` field it gets the value inside,
/// and only when there is one. A closure's argument needs its type written out, as in
/// `custom = |v: &str| ...`.
///
/// A `custom` function is a check and nothing else: it can run twice on a value that fails
/// it (see [What is generated](#what-is-generated)).
///
/// ```
/// use channel_model::{CustomError, Validate};
///
/// #[derive(Validate)]
/// struct Reply {
///     #[validate(required, ascii, trimmed, max_length = 255)]
///     external_id: String,
///     #[validate(non_empty, custom = no_tabs)]
///     thread_id: Option<String>,
///     #[validate(custom = |v: &str| match v.starts_with("en") {
///         true => Ok(()),
///         false => Err(CustomError::new("locale", "must be an English locale")),
///     })]
///     locale: String,
/// }
///
/// fn no_tabs(value: &str) -> Result<(), CustomError> {
///     match value.contains('\t') {
///         true => Err(CustomError::new("no_tabs", "must not contain tabs")),
///         false => Ok(()),
///     }
/// }
///
/// let reply = Reply {
///     external_id: String::new(),
///     thread_id: Some("t\t1".into()),
///     locale: "fr".into(),
/// };
/// assert_eq!(
///     reply.validate().unwrap_err().to_string(),
///     "/external_id: is required and must not be empty\n\
///      /thread_id: must not contain tabs\n\
///      /locale: must be an English locale"
/// );
/// ```
///
/// ## Limits
///
/// A limit `N` is any constant expression of type `usize`: `255`, `MAX_ID`, `limits::NAME`,
/// `2 * 128`. The compiler checks that it is a constant of that type; a literal `0`, one too
/// large for a `usize`, one with another suffix (`300u8`), and a literal `min_length` above a
/// literal `max_length` are refused at once. Limits and functions may come from
/// `macro_rules!` fragments (`$n:literal`, `$n:expr`, `$f:path`).
///
/// ```
/// use channel_model::Validate;
///
/// const MAX_ID: usize = 255;
///
/// mod limits {
///     pub const NAME: usize = 8;
/// }
///
/// #[derive(Validate)]
/// struct Ticket {
///     #[validate(min_length = 3, max_length = MAX_ID)]
///     external_id: String,
///     #[validate(max_length = limits::NAME)]
///     name: String,
///     // An empty list is `required`'s to report; one tag is too few.
///     #[validate(required, min_length = 2, max_length = 2 * 5)]
///     tags: Vec<String>,
/// }
///
/// let ticket = Ticket { external_id: "ab".into(), name: "a long name".into(), tags: vec![] };
/// assert_eq!(
///     ticket.validate().unwrap_err().to_string(),
///     "/external_id: must be at least 3 characters (got 2)\n\
///      /name: must be at most 8 characters (got 11)\n\
///      /tags: is required and must not be empty"
/// );
/// let ticket = Ticket { external_id: "abc".into(), name: "short".into(), tags: vec!["a".into()] };
/// assert_eq!(
///     ticket.validate().unwrap_err().to_string(),
///     "/tags: must have at least 2 items (got 1)"
/// );
/// ```
///
/// ## Collections and maps
///
/// `each(...)` checks every item of a sequence or a set at its index. A rule of an item
/// written on the collection itself (`https` on a `Vec<String>`, `nested` on a set) is a
/// compile error that says to write `each(https)` or `each(nested)`.
///
/// Maps (`HashMap`, `BTreeMap`, and `IndexMap` with `channel-model`'s `indexmap` feature) with
/// string keys (`K: AsRef<str>`): the length rules count entries; `each(...)` and `nested`
/// reach the values, at the key (`/fields/subject`, escaped as RFC 6901 requires: `~0` for
/// `~`, `~1` for `/`). A `HashMap`'s violations are sorted by key, so they come in the same
/// order every run; other maps keep their own order. A valid map allocates nothing.
///
/// ```
/// use std::collections::{BTreeMap, HashMap};
///
/// use channel_model::Validate;
///
/// #[derive(Validate)]
/// struct Field {
///     #[validate(max_length = 5)]
///     value: String,
/// }
///
/// #[derive(Validate)]
/// struct Form {
///     #[validate(max_length = 10, each(trimmed))]
///     labels: HashMap<String, String>,
///     #[validate(nested)]
///     fields: BTreeMap<String, Field>,
/// }
///
/// let form = Form {
///     labels: HashMap::from([
///         ("b".to_string(), "x ".to_string()),
///         ("a".to_string(), " y".to_string()),
///     ]),
///     fields: BTreeMap::from([("sub/ject".to_string(), Field { value: "too long".into() })]),
/// };
/// let paths: Vec<String> = form
///     .validate()
///     .unwrap_err()
///     .iter()
///     .map(|violation| violation.path().to_string())
///     .collect();
/// assert_eq!(paths, ["/labels/a", "/labels/b", "/fields/sub~1ject/value"]);
/// ```
///
/// # Struct rules
///
/// `#[validate(exclusive(a, b, ...))]` on a struct (or an enum variant): at most one of the
/// named `Option` fields is `Some`. Several groups are allowed. A violation has the code
/// `exclusive`, the path of the object holding the fields, and the wire names of the fields
/// that are set together. The fields of a tuple struct have no names: `exclusive` cannot name
/// them.
///
/// `#[validate(custom = path::to::fn)]` on a struct or an enum: `fn(&Self) -> Result<(),
/// CustomError>` checks the whole value (one field against another). Several are allowed.
/// A struct's rules are reported at its own path, after its fields' violations, in the order
/// they are written; an enum's, after those of its variant.
///
/// A `CustomError` may carry parameters (`.with_param("start", 2)`: numbers, strings,
/// booleans), which are serialized beside `path`, `code` and `message`, as the built-in
/// rules' parameters are.
///
/// ```
/// use channel_model::{CustomError, Validate};
///
/// #[derive(Validate)]
/// #[validate(exclusive(parent_id, thread_id))]
/// #[validate(custom = in_order, custom = short_enough)]
/// struct Window {
///     #[validate(min_length = 1, max_length = 64)]
///     label: String,
///     parent_id: Option<String>,
///     thread_id: Option<String>,
///     start: u32,
///     end: u32,
/// }
///
/// fn in_order(window: &Window) -> Result<(), CustomError> {
///     match window.start <= window.end {
///         true => Ok(()),
///         false => Err(CustomError::new("order", "must start before it ends")
///             .with_param("start", window.start)
///             .with_param("end", window.end)),
///     }
/// }
///
/// fn short_enough(window: &Window) -> Result<(), CustomError> {
///     match window.end.saturating_sub(window.start) <= 60 {
///         true => Ok(()),
///         false => Err(CustomError::new("too_long", "must last at most 60 minutes")),
///     }
/// }
///
/// let window = Window {
///     label: String::new(),
///     parent_id: Some("p".into()),
///     thread_id: Some("t".into()),
///     start: 2,
///     end: 1,
/// };
/// let errors = window.validate().unwrap_err();
/// assert_eq!(
///     errors.to_string(),
///     "/label: must be at least 1 character (got 0)\n\
///      at most one may be set, but these are all set: parent_id, thread_id\n\
///      must start before it ends"
/// );
/// let json = channel_model::serde_json::to_value(&errors).unwrap();
/// assert_eq!(
///     json[2],
///     channel_model::serde_json::json!({
///         "path": "",
///         "code": "order",
///         "message": "must start before it ends",
///         "start": 2,
///         "end": 1,
///     })
/// );
///
/// #[derive(Validate)]
/// #[validate(custom = known_kind)]
/// enum Event {
///     Message {
///         #[validate(max_length = 5)]
///         text: String,
///     },
///     Reaction(String),
/// }
///
/// fn known_kind(event: &Event) -> Result<(), CustomError> {
///     match event {
///         Event::Reaction(kind) if kind != "like" => {
///             Err(CustomError::new("kind", "must be a known reaction"))
///         }
///         _ => Ok(()),
///     }
/// }
///
/// assert_eq!(
///     Event::Reaction("wave".into()).validate().unwrap_err().to_string(),
///     "must be a known reaction"
/// );
/// ```
///
/// <!-- The `context` option (`#[validate(context = ...)]`, `validate_with`) is documented
/// here, as its own section. -->
///
/// # Paths
///
/// A violation's path is a JSON Pointer built from the names that go over the wire:
/// `#[serde(rename = "...")]`, `#[serde(rename_all = "...")]`, raw identifiers (`r#type` is
/// `type`), `#[serde(flatten)]` and `#[serde(transparent)]` are followed, and so are serde's
/// enum representations (external, internal, adjacent tags and `untagged`). A tuple struct's
/// fields are array items; a newtype is its content.
///
/// Where serde has separate names for serializing and deserializing (`rename(serialize =
/// "...")`, `rename_all(serialize = "...")`, on containers, variants and fields, in one
/// attribute or split over several), the path has the serialize name, whatever the order of
/// the attributes: a violation names the place in the JSON that is sent.
///
/// ```
/// use channel_model::Validate;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Validate)]
/// #[serde(rename_all(deserialize = "kebab-case"))]
/// #[serde(rename_all(serialize = "camelCase"))]
/// struct Reply {
///     #[validate(required)]
///     external_id: String,
///     #[serde(rename(deserialize = "legacy_thread"))]
///     #[serde(rename(serialize = "threadId"))]
///     #[validate(non_empty)]
///     thread: Option<String>,
/// }
///
/// let reply = Reply { external_id: String::new(), thread: Some(String::new()) };
/// let paths: Vec<String> =
///     reply.validate().unwrap_err().iter().map(|v| v.path().to_string()).collect();
/// assert_eq!(paths, ["/externalId", "/threadId"]);
/// ```
///
/// A field that is never serialized (`#[serde(skip)]`, `#[serde(skip_serializing)]`, or in a
/// skipped variant) has no path: rules on it, or a struct rule naming it, are a compile error,
/// for named fields, tuple fields and variants' fields alike.
///
/// ```compile_fail
/// use channel_model::Validate;
/// use serde::Serialize;
///
/// #[derive(Serialize, Validate)]
/// struct Reply {
///     #[serde(skip)]
///     #[validate(max_length = 10)] // error: this field is never serialized
///     cache_key: String,
/// }
/// ```
///
/// # Type options
///
/// On the struct or enum itself:
///
/// - `#[validate(crate = "path::to::channel_model")]`: where the runtime is, for a renamed
///   dependency (`cm = { package = "channel-model" }`) or an SDK that re-exports it. Every
///   path the derive writes starts with it.
/// - `#[validate(bound = "T: Trait, ...")]`: the where-clause of the implementation,
///   replacing the inferred one (as serde's `bound` does). By default a type parameter that
///   a `nested` field mentions gets `T: Validate` (so recursive types such as
///   `children: Vec<Node<T>>` work), and a field whose type holds a type parameter gets the
///   trait of each of its rules. A generic `custom` function needs its own bounds: give them
///   here (or on the type's parameter).
///
/// ```
/// use channel_model::Validate;
///
/// mod sdk {
///     pub use channel_model as model;
/// }
///
/// #[derive(Validate)]
/// #[validate(crate = "sdk::model")]
/// struct Node<T> {
///     #[validate(nested)]
///     value: T,
///     #[validate(nested)]
///     children: Vec<Node<T>>,
/// }
///
/// #[derive(Validate)]
/// struct Leaf(#[validate(max_length = 3)] String);
///
/// let tree = Node { value: Leaf("ok".into()), children: vec![
///     Node { value: Leaf("long".into()), children: vec![] },
/// ] };
/// assert_eq!(tree.validate().unwrap_err().to_string(),
///     "/children/0/value: must be at most 3 characters (got 4)");
/// ```
///
/// ```
/// use std::fmt::Display;
///
/// use channel_model::{CustomError, Validate};
///
/// #[derive(Validate)]
/// #[validate(bound = "T: Display")]
/// struct Labelled<T> {
///     #[validate(custom = printable)]
///     label: T,
/// }
///
/// fn printable<T: Display>(label: &T) -> Result<(), CustomError> {
///     match label.to_string().trim().is_empty() {
///         true => Err(CustomError::new("printable", "must print as some text")),
///         false => Ok(()),
///     }
/// }
///
/// assert!(Labelled { label: 42 }.validate().is_ok());
/// assert_eq!(
///     Labelled { label: " " }.validate().unwrap_err().to_string(),
///     "/label: must print as some text"
/// );
/// ```
///
/// # Context
///
/// `#[validate(context = Ctx)]` on a struct or an enum gives its rules data known only at run
/// time: a tenant's own limit, the ids of the fields an account has, the locales it supports.
///
/// - Every `custom` function of the type, on a field (also in `each(...)`) or on the type
///   itself, takes the context after the value: `fn(&T, &Ctx) -> Result<(), CustomError>`.
/// - `value.validate_with(&ctx)` validates (the method of `channel_model::ValidateWith`,
///   which the derive implements for `Ctx`); `validate()` still works where `Ctx: Default`,
///   with the default context.
/// - `nested` values get the same context. Their type must have the same context, or none:
///   a type derived without `context` ignores any context it is given, and so do `Option`,
///   `Vec`, slices, arrays, maps, `Box`, `Rc`, `Arc` and references of it. In a generic type
///   with a context, a `nested` type parameter is bounded by `ValidateWith<Ctx>`.
/// - A type without a context validates a `nested` value of a type with one by its
///   `validate()`, with the default context, whatever context it is itself given (it has no
///   way to pass it on): give the outer type the same `context` to pass the context down.
/// - `Ctx` may be unsized (`context = [Locale]`, validated with `validate_with(&locales[..])`).
///
/// The context is only borrowed: validating a valid value with a context allocates nothing.
///
/// ```
/// use std::collections::HashSet;
///
/// use channel_model::{CustomError, Validate, ValidateWith};
///
/// /// What one tenant's plan allows.
/// #[derive(Default)]
/// struct Tenant {
///     max_tags: usize,
///     field_ids: HashSet<String>,
/// }
///
/// #[derive(Validate)]
/// #[validate(context = Tenant)]
/// struct Ticket {
///     #[validate(max_length = 255, custom = within_plan)]
///     tags: Vec<String>,
///     #[validate(nested)]
///     fields: Vec<FieldValue>,
/// }
///
/// #[derive(Validate)]
/// #[validate(context = Tenant)]
/// struct FieldValue {
///     #[validate(required, custom = known_field)]
///     id: String,
///     #[validate(max_length = 64)]
///     value: String,
/// }
///
/// fn within_plan(tags: &[String], tenant: &Tenant) -> Result<(), CustomError> {
///     match tags.len() <= tenant.max_tags {
///         true => Ok(()),
///         false => Err(CustomError::new("plan_tags", "has more tags than the plan allows")
///             .with_param("max", tenant.max_tags)),
///     }
/// }
///
/// fn known_field(id: &str, tenant: &Tenant) -> Result<(), CustomError> {
///     match tenant.field_ids.contains(id) {
///         true => Ok(()),
///         false => Err(CustomError::new("unknown_field", "is not a field of this account")),
///     }
/// }
///
/// let tenant = Tenant { max_tags: 2, field_ids: HashSet::from(["priority".to_string()]) };
/// let ticket = Ticket {
///     tags: vec!["vip".into(), "billing".into()],
///     fields: vec![FieldValue { id: "priority".into(), value: "high".into() }],
/// };
/// assert!(ticket.validate_with(&tenant).is_ok());
///
/// let ticket = Ticket {
///     tags: vec!["vip".into(), "billing".into(), "eu".into()],
///     fields: vec![FieldValue { id: "colour".into(), value: "red".into() }],
/// };
/// assert_eq!(ticket.validate_with(&tenant).unwrap_err().to_string(),
///     "/tags: has more tags than the plan allows\n\
///      /fields/0/id: is not a field of this account");
///
/// // `Tenant: Default`, so `validate()` works too: the default plan allows no tags.
/// assert!(ticket.validate().is_err());
/// ```
///
/// Misuse is a compile error at its tokens: `context` given twice or written on a field or a
/// variant, a `custom` function that does not take the context (or takes another type), a
/// `nested` type with another context, and `validate()` (or a `Validate` bound) where the
/// context has no `Default`: call `validate_with`, or implement `Default` for it.
///
/// # What is generated
///
/// The rules are written once, in code generic over what hears their verdicts, and compiled
/// twice: as `validate_into`, which records each violation at its JSON Pointer, and as
/// `is_valid`, which only says whether every rule passes, builds no location and records
/// nothing. Being the same code, the two cannot disagree. `validate()` asks `is_valid()`
/// first, and only when a rule fails walks the value again with `validate_into` to report
/// its violations. A valid payload is so checked in one pass that builds no location; an
/// invalid one is checked twice at most, and reported exactly as a single reporting pass
/// would.
///
/// # Misuse
///
/// Every misuse is a compile error at the offending tokens, all reported at once: an unknown
/// rule (with the closest known one suggested), a duplicate rule, a limit that is not a
/// constant `usize` (a literal too large for one, or with another suffix such as `300u8`) or
/// is a literal `0`, `min_length` above `max_length`, a `custom` that is neither a path nor a
/// closure, a rule on a type it does not apply to (through the rule's trait, with a message
/// naming the rule), `ascii`, `trimmed`, `https` or `nested` on a collection of what they
/// check (the message says to write `each(https)`, `each(nested)`, ...), an `exclusive`
/// naming an unknown or non-`Option` field or a tuple field (which has no name), a rule on a
/// field that is never serialized, a `custom` function of the wrong type. A generic function
/// given to `custom` on a field of a type parameter gets the compiler's own message, which
/// names the bound to add.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
