//! Clickthrough: the link Zendesk shows on a ticket's comments to open them in the origin
//! service.

use serde::{Deserialize, Serialize};

#[cfg(feature = "form")]
use crate::form::{self, Fields, Form, FormError, FormField};
use crate::Validate;

/// The query of the GET request Zendesk sends to the manifest's `clickthrough_url` when an
/// agent opens a comment in the origin service: `?external_id=...`. The integration answers
/// with a redirect to the resource.
///
/// | field | rule |
/// |---|---|
/// | `external_id` | required; ≤ 255 characters: the `external_id` the resource was pushed with |
///
/// Source: the clickthrough docs (the query names the resource); the limit is the resource's
/// own (schema `external_resource.json`, `external_id`: `maxLength: 255`).
///
/// ```
/// # #[cfg(feature = "form")] {
/// use channel_model::{ClickthroughRequest, Validate};
///
/// let request = ClickthroughRequest::from_query("external_id=post%2F8%3Fpage%3D2").unwrap();
/// assert_eq!(request.external_id, "post/8?page=2");
/// assert!(request.validate().is_ok());
/// assert_eq!(request.to_query(), "external_id=post%2F8%3Fpage%3D2");
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct ClickthroughRequest {
    /// The `external_id` of the resource to open.
    #[validate(required, max_length = 255)]
    pub external_id: String,
}

#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
impl ClickthroughRequest {
    /// Decodes a query string, form-encoded as Zendesk writes it; the same decoder as
    /// [`ChannelbackRequest::from_form`](crate::ChannelbackRequest::from_form). A leading `?`
    /// is skipped, so that both the query of a request line and `url::Url::query` (which has
    /// none) can be passed.
    ///
    /// ```
    /// use channel_model::ClickthroughRequest;
    ///
    /// let with = ClickthroughRequest::from_query("?external_id=post-8").unwrap();
    /// let without = ClickthroughRequest::from_query("external_id=post-8").unwrap();
    /// assert_eq!(with, without);
    /// assert_eq!(with.external_id, "post-8");
    /// ```
    ///
    /// # Errors
    ///
    /// When `external_id` is missing or repeated, or is not UTF-8 once percent-decoded. The
    /// error names the field, never its value.
    pub fn from_query(query: impl AsRef<[u8]>) -> Result<Self, FormError> {
        let query = query.as_ref();
        form::decode(query.strip_prefix(b"?").unwrap_or(query))
    }

    /// The query string (without its `?`) Zendesk would send.
    pub fn to_query(&self) -> String {
        form::encode([("external_id", Some(self.external_id.as_str()))])
    }
}

#[cfg(feature = "form")]
impl Form for ClickthroughRequest {
    const FIELDS: &'static [FormField] = &[FormField::One("external_id")];

    fn from_fields(fields: &mut Fields) -> Result<Self, FormError> {
        Ok(ClickthroughRequest {
            external_id: fields.required("external_id")?,
        })
    }
}
