//! `application/x-www-form-urlencoded`, as Zendesk posts its forms (channelback, pull, admin
//! UI) and writes its query strings (clickthrough): one decoder and one encoder for all.
//!
//! The model's form types decode with their own `from_form` (or `from_query`); [`parse`]
//! is the decoder they share, for forms of other types (`channel-axum` decodes the user's own
//! form types with it).
//!
//! ```
//! use channel_model::form;
//!
//! let pairs: Vec<(Vec<u8>, Vec<u8>)> = form::parse(b"name=caf%C3%A9+cr%C3%A8me&tags%5B%5D=a&flag")
//!     .map(|pair| (pair.name().into_owned(), pair.value().into_owned()))
//!     .collect();
//! assert_eq!(
//!     pairs,
//!     [
//!         (b"name".to_vec(), "café crème".as_bytes().to_vec()),
//!         (b"tags[]".to_vec(), b"a".to_vec()),
//!         (b"flag".to_vec(), b"".to_vec()),
//!     ]
//! );
//! ```

use std::borrow::Cow;
use std::fmt;

/// Why a form body (or query string) could not be decoded.
///
/// It names the field, never its value: forms carry agents' messages to customers, and
/// `metadata` and `zendesk_access_token` an account's credentials.
///
/// ```
/// use channel_model::{ChannelbackRequest, FormError};
///
/// let error = ChannelbackRequest::from_form("message=hi&thread_id=a&thread_id=b").unwrap_err();
/// assert_eq!(error, FormError::Repeated { field: "thread_id" });
/// assert_eq!(error.to_string(), "the form has the field `thread_id` more than once");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormError {
    /// A field that every such form carries is not there.
    Missing {
        /// The field's name.
        field: &'static str,
    },
    /// A field that Zendesk sends once appears more than once, so which one holds is unknown.
    Repeated {
        /// The field's name.
        field: &'static str,
    },
    /// A field's value is not UTF-8 once percent-decoded.
    NotUtf8 {
        /// The field's name (`file_urls[]` for a file URL).
        field: &'static str,
        /// The index of the byte, in the decoded value, where it stops being UTF-8.
        valid_up_to: usize,
    },
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::Missing { field } => write!(f, "the form has no `{field}` field"),
            FormError::Repeated { field } => {
                write!(f, "the form has the field `{field}` more than once")
            }
            FormError::NotUtf8 { field, valid_up_to } => write!(
                f,
                "the form's `{field}` field is not UTF-8 once percent-decoded \
                 (invalid byte at offset {valid_up_to})"
            ),
        }
    }
}

impl std::error::Error for FormError {}

/// A field a form type reads: one value, or a list, named as on the wire with its brackets
/// (`file_urls[]`) where the spec has an array; the name without brackets, repeated, is taken
/// too.
#[derive(Clone, Copy)]
pub(crate) enum FormField {
    One(&'static str),
    Many(&'static str),
}

impl FormField {
    fn name(self) -> &'static str {
        match self {
            FormField::One(name) | FormField::Many(name) => name,
        }
    }

    fn matches(self, name: &[u8]) -> bool {
        match self {
            FormField::One(own) => name == own.as_bytes(),
            FormField::Many(own) => {
                let bare = |name: &'static [u8]| name.strip_suffix(b"[]").unwrap_or(name);
                name.strip_suffix(b"[]").unwrap_or(name) == bare(own.as_bytes())
            }
        }
    }
}

/// A type that Zendesk sends as a form: the fields it reads, and how it is made from them.
pub(crate) trait Form: Sized {
    /// Every field the type reads; names not listed are skipped without looking at their
    /// values, since Zendesk may add fields.
    const FIELDS: &'static [FormField];

    /// The value made from the decoded fields.
    fn from_fields(fields: &mut Fields) -> Result<Self, FormError>;
}

/// The decoded values of a form's known fields, in the order of [`Form::FIELDS`].
pub(crate) struct Fields {
    known: &'static [FormField],
    values: Vec<Vec<String>>,
}

impl Fields {
    fn index(&self, name: &str) -> usize {
        // A form type names only its own fields: a miss is a typo in this crate.
        self.known
            .iter()
            .position(|field| field.name() == name)
            .unwrap_or_else(|| unreachable!("`{name}` is not a field of this form"))
    }

    /// The value of a single field, if it was sent.
    pub(crate) fn one(&mut self, name: &str) -> Option<String> {
        let index = self.index(name);
        self.values[index].pop()
    }

    /// The value of a single field that every such form carries.
    pub(crate) fn required(&mut self, name: &'static str) -> Result<String, FormError> {
        self.one(name).ok_or(FormError::Missing { field: name })
    }

    /// Every value of a list field, in order.
    pub(crate) fn many(&mut self, name: &str) -> Vec<String> {
        let index = self.index(name);
        std::mem::take(&mut self.values[index])
    }
}

/// Splits a form body (or query string) into its `name=value` pairs, in order: pairs are
/// separated by `&`, empty ones skipped, and a pair without `=` has an empty value. Names and
/// values are decoded only when asked for ([`Pair::name`], [`Pair::value`]): `+` is a space and
/// `%XX` the byte `XX`; a malformed `%` sequence is kept as it is, as browsers and the
/// `form_urlencoded` crate do. Nothing is checked for UTF-8: the caller decides what a name or
/// value that is not UTF-8 means. It never panics, whatever the bytes.
pub fn parse(encoded: &[u8]) -> Parse<'_> {
    Parse { rest: encoded }
}

