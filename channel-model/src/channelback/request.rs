//! What Zendesk posts to an integration's `channelback_url`.

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "form")]
use crate::form::{self, Fields, Form, FormError, FormField};
use crate::{redact, JsonText, Validate};

/// An agent's answer, which Zendesk posts (form-encoded) to the integration's
/// `channelback_url` for it to deliver to the origin service.
///
/// | field | rule | source |
/// |---|---|---|
/// | `message` | required key; ≤ 65535 characters | channelback docs |
/// | `parent_id` | optional; ≤ 511 characters | channelback docs |
/// | `recipient_id` | optional; ≤ 255 characters | channelback docs |
/// | `thread_id` | optional; ≤ 511 characters | channelback docs |
/// | `metadata` | optional; ≤ 5000 characters | channelback docs |
/// | `state` | optional | sent by Zendesk, not in the docs' list |
/// | `request_unique_identifier` | optional; ≤ 255 characters | channelback docs |
/// | `file_urls` (`file_urls[]` in the form) | optional; any number of items | channelback docs (sent when the manifest sets `channelback_files`) |
///
/// Zendesk publishes no schema for this request: the limits are the channelback docs'.
///
/// Decode the body with [`from_form`](Self::from_form), then validate it like any other
/// payload. Only `message` must be there for the body to decode: Zendesk's docs do not promise
/// the others on every request (`recipient_id` is missing when the ticket's requester was
/// edited, `thread_id` belongs to threaded conversations, `file_urls[]` comes only when the
/// manifest sets `channelback_files`, and `state` is not in the docs' list at all), and an
/// integration should not turn Zendesk away over a field it can do without.
///
/// `request_unique_identifier` is the same when Zendesk retries a request after a network
/// error: use it as an idempotency key, so that a message is not delivered twice. `metadata`
/// and `state` are the texts the integration stored; [`JsonText::decode`] reads the JSON in
/// them.
///
/// The JSON form (`Serialize`, `Deserialize`) uses the same names, with `file_urls` for the
/// list; it is for logs and tests, since Zendesk only ever sends the form.
///
/// ```
/// # #[cfg(feature = "form")] {
/// use channel_model::{ChannelbackRequest, JsonText, Validated};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Account {
///     token: String,
/// }
///
/// let body = "message=Thanks+for+waiting%21&parent_id=msg-4711&recipient_id=user-17\
///             &metadata=%7B%22token%22%3A%22t-1%22%7D&request_unique_identifier=8c1f\
///             &file_urls%5B%5D=https%3A%2F%2Fexample.zendesk.com%2Fattachments%2Ftoken%2Fa%2F%3Fname%3Da.png\
///             &file_urls%5B%5D=https%3A%2F%2Fexample.zendesk.com%2Fattachments%2Ftoken%2Fb%2F%3Fname%3Db.pdf";
/// let request = ChannelbackRequest::from_form(body).unwrap();
/// assert_eq!(request.message, "Thanks for waiting!");
/// assert_eq!(request.file_urls.len(), 2);
/// let account: Account = request.metadata.as_ref().unwrap().decode().unwrap().unwrap();
/// assert_eq!(account.token, "t-1");
///
/// let request = Validated::new(request).unwrap();
/// assert_eq!(request.request_unique_identifier.as_deref(), Some("8c1f"));
/// # }
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ChannelbackRequest {
    /// The agent's answer.
    #[validate(max_length = 65535)]
    pub message: String,
    /// The `external_id` of the resource the answer replies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 511)]
    pub parent_id: Option<String>,
    /// The id, in the origin service, of the user who should receive the answer; missing
    /// when the ticket's requester was edited in Zendesk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 255)]
    pub recipient_id: Option<String>,
    /// The id of the thread the answer belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 511)]
    pub thread_id: Option<String>,
    /// The account's metadata, as the integration stored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub metadata: Option<JsonText>,
    /// The account's state, as the integration stored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<JsonText>,
    /// The request's id, the same on every retry of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 255)]
    pub request_unique_identifier: Option<String>,
    /// The URLs of the files attached to the answer, to be downloaded with the push token;
    /// only sent when the manifest sets `channelback_files`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub file_urls: Vec<String>,
}

/// The ids of the thread and the request; the answer, its recipient, the files' URLs (which
/// download with the push token), `metadata` and `state` as lengths.
impl fmt::Debug for ChannelbackRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ChannelbackRequest {
            message,
            parent_id,
            recipient_id,
            thread_id,
            metadata,
            state,
            request_unique_identifier,
            file_urls,
        } = self;
        f.debug_struct("ChannelbackRequest")
            .field("message", &redact::Chars(message))
            .field("parent_id", parent_id)
            .field("recipient_id", &redact::chars(recipient_id.as_deref()))
            .field("thread_id", thread_id)
            .field("metadata", metadata)
            .field("state", state)
            .field("request_unique_identifier", request_unique_identifier)
            .field("file_urls", &redact::Texts(file_urls))
            .finish()
    }
}

impl ChannelbackRequest {
    /// A channelback of `message`; the other fields are unset.
    pub fn new(message: impl Into<String>) -> Self {
        ChannelbackRequest {
            message: message.into(),
            parent_id: None,
            recipient_id: None,
            thread_id: None,
            metadata: None,
            state: None,
            request_unique_identifier: None,
            file_urls: Vec::new(),
        }
    }

