//! `POST /api/v2/any_channel/channelback/report_error`: tells Zendesk a channelback failed.

use serde::{Deserialize, Serialize};

use crate::Validate;

/// The body of `POST /api/v2/any_channel/channelback/report_error`, sent when a channelback
/// (an agent's answer sent to the origin service) could not be delivered.
///
/// | field | rule |
/// |---|---|
/// | `instance_push_id` | required, ≤ 255 characters |
/// | `external_id` | required, trimmed, ≤ 255 characters |
/// | `description` | optional; ≤ 511 characters |
/// | `request_id` | optional; non-empty, ≤ 64 characters |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
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
