//! The pull endpoint: what an integration answers when Zendesk polls it for new resources.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::embedded_json::{self, EmbeddedJsonError};
use crate::{ExternalResource, Validate};

/// The response of an integration's `pull_url`: the resources that are new since the last
/// pull, and the `state` that Zendesk sends back on the next one.
///
/// | field | rule |
/// |---|---|
/// | `external_resources` | required key (an empty list is a pull with nothing new); ≤ [`MAX_RESOURCES`](Self::MAX_RESOURCES) items, each valid |
/// | `state` | optional; ≤ 5000 characters |
/// | `metadata_needs_update` | optional boolean |
/// | `metadata` | optional; ≤ 5000 characters |
///
/// The resources are the same [`ExternalResource`]s as in a push. Zendesk's docs allow 200 of
/// them and its schema 256: the stricter 200 applies. `state` and `metadata` are strings that
/// integrations usually fill with JSON of their own: [`with_state`](Self::with_state) and
/// [`state_as`](Self::state_as) put a value in and get it back without encoding it twice.
///
/// ```
/// use channel_model::chrono::{TimeZone, Utc};
/// use channel_model::{Author, ExternalResource, PullResponse, Validate};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Debug, PartialEq, Serialize, Deserialize)]
/// struct Cursor {
///     since: u64,
/// }
///
/// let created_at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
/// let resource = ExternalResource::new("post-8", "Any news?", created_at, Author::new("user-1"));
/// let pull = PullResponse::new([resource]).with_state(&Cursor { since: 8 }).unwrap();
/// assert!(pull.validate().is_ok());
///
/// let body = serde_json::to_string(&pull).unwrap();
/// assert!(body.ends_with(r#""state":"{\"since\":8}"}"#));
///
/// // Zendesk sends the state back on the next pull, as the text it was given.
/// assert_eq!(pull.state_as::<Cursor>().unwrap(), Some(Cursor { since: 8 }));
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
    pub state: Option<String>,
    /// When `true`, Zendesk replaces the account's metadata with `metadata`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_needs_update: Option<bool>,
    /// The account's new metadata; used only when `metadata_needs_update` is `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub metadata: Option<String>,
}

impl PullResponse {
    /// The most resources one pull response may carry (Zendesk's docs: 200; its schema's
    /// `maxItems: 256` is looser).
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

    /// Sets `state` to `value` as JSON text.
    ///
    /// A string that already holds a JSON object or array is taken as encoded and kept as it
    /// is, so passing the text of `serde_json::to_string(&value)` gives the same state as
    /// passing `&value`; any other string is encoded as a JSON string. To store text that is
    /// not JSON, set the `state` field.
    ///
    /// ```
    /// use channel_model::PullResponse;
    /// use serde_json::json;
    ///
    /// let value = json!({"since": 8});
    /// let typed = PullResponse::new([]).with_state(&value).unwrap();
    /// let text = PullResponse::new([]).with_state(&value.to_string()).unwrap();
    /// assert_eq!(typed.state.as_deref(), Some(r#"{"since":8}"#));
    /// assert_eq!(text, typed, "JSON text is not encoded a second time");
    ///
    /// let page = PullResponse::new([]).with_state("page-2").unwrap();
    /// assert_eq!(page.state.as_deref(), Some(r#""page-2""#));
    /// assert_eq!(page.state_as::<String>().unwrap().as_deref(), Some("page-2"));
    /// ```
    ///
    /// # Errors
    ///
    /// When `value` cannot be serialized as JSON (a map whose keys are not strings, say).
    pub fn with_state<T: Serialize + ?Sized>(
        mut self,
        value: &T,
    ) -> Result<Self, serde_json::Error> {
        self.state = Some(embedded_json::encode(value)?);
        Ok(self)
    }

    /// Reads `state` as JSON into a `T`; `Ok(None)` when there is no state or it is blank.
    ///
    /// A state encoded twice (a JSON string holding a JSON object or array, as some
    /// integrations write it) is read through when `T` cannot be read from the string itself.
    ///
    /// ```
    /// use channel_model::PullResponse;
    /// use std::collections::BTreeMap;
    ///
    /// let mut pull = PullResponse::new([]);
    /// assert_eq!(pull.state_as::<BTreeMap<String, u64>>().unwrap(), None);
    ///
    /// pull.state = Some(r#""{\"since\":8}""#.to_owned()); // encoded twice
    /// let state: BTreeMap<String, u64> = pull.state_as().unwrap().unwrap();
    /// assert_eq!(state["since"], 8);
    /// ```
    ///
    /// # Errors
    ///
    /// When the text is not JSON, or not JSON of a `T`; the error never quotes the text.
    pub fn state_as<T: DeserializeOwned>(&self) -> Result<Option<T>, EmbeddedJsonError> {
        embedded_json::decode("state", self.state.as_deref())
    }

    /// Sets `metadata` to `value` as JSON text, and `metadata_needs_update` to `true`, without
    /// which Zendesk ignores the metadata.
    ///
    /// The text is made as by [`with_state`](Self::with_state): JSON text given as a string is
    /// kept as it is, not encoded a second time.
    ///
    /// ```
    /// use channel_model::PullResponse;
    /// use serde_json::json;
    ///
    /// let pull = PullResponse::new([]).with_metadata(&json!({"token": "t-2"})).unwrap();
    /// assert_eq!(pull.metadata.as_deref(), Some(r#"{"token":"t-2"}"#));
    /// assert_eq!(pull.metadata_needs_update, Some(true));
    /// ```
    ///
    /// # Errors
    ///
    /// When `value` cannot be serialized as JSON.
    pub fn with_metadata<T: Serialize + ?Sized>(
        mut self,
        value: &T,
    ) -> Result<Self, serde_json::Error> {
        self.metadata = Some(embedded_json::encode(value)?);
        self.metadata_needs_update = Some(true);
        Ok(self)
    }

    /// Sets whether Zendesk should replace the account's metadata with `metadata`.
    pub fn with_metadata_needs_update(mut self, metadata_needs_update: bool) -> Self {
        self.metadata_needs_update = Some(metadata_needs_update);
        self
    }

    /// Reads `metadata` as JSON into a `T`; `Ok(None)` when there is none or it is blank.
    /// Twice-encoded JSON is read through, as by [`state_as`](Self::state_as).
    ///
    /// # Errors
    ///
    /// When the text is not JSON, or not JSON of a `T`; the error never quotes the text.
    pub fn metadata_as<T: DeserializeOwned>(&self) -> Result<Option<T>, EmbeddedJsonError> {
        embedded_json::decode("metadata", self.metadata.as_deref())
    }
}
