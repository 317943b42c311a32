//! The response to a push: one result per resource, and what to make of it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use crate::{redact, ExternalResource, PushRequest, Validate};

/// The body Zendesk answers a push with: one result per pushed resource, in the same order.
///
/// ```
/// use channel_model::{PushResponse, StatusCode};
///
/// let response: PushResponse = channel_model::from_str(
///     r#"{"results":[{"external_resource_id":"234","status":{"code":"success"}}]}"#,
/// ).unwrap();
/// assert_eq!(response.results[0].status.code, StatusCode::Success);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct PushResponse {
    /// The results, one per resource of the request, in its order.
    pub results: Vec<PushResult>,
}

/// What became of one pushed resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct PushResult {
    /// The `external_id` of the resource, as it was pushed.
    pub external_resource_id: String,
    /// What happened to it.
    pub status: PushStatus,
}

/// The status of one pushed resource.
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct PushStatus {
    /// What happened.
    pub code: StatusCode,
    /// Details, when something went wrong: for
    /// [`CouldNotLocateParentExternalResource`](StatusCode::CouldNotLocateParentExternalResource),
    /// the parent id that was not found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The code; the description, which may quote what was pushed, as its length.
impl fmt::Debug for PushStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PushStatus { code, description } = self;
        f.debug_struct("PushStatus")
            .field("code", code)
            .field("description", &redact::chars(description.as_deref()))
            .finish()
    }
}

/// A push result's status code. Codes this library does not know are kept as they were sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StatusCode {
    /// `success`: the resource became a ticket or a comment.
    Success,
    /// `already_imported`: skipped, a ticket or comment already exists for it.
    AlreadyImported,
    /// `could_not_locate_parent_external_resource`: the resource named by `parent_id` was not
    /// found.
    CouldNotLocateParentExternalResource,
    /// `processing_error`: an internal error while processing it.
    ProcessingError,
    /// `halted`: not processed, because processing an earlier resource failed.
    Halted,
    /// Any other code, as sent.
    Other(String),
}

/// What an integration should do about a resource, given its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// It is in Zendesk (`success`, `already_imported`).
    Delivered,
    /// It failed for good: sending it again would fail again
    /// (`could_not_locate_parent_external_resource`).
    Failed,
    /// It was not processed, or processing broke; send it again (`processing_error`, `halted`).
    Retry,
    /// The code is not one this library knows; the integration must decide.
    Unknown,
}

impl StatusCode {
    /// The code as Zendesk writes it, e.g. `already_imported`.
    pub fn as_str(&self) -> &str {
        match self {
            StatusCode::Success => "success",
            StatusCode::AlreadyImported => "already_imported",
            StatusCode::CouldNotLocateParentExternalResource => {
                "could_not_locate_parent_external_resource"
            }
            StatusCode::ProcessingError => "processing_error",
            StatusCode::Halted => "halted",
            StatusCode::Other(code) => code,
        }
    }

    /// What to do about a resource with this status.
    pub fn outcome(&self) -> Outcome {
        match self {
            StatusCode::Success | StatusCode::AlreadyImported => Outcome::Delivered,
            StatusCode::CouldNotLocateParentExternalResource => Outcome::Failed,
            StatusCode::ProcessingError | StatusCode::Halted => Outcome::Retry,
            StatusCode::Other(_) => Outcome::Unknown,
        }
    }
}

impl From<&str> for StatusCode {
    fn from(code: &str) -> Self {
        match code {
            "success" => StatusCode::Success,
            "already_imported" => StatusCode::AlreadyImported,
            "could_not_locate_parent_external_resource" => {
                StatusCode::CouldNotLocateParentExternalResource
            }
            "processing_error" => StatusCode::ProcessingError,
            "halted" => StatusCode::Halted,
            other => StatusCode::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = StatusCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a status code string")
            }

            fn visit_str<E: de::Error>(self, code: &str) -> Result<StatusCode, E> {
                Ok(StatusCode::from(code))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

impl PushStatus {
    /// What to do about the resource.
    pub fn outcome(&self) -> Outcome {
        self.code.outcome()
    }
}

/// Why a response cannot be paired with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultsMismatch {
    /// The response has a different number of results than the request has resources.
    Count {
        /// The number of resources pushed.
        resources: usize,
        /// The number of results received.
        results: usize,
    },
    /// The result at `index` names a different resource than the one pushed at `index`.
    ExternalId {
        /// The position of the result and of the resource.
        index: usize,
    },
}

impl fmt::Display for ResultsMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResultsMismatch::Count { resources, results } => write!(
                f,
                "the push had {resources} external resources but the response has {results} results"
            ),
            ResultsMismatch::ExternalId { index } => write!(
                f,
                "/results/{index}/external_resource_id does not match \
                 /external_resources/{index}/external_id of the push"
            ),
        }
    }
}

