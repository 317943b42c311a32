//! Decoding a document into a model type, with errors that say where and never quote values.

use std::cell::RefCell;
use std::fmt;

use channel_model::{Location, Path, PathSegment, Validate, ValidationErrors};
use serde::de::DeserializeOwned;

use crate::inspect::{Findings, Inspector, State};

/// A document that is not the kind it was checked as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Where in the document the problem is.
    pub path: Path,
    /// The line of the problem, from 1; 0 when the problem is not at a place in the text.
    pub line: usize,
    /// The column of the problem, from 1; 0 when the problem is not at a place in the text.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl DecodeError {
    /// A problem with the input as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        DecodeError {
            path: Path::root(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}

impl DecodeError {
    /// A problem serde_json found in the text, at the line and column it gives.
    pub fn at_text(error: &serde_json::Error) -> Self {
        DecodeError {
            line: error.line(),
            column: column(error),
            ..DecodeError::whole(message(error))
        }
    }
}

/// The column of `error`, from 1. serde_json gives the number of characters read on the line,
/// which is 0 when a value at the start of a line is rejected before it is read.
fn column(error: &serde_json::Error) -> usize {
    match error.line() {
        0 => 0,
        _ => error.column().max(1),
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// A decoded document: the model's violations and what the inspection found.
pub struct Decoded {
    /// The model's violations.
    pub violations: ValidationErrors,
    /// What serde let through.
    pub findings: Findings,
}

/// Decodes `text` as a `T`, inspecting it on the way, and validates it, keeping at most
/// `limit` violations and `limit` findings (the others are counted).
pub fn decode<T: DeserializeOwned + Validate>(
    text: &str,
    limit: usize,
) -> Result<Decoded, DecodeError> {
    let state = RefCell::new(State::new(limit));
    let mut json = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(Inspector::new(&mut json, &state))
        .map_err(|error| decode_error(&error, state.borrow().report_depth()))?;
    json.end().map_err(|error| DecodeError::at_text(&error))?;
    let mut violations = ValidationErrors::with_limit(limit);
    value.validate_into(&Location::root(), &mut violations);
    Ok(Decoded {
        violations,
        findings: state.into_inner().into_findings(),
    })
}

/// The error at the place serde_path_to_error followed it to, but no deeper than `depth`
/// segments, when it is inside free-form data: there, keys are data.
fn decode_error(
    error: &serde_path_to_error::Error<serde_json::Error>,
    depth: Option<usize>,
) -> DecodeError {
    let segments = error.path().iter().filter_map(|segment| match segment {
        serde_path_to_error::Segment::Seq { index } => Some(PathSegment::Index(*index)),
        serde_path_to_error::Segment::Map { key } => Some(PathSegment::Key(key.clone().into())),
        serde_path_to_error::Segment::Enum { variant } => {
            Some(PathSegment::Key(variant.clone().into()))
        }
        serde_path_to_error::Segment::Unknown => None,
    });
    let mut segments: Vec<PathSegment> = segments.collect();
    segments.truncate(depth.unwrap_or(usize::MAX));
    let inner = error.inner();
    DecodeError {
        path: Path::from(segments),
        line: inner.line(),
        column: column(inner),
        message: message(inner),
    }
}

/// serde_json's message without its position suffix, and with any quoted value replaced by
/// its type: `invalid type: string "…", expected a boolean` becomes
/// `invalid type: a string, expected a boolean`.
fn message(error: &serde_json::Error) -> String {
    if error.is_eof() && error.line() == 1 && error.column() == 0 {
        return "the document is empty".to_owned();
    }
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let text = text.strip_suffix(&suffix).unwrap_or(&text);
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            // The value comes first and may itself hold `, expected `: split at the last one.
            if let Some((found, expected)) = rest.rsplit_once(", expected ") {
                return format!("{prefix}{}, expected {expected}", redact(found));
            }
        }
    }
    text.to_owned()
}

/// What serde's `Unexpected` wrote, without the value: `string "…"` → `a string`.
fn redact(found: &str) -> String {
    let kinds = [
        ("string", "a string"),
        ("integer", "an integer"),
        ("floating point", "a number"),
        ("boolean", "a boolean"),
        ("character", "a character"),
    ];
    for (kind, name) in kinds {
        if found.starts_with(kind) {
            return name.to_owned();
        }
    }
    // The other kinds (`null`, `map`, `sequence`, ...) carry no value; should one ever come
    // quoted, what is quoted is left out.
    let words = found.split(['`', '"']).next().unwrap_or_default();
    words.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use channel_model::ValidateTokenRequest;

    use super::*;

    #[test]
    fn type_errors_name_the_type_not_the_value() {
        let error = decode::<ValidateTokenRequest>(r#"{"instance_push_id": ["secret"]}"#, 100)
            .err()
            .unwrap();
        assert_eq!(error.path.to_string(), "/instance_push_id");
        assert!(!error.message.contains("secret"), "{}", error.message);

        let error =
            decode::<ValidateTokenRequest>(r#"{"instance_push_id": 1, "request_id": true}"#, 100)
                .err()
                .unwrap();
        assert_eq!(error.message, "invalid type: an integer, expected a string");
        assert_eq!((error.line, error.column), (1, 22));
    }

    #[test]
    fn a_value_that_looks_like_the_message_is_not_quoted_either() {
        let error = decode::<channel_model::PushRequest>(
            r#"{"instance_push_id": "a", "external_resources": [{"internal_note": "secret, expected secret"}]}"#,
            100,
        )
        .err()
        .unwrap();
        assert_eq!(error.message, "invalid type: a string, expected a boolean");
    }

    #[test]
    fn columns_count_from_1() {
        let error = decode::<ValidateTokenRequest>("{\"instance_push_id\":\n[1]}", 100)
            .err()
            .unwrap();
        assert_eq!((error.line, error.column), (2, 1));
    }

    #[test]
    fn trailing_content_is_an_error() {
        let error = decode::<ValidateTokenRequest>(r#"{"instance_push_id": "a"} {}"#, 100)
            .err()
            .unwrap();
        assert_eq!(error.message, "trailing characters");
    }
}
