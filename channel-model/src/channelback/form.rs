//! `application/x-www-form-urlencoded`, as Zendesk posts a channelback: decoding the body into
//! a [`ChannelbackRequest`], and encoding one the way Zendesk does.

use std::borrow::Cow;
use std::fmt;

use super::ChannelbackRequest;
use crate::JsonText;

/// Why a form body is not a channelback request.
///
/// It names the field, never its value: a channelback carries an agent's message to a
/// customer, and `metadata` the account's credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChannelbackFormError {
    /// The body has no `message`, the one field every channelback carries.
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

impl fmt::Display for ChannelbackFormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChannelbackFormError::Missing { field } => {
                write!(f, "the channelback form has no `{field}` field")
            }
            ChannelbackFormError::Repeated { field } => write!(
                f,
                "the channelback form has the field `{field}` more than once"
            ),
            ChannelbackFormError::NotUtf8 { field, valid_up_to } => write!(
                f,
                "the channelback form's `{field}` field is not UTF-8 once percent-decoded \
                 (invalid byte at offset {valid_up_to})"
            ),
        }
    }
}

impl std::error::Error for ChannelbackFormError {}

/// The single-valued fields, by their name in the form.
#[derive(Clone, Copy)]
enum Single {
    Message,
    ParentId,
    RecipientId,
    ThreadId,
    Metadata,
    State,
    RequestUniqueIdentifier,
}

impl Single {
    const ALL: [Single; 7] = [
        Single::Message,
        Single::ParentId,
        Single::RecipientId,
        Single::ThreadId,
        Single::Metadata,
        Single::State,
        Single::RequestUniqueIdentifier,
    ];

    fn name(self) -> &'static str {
        match self {
            Single::Message => "message",
            Single::ParentId => "parent_id",
            Single::RecipientId => "recipient_id",
            Single::ThreadId => "thread_id",
            Single::Metadata => "metadata",
            Single::State => "state",
            Single::RequestUniqueIdentifier => "request_unique_identifier",
        }
    }
}

/// The name Zendesk gives the repeated file URL field (`file_urls%5B%5D` on the wire).
const FILE_URLS: &str = "file_urls[]";

/// Decodes a form body: `&`-separated `name=value` pairs, `+` for a space, `%XX` for a byte.
///
/// Unknown names are skipped without looking at their values; `file_urls[]` (also taken
/// without the brackets) collects every value in order; every other known name may appear
/// once. A malformed `%` sequence is kept as it is, as browsers and `form_urlencoded` do.
pub(super) fn decode(body: &[u8]) -> Result<ChannelbackRequest, ChannelbackFormError> {
    let mut singles: [Option<String>; 7] = Default::default();
    let mut file_urls = Vec::new();
    for pair in body.split(|&b| b == b'&').filter(|pair| !pair.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &pair[pair.len()..]),
        };
        let name = unescape(name);
        if let Some(index) = Single::ALL
            .iter()
            .position(|single| single.name().as_bytes() == &name[..])
        {
            let field = Single::ALL[index].name();
            let value = text(field, value)?;
            if singles[index].replace(value).is_some() {
                return Err(ChannelbackFormError::Repeated { field });
            }
        } else if &name[..] == FILE_URLS.as_bytes() || &name[..] == b"file_urls" {
            file_urls.push(text(FILE_URLS, value)?);
        }
    }
    let [message, parent_id, recipient_id, thread_id, metadata, state, request_unique_identifier] =
        singles;
    let message = message.ok_or(ChannelbackFormError::Missing { field: "message" })?;
    Ok(ChannelbackRequest {
        message,
        parent_id,
        recipient_id,
        thread_id,
        metadata: metadata.map(JsonText::from),
        state: state.map(JsonText::from),
        request_unique_identifier,
        file_urls,
    })
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

/// The text that the value of `field` stands for.
fn text(field: &'static str, escaped: &[u8]) -> Result<String, ChannelbackFormError> {
    String::from_utf8(unescape(escaped).into_owned()).map_err(|error| {
        ChannelbackFormError::NotUtf8 {
            field,
            valid_up_to: error.utf8_error().valid_up_to(),
        }
    })
}

/// The form body for `request`, encoded as Zendesk does: set fields in a fixed order, absent
/// ones left out, one `file_urls[]` per file.
pub(super) fn encode(request: &ChannelbackRequest) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("message", &request.message);
    let optional = [
        ("parent_id", request.parent_id.as_deref()),
        ("recipient_id", request.recipient_id.as_deref()),
        ("thread_id", request.thread_id.as_deref()),
        ("metadata", request.metadata.as_ref().map(JsonText::as_str)),
        ("state", request.state.as_ref().map(JsonText::as_str)),
        (
            "request_unique_identifier",
            request.request_unique_identifier.as_deref(),
        ),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            form.append_pair(name, value);
        }
    }
    for url in &request.file_urls {
        form.append_pair(FILE_URLS, url);
    }
    form.finish()
}
