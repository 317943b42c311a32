//! [`Rejection`]: why a request was refused, as a list of problems that never quotes the
//! request.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use channel_model::{DecodeError, FormError, ValidationErrors};
use serde::Serialize;

/// Why a request was refused: the HTTP status, and the problems that explain it.
///
/// It answers with its status and a JSON body `{"errors": [{"pointer", "code", "message"}]}`:
///
/// | status | when | codes |
/// |---|---|---|
/// | 400 Bad Request | the body (or query) cannot be decoded | the [`DecodeCategory`](channel_model::DecodeCategory) codes for JSON; `duplicate_key`, `not_utf8` for forms; `body` when it cannot be read |
/// | 413 Payload Too Large | the body is larger than the endpoint's limit | `body_too_large` |
/// | 415 Unsupported Media Type | a generic extractor got another `Content-Type` | `content_type` |
/// | 422 Unprocessable Entity | it decodes but breaks the type's rules | the [`Violation`](channel_model::Violation) codes; `missing_field` for a form without a required field |
///
/// A pointer is a JSON Pointer in wire names (`/file_urls[]` for a form's list); no problem
/// holds a value of the request, which may carry customers' messages or credentials, and
/// neither does `Debug`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    status: StatusCode,
    problems: Vec<Problem>,
}

/// One problem of a [`Rejection`]: where, a stable code, and a message without values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pointer: String,
    code: String,
    message: String,
}

impl Problem {
    /// A problem at `pointer` (a JSON Pointer; empty for the whole request).
    pub fn new(
        pointer: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            pointer: pointer.into(),
            code: code.into(),
            message: message.into(),
        }
    }

    /// Where the problem is, as a JSON Pointer (empty for the whole request).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The stable code, e.g. `max_length`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// What is wrong, never quoting the request.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Rejection {
    /// A rejection with `status` and `problems`.
    pub fn new(status: StatusCode, problems: impl IntoIterator<Item = Problem>) -> Self {
        Rejection {
            status,
            problems: problems.into_iter().collect(),
        }
    }

    /// The HTTP status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The problems, in the order they were found.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// 413: the body is larger than `limit` bytes.
    pub(crate) fn too_large(limit: usize) -> Self {
        Self::one(
            StatusCode::PAYLOAD_TOO_LARGE,
            Problem::new(
                "",
                "body_too_large",
                format!("the body is larger than the {limit} bytes this endpoint accepts"),
            ),
        )
    }

    /// 400: the body could not be read to its end.
    pub(crate) fn unreadable() -> Self {
        Self::one(
            StatusCode::BAD_REQUEST,
            Problem::new("", "body", "the body could not be read"),
        )
    }

    /// 415: the request's `Content-Type` is not `expected`.
    pub(crate) fn content_type(expected: &str) -> Self {
        Self::one(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Problem::new(
                "",
                "content_type",
                format!("expected a body with `Content-Type: {expected}`"),
            ),
        )
    }

    fn one(status: StatusCode, problem: Problem) -> Self {
        Rejection {
            status,
            problems: vec![problem],
        }
    }
}

/// 400, at the decoder's pointer, with its category's code.
impl From<DecodeError> for Rejection {
    fn from(error: DecodeError) -> Self {
        let problem = Problem::new(
            error.path().to_string(),
            error.category().code(),
            error.message(),
        );
        Rejection::one(StatusCode::BAD_REQUEST, problem)
    }
}

/// At the form field's wire name: 422 for a required field that is missing (the form is
/// well formed, it breaks a rule), 400 for a form that cannot be read (a field repeated, a
/// value that is not UTF-8).
impl From<FormError> for Rejection {
    fn from(error: FormError) -> Self {
        let (field, status, code) = match error {
            FormError::Missing { field } => {
                (field, StatusCode::UNPROCESSABLE_ENTITY, "missing_field")
            }
            FormError::Repeated { field } => (field, StatusCode::BAD_REQUEST, "duplicate_key"),
            FormError::NotUtf8 { field, .. } => (field, StatusCode::BAD_REQUEST, "not_utf8"),
            _ => ("", StatusCode::BAD_REQUEST, "form"),
        };
        let pointer = match field {
            "" => String::new(),
            field => format!("/{field}"),
        };
        Rejection::one(status, Problem::new(pointer, code, error.to_string()))
    }
}

/// 422, one problem per violation.
impl From<ValidationErrors> for Rejection {
    fn from(errors: ValidationErrors) -> Self {
        let problems = errors.iter().map(|violation| {
            Problem::new(
                violation.path().to_string(),
                violation.code(),
                violation.kind().to_string(),
            )
        });
        Rejection::new(StatusCode::UNPROCESSABLE_ENTITY, problems)
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            errors: Vec<Problem>,
        }
        let body = Body {
            errors: self.problems,
        };
        (self.status, Json(body)).into_response()
    }
}

impl std::fmt::Display for Rejection {
    /// The status, then one line per problem: `pointer: message (code)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.status)?;
        for problem in &self.problems {
            write!(
                f,
                "\n{}: {} ({})",
                problem.pointer, problem.message, problem.code
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Rejection {}
