//! The checks behind the `channel-validate` command, as a library so that its tests and fuzz
//! targets reach the very code the command runs. Not a stable API: the command line is.
//!
//! The flow, one way: [`input`] turns the command's arguments into inputs (a file's values,
//! split by [`stream`]); [`check`] decodes each once (inferring its kind in [`kind`], watching
//! what serde lets through in [`inspect`]), validates it, and locates its findings
//! ([`position`]); [`output`] writes the [`report`].
//!
//! ```
//! use channel_validate::report::Status;
//! use channel_validate::{check_bytes, Options};
//!
//! let document = br#"{"instance_push_id": "acct-1", "external_resources": [{
//!     "external_id": " msg-1", "message": "Hi", "created_at": "2015-09-08T22:48:09Z",
//!     "author": {"external_id": "user-1"}}]}"#;
//! let report = check_bytes("push.json", document.to_vec(), &Options::default());
//! assert_eq!(report.status(), Status::Invalid);
//! let checked = report.result.as_ref().unwrap();
//! let finding = &checked.findings[0];
//! assert_eq!(finding.what.path().unwrap().to_string(), "/external_resources/0/external_id");
//! assert_eq!(finding.what.code(), "trimmed");
//! ```
#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod decode;
#[doc(hidden)]
pub mod escape;
#[doc(hidden)]
pub mod input;
#[doc(hidden)]
pub mod inspect;
#[doc(hidden)]
pub mod keyed;
#[doc(hidden)]
pub mod keys;
#[doc(hidden)]
pub mod kind;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod position;
#[doc(hidden)]
pub mod report;
#[doc(hidden)]
pub mod stream;

use crate::input::{Input, InputError, Source};
use channel_model::DecodeError;

use crate::kind::{InferError, Kind};
use crate::position::Position;
use crate::report::{Checked, Failure, Report};

/// How inputs are checked.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The kind to check as; inferred from each document's keys when `None`.
    pub kind: Option<Kind>,
    /// Whether warnings count as violations.
    pub strict: bool,
    /// The most findings kept per input; the others are counted.
    pub max_findings: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kind: None,
            strict: false,
            max_findings: 100,
        }
    }
}

/// Decodes and validates one input, as the command does for each value: its bytes must be
/// UTF-8 and hold a document, which is checked as `options.kind` or as the kind inferred from
/// its keys.
pub fn check(input: Input, options: &Options) -> Report {
    let Input {
        source,
        text,
        start,
        offset,
        bom,
    } = input;
    let failed = |kind, failure| Report {
        source: source.clone(),
        kind,
        result: Err(failure),
    };
    // As `std::str::from_utf8`, several times faster on text that is not ASCII; the check
    // that tells where the text goes wrong runs only when it does.
    let text = match simdutf8::basic::from_utf8(&text) {
        Ok(text) => text,
        Err(_) => {
            let at = simdutf8::compat::from_utf8(&text).map_or_else(|e| e.valid_up_to(), str::len);
            let error = InputError::NotUtf8 {
                offset: offset + at as u64,
                at: Position::of_offset(&text, at).within(start),
            };
            return failed(options.kind, Failure::Input(error));
        }
    };
    if text.trim_start_matches([' ', '\t', '\n', '\r']).is_empty() {
        return failed(options.kind, Failure::Input(InputError::Empty));
    }
    let limit = options.max_findings;
    let at_error = |error: &DecodeError| {
        Position::of_json_error(text.as_bytes(), error.line(), error.column())
            .map(|at| at.within(start))
    };
    let (kind, decoded) = match options.kind {
        Some(kind) => (Some(kind), kind.check(text, limit)),
        None => match kind::infer(text, limit) {
            Ok((kind, decoded)) => (Some(kind), decoded),
            Err(InferError::Undecodable(error)) => (None, Err(error)),
            Err(error) => {
                let at = match &error {
                    InferError::NotAnObject(error) => at_error(error),
                    _ => None,
                };
                return failed(None, Failure::Kind { error, at });
            }
        },
    };
    let result = match decoded {
        Ok(decoded) => Ok(Checked::new(
            decoded,
            bom,
            options.strict,
            limit,
            text,
            start,
        )),
        Err(error) => Err(Failure::Undecodable {
            at: at_error(&error),
            error,
        }),
    };
    Report {
        source,
        kind,
        result,
    }
}

/// Checks `bytes` as one whole document named `source`, as the command checks a file that
/// holds one value; a leading byte order mark is a warning.
pub fn check_bytes(source: &str, bytes: Vec<u8>, options: &Options) -> Report {
    check(Input::document(Source::file(source), bytes), options)
}
