//! Channelback: an agent's answer, which Zendesk sends to the integration's `channelback_url`
//! ([`ChannelbackRequest`]) for it to deliver to the origin service, the integration's answer
//! ([`ChannelbackResponse`]), and `POST /api/v2/any_channel/channelback/report_error`
//! ([`ChannelbackErrorReport`]), which tells Zendesk that a delivery failed.

mod request;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{redact, JsonText, Validate};

pub use request::ChannelbackRequest;

/// The body of `POST /api/v2/any_channel/channelback/report_error`, sent when a channelback
/// (an agent's answer sent to the origin service) could not be delivered.
///
/// | field | rule | source |
/// |---|---|---|
/// | `instance_push_id` | required, ≤ 255 characters | reference (required); schema `report_channelback_error.json` (`minLength: 1`, `maxLength: 255`) |
/// | `external_id` | required, trimmed, ≤ 255 characters | reference (required); schema `report_channelback_error.json` (`maxLength: 255`, format `external-id`); non-empty is the model's own: the id names a resource |
/// | `description` | optional; ≤ 511 characters | schema `report_channelback_error.json` (`maxLength: 511`) |
/// | `request_id` | optional; non-empty, ≤ 64 characters | schema `report_channelback_error.json` (`minLength: 1`, `maxLength: 64`) |
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ChannelbackErrorReport {
    /// The account, as in a push.
    #[validate(required, max_length = 255)]
    pub instance_push_id: String,
    /// The external id from the original channelback.
    #[validate(required, trimmed, max_length = 255)]
    pub external_id: String,
    /// A human-readable description of the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 511)]
    pub description: Option<String>,
    /// A unique identifier for the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 64)]
    pub request_id: Option<String>,
}

/// The ids; the description, which may quote the failed message, as its length.
impl fmt::Debug for ChannelbackErrorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ChannelbackErrorReport {
            instance_push_id,
            external_id,
            description,
            request_id,
        } = self;
        f.debug_struct("ChannelbackErrorReport")
            .field("instance_push_id", instance_push_id)
            .field("external_id", external_id)
            .field("description", &redact::chars(description.as_deref()))
            .field("request_id", request_id)
            .finish()
    }
}

impl ChannelbackErrorReport {
    /// A report that the channelback for `external_id` on the account `instance_push_id` failed.
    pub fn new(instance_push_id: impl Into<String>, external_id: impl Into<String>) -> Self {
        ChannelbackErrorReport {
            instance_push_id: instance_push_id.into(),
            external_id: external_id.into(),
            description: None,
            request_id: None,
        }
    }

    /// Sets the description of the error.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the request's unique identifier.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }
}

/// What an integration's `channelback_url` answers (with HTTP 200) once it has delivered the
/// agent's message: the id the message got in the origin service.
///
/// | field | rule | source |
/// |---|---|---|
/// | `external_id` | required, trimmed, ≤ 255 characters | channelback docs; schema `channelback_payload_v2.json` (`minLength: 1`, `maxLength: 255`, format `external-id`) |
/// | `allow_channelback` | optional boolean | channelback docs; schema `channelback_payload_v2.json` |
/// | `metadata_needs_update` | optional boolean | channelback docs; schema `channelback_payload_v2.json` |
/// | `metadata` | optional; ≤ 5000 characters | channelback docs; schema `channelback_payload_v2.json` (`maxLength: 5000`) |
///
/// Zendesk records the message as the external resource `external_id`, as if it had been
/// pushed, so that later resources can name it as their `parent_id`. Public integrations get
/// the names wrong: an answer with `message` in place of `external_id` does not decode, and a
/// misspelt optional key (`allow_channel_back`) is ignored, by Zendesk as by this type
/// (`channel-validate` points such keys out).
///
/// ```
/// use channel_model::{ChannelbackResponse, JsonText, Validate};
/// use serde_json::json;
///
/// let response = ChannelbackResponse::new("msg-4712")
///     .with_allow_channelback(true)
///     .with_metadata(JsonText::encode(&json!({"token": "t-2"})).unwrap());
/// assert!(response.validate().is_ok());
/// assert_eq!(
///     serde_json::to_value(&response).unwrap(),
///     json!({
///         "external_id": "msg-4712",
///         "allow_channelback": true,
///         "metadata_needs_update": true,
///         "metadata": "{\"token\":\"t-2\"}"
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ChannelbackResponse {
    /// The id the delivered message got in the origin service.
    #[validate(required, trimmed, max_length = 255)]
    pub external_id: String,
    /// When `false`, agents cannot answer this message from Zendesk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_channelback: Option<bool>,
    /// When `true`, Zendesk replaces the account's metadata with `metadata`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_needs_update: Option<bool>,
    /// The account's new metadata; used only when `metadata_needs_update` is `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub metadata: Option<JsonText>,
}

impl ChannelbackResponse {
    /// The answer that the message was delivered as `external_id`.
    pub fn new(external_id: impl Into<String>) -> Self {
        ChannelbackResponse {
            external_id: external_id.into(),
            allow_channelback: None,
            metadata_needs_update: None,
            metadata: None,
        }
    }

    /// Allows (`true`) or forbids (`false`) agents to answer the message from Zendesk.
    pub fn with_allow_channelback(mut self, allow_channelback: bool) -> Self {
        self.allow_channelback = Some(allow_channelback);
        self
    }

    crate::json_text::json_text_builders!(metadata_update);
}
