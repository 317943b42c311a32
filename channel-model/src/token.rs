//! `POST /api/v2/any_channel/validate_token`: checks that an integration's token still works.

use serde::{Deserialize, Serialize};

use crate::Validate;

/// The body of `POST /api/v2/any_channel/validate_token`. Zendesk answers 200 with an empty
/// body when the token is valid.
///
/// | field | rule | source |
/// |---|---|---|
/// | `instance_push_id` | required, ≤ 255 characters | reference (required); schema `push_parameters.json`, as a push (`minLength: 1`, `maxLength: 255`) |
/// | `request_id` | optional; non-empty, ≤ 64 characters | schema `push_parameters.json`, as a push (`minLength: 1`, `maxLength: 64`) |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ValidateTokenRequest {
    /// The account, as in a push.
    #[validate(required, max_length = 255)]
    pub instance_push_id: String,
    /// A unique identifier for the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 64)]
    pub request_id: Option<String>,
}

impl ValidateTokenRequest {
    /// A token check for the account `instance_push_id`.
    pub fn new(instance_push_id: impl Into<String>) -> Self {
        ValidateTokenRequest {
            instance_push_id: instance_push_id.into(),
            request_id: None,
        }
    }

    /// Sets the request's unique identifier.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }
}
