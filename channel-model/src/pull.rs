//! The pull endpoint: what Zendesk posts when it polls an integration for new resources
//! ([`PullRequest`]), and what the integration answers ([`PullResponse`]).

use serde::{Deserialize, Serialize};

#[cfg(feature = "form")]
use crate::form::{self, Fields, Form, FormError, FormField};
use crate::{ExternalResource, JsonText, Validate};

/// The response of an integration's `pull_url`: the resources that are new since the last
/// pull, and the `state` that Zendesk sends back on the next one.
///
/// | field | rule | source |
/// |---|---|---|
/// | `external_resources` | required key (an empty list is a pull with nothing new); ≤ [`MAX_RESOURCES`](Self::MAX_RESOURCES) items, each valid | pull endpoint docs (200 items); schema `pull_payload.json` (`maxItems: 256`) |
/// | `state` | optional; ≤ 5000 characters | pull endpoint docs; schema `pull_payload.json` (`maxLength: 5000`) |
/// | `metadata_needs_update` | optional boolean | pull endpoint docs; schema `pull_payload.json` |
/// | `metadata` | optional; ≤ 5000 characters | pull endpoint docs; schema `pull_payload.json` (`maxLength: 5000`) |
///
/// The resources are the same [`ExternalResource`]s as in a push. Zendesk's docs allow 200 of
/// them and its schema 256: the stricter 200 applies. `state` and `metadata` are strings that
/// integrations usually fill with JSON of their own: [`JsonText`] puts a value in and gets it
/// back without encoding it twice.
///
/// ```
/// use channel_model::chrono::{TimeZone, Utc};
/// use channel_model::{Author, ExternalResource, JsonText, PullResponse, Validate};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Debug, PartialEq, Serialize, Deserialize)]
/// struct Cursor {
///     since: u64,
/// }
///
/// let created_at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
/// let resource = ExternalResource::new("post-8", "Any news?", created_at, Author::new("user-1"));
/// let state = JsonText::encode(&Cursor { since: 8 }).unwrap();
/// let pull = PullResponse::new([resource]).with_state(state);
/// assert!(pull.validate().is_ok());
///
/// let body = serde_json::to_string(&pull).unwrap();
/// assert!(body.ends_with(r#""state":"{\"since\":8}"}"#));
///
/// // Zendesk sends the state back on the next pull, as the text it was given.
/// let state = pull.state.as_ref().map_or(Ok(None), JsonText::decode).unwrap();
/// assert_eq!(state, Some(Cursor { since: 8 }));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct PullResponse {
    /// The resources that are new since the last pull, each becoming a ticket or a comment.
    #[validate(max_length = 200, nested)]
    pub external_resources: Vec<ExternalResource>,
    /// Text that Zendesk stores and sends back on the next pull, such as where this pull
    /// stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub state: Option<JsonText>,
    /// When `true`, Zendesk replaces the account's metadata with `metadata`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_needs_update: Option<bool>,
    /// The account's new metadata; used only when `metadata_needs_update` is `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub metadata: Option<JsonText>,
}

impl PullResponse {
    /// The most resources one pull response may carry (the pull endpoint docs: 200; schema
    /// `pull_payload.json`'s `maxItems: 256` is looser).
    pub const MAX_RESOURCES: usize = 200;

    /// A pull response of `external_resources`, which may be empty.
    pub fn new(external_resources: impl IntoIterator<Item = ExternalResource>) -> Self {
        PullResponse {
            external_resources: external_resources.into_iter().collect(),
            state: None,
            metadata_needs_update: None,
            metadata: None,
        }
    }

    crate::json_text::json_text_builders!(metadata_update, with_state => state);
}

/// What Zendesk posts (form-encoded) to the manifest's `pull_url`: the account's stored
/// texts, so that the integration knows which account to pull and where it stopped.
///
/// | field | rule |
/// |---|---|
/// | `metadata` | optional; ≤ 5000 characters |
/// | `state` | optional; ≤ 5000 characters |
///
/// Source: the pull endpoint docs (what Zendesk posts); the limits are those of the texts
/// the integration gave Zendesk to store (schema `pull_payload.json`: `maxLength: 5000`).
///
/// ```
/// # #[cfg(feature = "form")] {
/// use channel_model::{JsonText, PullRequest};
///
/// let request = PullRequest::from_form("metadata=%7B%22token%22%3A%22t-1%22%7D&state=").unwrap();
/// assert_eq!(request.metadata, Some(JsonText::new(r#"{"token":"t-1"}"#)));
/// // An empty state is Zendesk's "nothing stored yet".
/// let state = request.state.as_ref().map_or(Ok(None), JsonText::decode::<u64>).unwrap();
/// assert_eq!(state, None);
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
pub struct PullRequest {
    /// The account's metadata, as the integration stored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub metadata: Option<JsonText>,
    /// The state the last pull response gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub state: Option<JsonText>,
}

#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
impl PullRequest {
    /// Decodes the form body Zendesk posts (`application/x-www-form-urlencoded`), as
    /// [`ChannelbackRequest::from_form`](crate::ChannelbackRequest::from_form) does. Every
    /// field is optional, so only a repeated field or one that is not UTF-8 is an error.
    ///
    /// # Errors
    ///
    /// When a field appears twice, or its value is not UTF-8 once percent-decoded. The error
    /// names the field, never its value.
    pub fn from_form(body: impl AsRef<[u8]>) -> Result<Self, FormError> {
        form::decode(body.as_ref())
    }

    /// The form body Zendesk would post for this request.
    pub fn to_form(&self) -> String {
        form::encode([
            ("metadata", self.metadata.as_ref().map(JsonText::as_str)),
            ("state", self.state.as_ref().map(JsonText::as_str)),
        ])
    }
}

#[cfg(feature = "form")]
impl Form for PullRequest {
    const FIELDS: &'static [FormField] = &[FormField::One("metadata"), FormField::One("state")];

    fn from_fields(fields: &mut Fields) -> Result<Self, FormError> {
        Ok(PullRequest {
            metadata: fields.one("metadata").map(JsonText::from),
            state: fields.one("state").map(JsonText::from),
        })
    }
}