/// The pairs of a form body, from [`parse`].
#[derive(Debug, Clone)]
pub struct Parse<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Parse<'a> {
    type Item = Pair<'a>;

    fn next(&mut self) -> Option<Pair<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let (pair, rest) = match self.rest.iter().position(|&b| b == b'&') {
                Some(at) => (&self.rest[..at], &self.rest[at + 1..]),
                None => (self.rest, &self.rest[self.rest.len()..]),
            };
            self.rest = rest;
            if pair.is_empty() {
                continue;
            }
            let (name, value) = match pair.iter().position(|&b| b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &pair[pair.len()..]),
            };
            return Some(Pair { name, value });
        }
    }
}

/// One `name=value` pair of a form body, as it is written; decoded on demand.
///
/// Its `Debug` shows the lengths, never the text: values carry customers' messages and
/// credentials.
#[derive(Clone, Copy)]
pub struct Pair<'a> {
    name: &'a [u8],
    value: &'a [u8],
}

impl<'a> Pair<'a> {
    /// The name, decoded (`file_urls%5B%5D` is `file_urls[]`).
    pub fn name(&self) -> Cow<'a, [u8]> {
        unescape(self.name)
    }

    /// The value, decoded.
    pub fn value(&self) -> Cow<'a, [u8]> {
        unescape(self.value)
    }
}

/// The lengths of the name and value, as written.
impl fmt::Debug for Pair<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pair")
            .field("name_len", &self.name.len())
            .field("value_len", &self.value.len())
            .finish()
    }
}

/// Decodes a form body into a form type: each known field's value (and only those: names
/// not listed are skipped without looking at their values) must be UTF-8, and a field sent
/// once must not come twice.
pub(crate) fn decode<T: Form>(body: &[u8]) -> Result<T, FormError> {
    let known = T::FIELDS;
    let mut values = vec![Vec::new(); known.len()];
    for pair in parse(body) {
        let name = pair.name();
        let Some(index) = known.iter().position(|field| field.matches(&name)) else {
            continue;
        };
        let field = known[index];
        let value = text(field.name(), pair.value())?;
        if matches!(field, FormField::One(_)) && !values[index].is_empty() {
            return Err(FormError::Repeated {
                field: field.name(),
            });
        }
        values[index].push(value);
    }
    T::from_fields(&mut Fields { known, values })
}

/// The bytes `escaped` stands for: `+` is a space, `%XX` the byte `XX`.
fn unescape(escaped: &[u8]) -> Cow<'_, [u8]> {
    let plus_decoded: Cow<'_, [u8]> = match escaped.contains(&b'+') {
        true => Cow::Owned(
            escaped
                .iter()
                .map(|&b| if b == b'+' { b' ' } else { b })
                .collect(),
        ),
        false => Cow::Borrowed(escaped),
    };
    match percent_encoding::percent_decode(&plus_decoded).into() {
        Cow::Borrowed(_) => plus_decoded,
        Cow::Owned(decoded) => Cow::Owned(decoded),
    }
}

/// The decoded value of `field`, as text.
fn text(field: &'static str, value: Cow<'_, [u8]>) -> Result<String, FormError> {
    String::from_utf8(value.into_owned()).map_err(|error| FormError::NotUtf8 {
        field,
        valid_up_to: error.utf8_error().valid_up_to(),
    })
}

/// The form body of `pairs`, encoded as Zendesk does: absent values left out, `+` for a space,
/// `%XX` for other bytes.
pub(crate) fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        if let Some(value) = value {
            form.append_pair(name, value);
        }
    }
    form.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Probe {
        one: Option<String>,
        many: Vec<String>,
    }

    impl Form for Probe {
        const FIELDS: &'static [FormField] =
            &[FormField::One("one"), FormField::Many("file_urls[]")];

        fn from_fields(fields: &mut Fields) -> Result<Self, FormError> {
            Ok(Probe {
                one: fields.one("one"),
                many: fields.many("file_urls[]"),
            })
        }
    }

    #[test]
    fn lists_take_brackets_and_repeated_names_in_order() {
        let probe: Probe =
            decode(b"file_urls%5B%5D=a&file_urls=b&file_urls[]=c&x=1&one=%E2%82%AC").unwrap();
        assert_eq!(probe.many, ["a", "b", "c"]);
        assert_eq!(probe.one.as_deref(), Some("€"));
    }

    #[test]
    fn errors_name_the_field_on_the_wire() {
        let error = decode::<Probe>(b"file_urls[]=%FF").err().unwrap();
        assert_eq!(
            error,
            FormError::NotUtf8 {
                field: "file_urls[]",
                valid_up_to: 0
            }
        );
        let error = decode::<Probe>(b"one=a&one=b").err().unwrap();
        assert_eq!(error, FormError::Repeated { field: "one" });
    }

    #[test]
    fn encode_leaves_absent_values_out() {
        let body = encode([("a", Some("x y&z")), ("b", None), ("c", Some(""))]);
        assert_eq!(body, "a=x+y%26z&c=");
    }
}