    /// Sets the `external_id` of the resource the answer replies to.
    pub fn with_parent_id(mut self, parent_id: impl Into<String>) -> Self {
        self.parent_id = Some(parent_id.into());
        self
    }

    /// Sets the id of the user who should receive the answer.
    pub fn with_recipient_id(mut self, recipient_id: impl Into<String>) -> Self {
        self.recipient_id = Some(recipient_id.into());
        self
    }

    /// Sets the id of the thread the answer belongs to.
    pub fn with_thread_id(mut self, thread_id: impl Into<String>) -> Self {
        self.thread_id = Some(thread_id.into());
        self
    }

    crate::json_text::json_text_builders!(with_metadata => metadata, with_state => state);

    /// Sets the request's id.
    pub fn with_request_unique_identifier(
        mut self,
        request_unique_identifier: impl Into<String>,
    ) -> Self {
        self.request_unique_identifier = Some(request_unique_identifier.into());
        self
    }

    /// Sets the URLs of the attached files.
    pub fn with_file_urls<S: Into<String>>(
        mut self,
        file_urls: impl IntoIterator<Item = S>,
    ) -> Self {
        self.file_urls = file_urls.into_iter().map(Into::into).collect();
        self
    }
}

#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
impl ChannelbackRequest {
    /// Decodes the form body Zendesk posts (`application/x-www-form-urlencoded`).
    ///
    /// `+` is a space and `%XX` a byte; names are decoded too, so `file_urls%5B%5D` is
    /// `file_urls[]`. Every `file_urls[]` value is kept, in order (`file_urls` without brackets
    /// is taken too). Names the model does not know are skipped, since Zendesk may add fields.
    /// It never panics, whatever the body.
    ///
    /// ```
    /// use channel_model::{ChannelbackRequest, FormError};
    ///
    /// let request = ChannelbackRequest::from_form("message=caf%C3%A9+%2B+cr%C3%A8me&x_new=1").unwrap();
    /// assert_eq!(request.message, "café + crème");
    ///
    /// let error = ChannelbackRequest::from_form("parent_id=m-1").unwrap_err();
    /// assert_eq!(error, FormError::Missing { field: "message" });
    /// assert_eq!(error.to_string(), "the form has no `message` field");
    /// ```
    ///
    /// # Errors
    ///
    /// When `message` is missing, when a field other than `file_urls[]` appears twice, or when
    /// a known field's value is not UTF-8 once percent-decoded. The error names the field,
    /// never its value.
    pub fn from_form(body: impl AsRef<[u8]>) -> Result<Self, FormError> {
        form::decode(body.as_ref())
    }

    /// The form body Zendesk would post for this request: each set field once, in a fixed
    /// order, then one `file_urls[]` per file; `+` for a space, `%XX` for other bytes.
    ///
    /// ```
    /// use channel_model::ChannelbackRequest;
    ///
    /// let request = ChannelbackRequest::new("On its way!")
    ///     .with_thread_id("t-9")
    ///     .with_file_urls(["https://example.zendesk.com/a?name=a.png"]);
    /// let body = request.to_form();
    /// assert_eq!(
    ///     body,
    ///     "message=On+its+way%21&thread_id=t-9\
    ///      &file_urls%5B%5D=https%3A%2F%2Fexample.zendesk.com%2Fa%3Fname%3Da.png"
    /// );
    /// assert_eq!(ChannelbackRequest::from_form(&body).unwrap(), request);
    /// ```
    pub fn to_form(&self) -> String {
        let singles = [
            ("message", Some(self.message.as_str())),
            ("parent_id", self.parent_id.as_deref()),
            ("recipient_id", self.recipient_id.as_deref()),
            ("thread_id", self.thread_id.as_deref()),
            ("metadata", self.metadata.as_ref().map(JsonText::as_str)),
            ("state", self.state.as_ref().map(JsonText::as_str)),
            (
                "request_unique_identifier",
                self.request_unique_identifier.as_deref(),
            ),
        ];
        let files = self
            .file_urls
            .iter()
            .map(|url| ("file_urls[]", Some(url.as_str())));
        form::encode(singles.into_iter().chain(files))
    }
}

#[cfg(feature = "form")]
impl Form for ChannelbackRequest {
    const FIELDS: &'static [FormField] = &[
        FormField::One("message"),
        FormField::One("parent_id"),
        FormField::One("recipient_id"),
        FormField::One("thread_id"),
        FormField::One("metadata"),
        FormField::One("state"),
        FormField::One("request_unique_identifier"),
        FormField::Many("file_urls[]"),
    ];

    fn from_fields(fields: &mut Fields) -> Result<Self, FormError> {
        Ok(ChannelbackRequest {
            message: fields.required("message")?,
            parent_id: fields.one("parent_id"),
            recipient_id: fields.one("recipient_id"),
            thread_id: fields.one("thread_id"),
            metadata: fields.one("metadata").map(JsonText::from),
            state: fields.one("state").map(JsonText::from),
            request_unique_identifier: fields.one("request_unique_identifier"),
            file_urls: fields.many("file_urls[]"),
        })
    }
}
