//! The checks behind the `channel-validate` command, as a library so that its tests and fuzz
//! targets reach the very code the command runs. Not a stable API: the command line is.
#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod decode;
#[doc(hidden)]
pub mod inspect;
#[doc(hidden)]
pub mod kind;
#[doc(hidden)]
pub mod report;

use crate::decode::DecodeError;
use crate::kind::Kind;
use crate::report::{Checked, Report};

/// Decodes and validates one input's bytes, as the command does for each file: the bytes must
/// be UTF-8, may start with a byte order mark (a warning), and are checked as `kind`, or as the
/// kind inferred from their keys.
pub fn check_bytes(source: String, bytes: Vec<u8>, kind: Option<Kind>, strict: bool) -> Report {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let error = DecodeError::whole(format!("not UTF-8 text: invalid byte at offset {at}"));
            return Report {
                source,
                kind,
                result: Err(error),
            };
        }
    };
    let bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim_start_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Report {
            source,
            kind,
            result: Err(DecodeError::whole("the document is empty")),
        };
    }
    let inferred = match kind {
        Some(kind) => Ok(kind),
        None => kind::infer(text),
    };
    let (kind, result) = match inferred {
        Ok(kind) => (Some(kind), kind.check(text)),
        Err(error) => (None, Err(error)),
    };
    Report {
        source,
        kind,
        result: result.map(|decoded| Checked::new(decoded, bom, strict)),
    }
}