impl std::error::Error for ResultsMismatch {}

/// A push's resources, each with the result Zendesk gave it.
///
/// ```
/// use channel_model::{Author, ExternalResource, Outcome, PushReport, PushRequest, PushResponse};
/// use chrono::{TimeZone, Utc};
///
/// let at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
/// let resource = |id: &str| ExternalResource::new(id, "hi", at, Author::new("u1"));
/// let request = PushRequest::new("acct", [resource("1"), resource("2"), resource("3")]);
/// let response: PushResponse = channel_model::from_str(r#"{"results": [
///     {"external_resource_id": "1", "status": {"code": "success"}},
///     {"external_resource_id": "2", "status": {"code": "processing_error", "description": "boom"}},
///     {"external_resource_id": "3", "status": {"code": "halted"}}
/// ]}"#).unwrap();
///
/// let report = PushReport::new(&request, &response).unwrap();
/// assert_eq!(report.with_outcome(Outcome::Delivered).count(), 1);
/// let retry = report.retry_request().unwrap();
/// let ids: Vec<&str> = retry.external_resources.iter().map(|r| r.external_id.as_str()).collect();
/// assert_eq!(ids, ["2", "3"]);
/// ```
#[derive(Debug, Clone)]
pub struct PushReport<'a> {
    request: &'a PushRequest,
    // Owned when the results were gathered over several requests (a client that sends
    // `retry_request` again merges the answers), borrowed from one response otherwise.
    results: Cow<'a, [PushResult]>,
}

impl<'a> PushReport<'a> {
    /// Pairs each resource of `request` with its result in `response`, checking that there
    /// are as many results as resources and that each names its resource's `external_id`.
    pub fn new(
        request: &'a PushRequest,
        response: &'a PushResponse,
    ) -> Result<Self, ResultsMismatch> {
        Self::pair(request, Cow::Borrowed(&response.results))
    }

    /// Like [`new`](Self::new), but keeps `results`: one per resource of `request`, in its
    /// order, such as the latest result of each resource over a push and its retries.
    pub fn from_results(
        request: &'a PushRequest,
        results: Vec<PushResult>,
    ) -> Result<Self, ResultsMismatch> {
        Self::pair(request, Cow::Owned(results))
    }

    fn pair(
        request: &'a PushRequest,
        results: Cow<'a, [PushResult]>,
    ) -> Result<Self, ResultsMismatch> {
        let resources = &request.external_resources;
        if resources.len() != results.len() {
            return Err(ResultsMismatch::Count {
                resources: resources.len(),
                results: results.len(),
            });
        }
        let mut pairs = resources.iter().zip(results.iter());
        if let Some(index) =
            pairs.position(|(r, result)| r.external_id != result.external_resource_id)
        {
            return Err(ResultsMismatch::ExternalId { index });
        }
        Ok(PushReport { request, results })
    }

    /// Every resource with its result, in the order pushed.
    pub fn iter(&self) -> impl Iterator<Item = (&'a ExternalResource, &PushResult)> + '_ {
        self.request
            .external_resources
            .iter()
            .zip(self.results.iter())
    }

    /// The resources whose status has `outcome`, with their results, in the order pushed.
    pub fn with_outcome(
        &self,
        outcome: Outcome,
    ) -> impl Iterator<Item = (&'a ExternalResource, &PushResult)> + '_ {
        self.iter()
            .filter(move |(_, result)| result.status.outcome() == outcome)
    }

    /// A push of the resources to send again ([`Outcome::Retry`]), in their original order,
    /// to the same account; `None` when there are none. Its `request_id` is unset: a retry
    /// is a new request.
    pub fn retry_request(&self) -> Option<PushRequest> {
        let retry: Vec<ExternalResource> = self
            .with_outcome(Outcome::Retry)
            .map(|(resource, _)| resource.clone())
            .collect();
        (!retry.is_empty()).then(|| PushRequest::new(self.request.instance_push_id.clone(), retry))
    }
}
