//! The result of checking one input: its findings, each at a line and column, or why it could
//! not be checked.

use std::borrow::Cow;

use channel_model::DecodeError;
use channel_model::{Path, Violation};

use crate::decode::Decoded;
use crate::input::{InputError, Source};
use crate::kind::{InferError, Kind};
use crate::position::{locate, Part, Position};

/// Whether a finding makes the input invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// It does.
    Violation,
    /// It does not, unless `--strict`.
    Warning,
}

/// What a finding is about.
#[derive(Debug)]
pub enum What {
    /// A rule of the model is broken.
    Rule(Violation),
    /// An optional field is `null`.
    Null(Path),
    /// A key the model does not know, and the known key it may be a typo of.
    UnknownKey {
        /// Where the key is.
        path: Path,
        /// The closest known key, if one is close.
        suggestion: Option<&'static str>,
    },
    /// The file starts with a byte order mark.
    Bom,
    /// An event of a type the model does not know, kept as it came.
    UnknownEventType(Path),
}

impl What {
    /// Where in the document, if below its root.
    pub fn path(&self) -> Option<&Path> {
        match self {
            What::Rule(violation) => Some(violation.path()),
            What::Null(path) | What::UnknownKey { path, .. } | What::UnknownEventType(path) => {
                Some(path)
            }
            What::Bom => None,
        }
    }

    /// The stable code.
    pub fn code(&self) -> &str {
        match self {
            What::Rule(violation) => violation.code(),
            What::Null(_) => "null",
            What::UnknownKey { .. } => "unknown_key",
            What::Bom => "bom",
            What::UnknownEventType(_) => "unknown_event_type",
        }
    }

    /// The readable message; it never holds a value.
    pub fn message(&self) -> Cow<'static, str> {
        match self {
            What::Rule(violation) => violation.kind().to_string().into(),
            What::Null(_) => {
                "must be left out or given a value: Zendesk's schemas do not accept null".into()
            }
            What::UnknownKey {
                suggestion: Some(known),
                ..
            } => format!("unknown key; did you mean {known}?").into(),
            What::UnknownKey {
                suggestion: None, ..
            } => "unknown key; Zendesk ignores it".into(),
            What::Bom => "starts with a byte order mark, which JSON text must not have".into(),
            What::UnknownEventType(_) => {
                "an event type this version does not know; the event is kept as it came".into()
            }
        }
    }
}

/// One violation or warning, and where it is in the file.
#[derive(Debug)]
pub struct Finding {
    /// Whether it makes the input invalid.
    pub severity: Severity,
    /// What it is.
    pub what: What,
    /// The line and column of the value it points at (of the key, for an unknown key), in
    /// the file.
    pub at: Position,
}

/// The findings of an input that could be decoded.
#[derive(Debug, Default)]
pub struct Checked {
    /// The findings kept, violations first, in document order within each sort.
    pub findings: Vec<Finding>,
    /// The number of violations, including those left out.
    pub violations: usize,
    /// The number of warnings, including those left out.
    pub warnings: usize,
    /// The number of findings left out beyond the limit.
    pub omitted: usize,
}

impl Checked {
    /// Sorts a decoded document's findings into violations and warnings (with `strict`,
    /// warnings count as violations), keeps at most `limit` of them, and finds the line and
    /// column of each in `text`, which starts at `start` of its file.
    pub fn new(
        decoded: Decoded,
        bom: bool,
        strict: bool,
        limit: usize,
        text: &str,
        start: Position,
    ) -> Self {
        let warning = match strict {
            true => Severity::Violation,
            false => Severity::Warning,
        };
        let Decoded {
            violations,
            findings,
            ..
        } = decoded;
        let violations_found =
            findings.nulls.len() + findings.omitted_nulls + violations.len() + violations.omitted();
        let warnings_found = usize::from(bom)
            + findings.unknown_keys.len()
            + findings.omitted_unknown_keys
            + findings.unknown_event_types.len();
        if violations_found + warnings_found == 0 {
            return Checked::default();
        }
        let nulls = findings
            .nulls
            .into_iter()
            .map(|path| (Severity::Violation, What::Null(path)));
        let rules = violations
            .into_iter()
            .map(|violation| (Severity::Violation, What::Rule(violation)));
        let bom = bom.then_some((warning, What::Bom));
        let unknown = findings.unknown_keys.into_iter().map(|key| {
            let what = What::UnknownKey {
                path: key.path,
                suggestion: key.suggestion,
            };
            (warning, what)
        });
        let event_types = findings
            .unknown_event_types
            .into_iter()
            .map(|path| (warning, What::UnknownEventType(path)));
        let kept: Vec<(Severity, What)> = nulls
            .chain(rules)
            .chain(bom)
            .chain(unknown)
            .chain(event_types)
            .take(limit)
            .collect();
        // Lines and columns are looked for only when there is something to show. An unknown
        // key is shown where it is written; anything else at its value.
        let root = Path::root();
        let paths: Vec<(&Path, Part)> = kept
            .iter()
            .map(|(_, what)| {
                let part = match what {
                    What::UnknownKey { .. } => Part::Key,
                    _ => Part::Value,
                };
                (what.path().unwrap_or(&root), part)
            })
            .collect();
        let positions = match kept.is_empty() {
            true => Vec::new(),
            false => locate(text, &paths),
        };
        let findings: Vec<Finding> = kept
            .into_iter()
            .zip(positions)
            .map(|((severity, what), at)| Finding {
                severity,
                what,
                at: at.unwrap_or(Position::START).within(start),
            })
            .collect();
        let total = violations_found + warnings_found;
        Checked {
            omitted: total - findings.len(),
            violations: match strict {
                true => total,
                false => violations_found,
            },
            warnings: match strict {
                true => 0,
                false => warnings_found,
            },
            findings,
        }
    }
}

/// Why an input could not be checked.
#[derive(Debug)]
pub enum Failure {
    /// The input itself: unreadable, not UTF-8, empty.
    Input(InputError),
    /// The text is not the kind's JSON.
    Undecodable {
        /// What is wrong, and where in the document.
        error: DecodeError,
        /// Where in the file, when the problem is at a place in the text.
        at: Option<Position>,
    },
    /// The kind cannot be inferred.
    Kind {
        /// Why.
        error: InferError,
        /// Where in the file, when the problem is at a place in the text.
        at: Option<Position>,
    },
}

impl Failure {
    /// Where in the file the problem is, when it is at a place.
    pub fn position(&self) -> Option<Position> {
        match self {
            Failure::Input(error) => error.position(),
            Failure::Undecodable { at, .. } | Failure::Kind { at, .. } => *at,
        }
    }

    /// The path in the document, when the problem is below its root.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Failure::Undecodable { error, .. } if !error.path().is_root() => Some(error.path()),
            _ => None,
        }
    }

    /// A stable code: the input's (`io`, `utf8`, `empty`), the decoder's category
    /// (`syntax`, `type`, `missing_field`, ...), or `kind`.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Input(error) => error.code(),
            Failure::Undecodable { error, .. } => error.category().code(),
            Failure::Kind { .. } => "kind",
        }
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> Cow<'_, str> {
        match self {
            Failure::Input(error) => error.to_string().into(),
            Failure::Undecodable { error, .. } => Cow::Borrowed(error.message()),
            Failure::Kind { error, .. } => error.to_string().into(),
        }
    }
}

/// What became of one input.
#[derive(Debug)]
pub struct Report {
    /// Its name.
    pub source: Source,
    /// The kind it was checked as, if one was given or could be inferred.
    pub kind: Option<Kind>,
    /// Its findings, or why it could not be checked.
    pub result: Result<Checked, Failure>,
}

/// The process exit status for a set of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Every input is valid.
    Valid = 0,
    /// Some input has violations.
    Invalid = 1,
    /// Some input cannot be read or decoded.
    Undecodable = 2,
}

impl Report {
    /// This input's exit status.
    pub fn status(&self) -> Status {
        match &self.result {
            Err(_) => Status::Undecodable,
            Ok(checked) if checked.violations > 0 => Status::Invalid,
            Ok(_) => Status::Valid,
        }
    }

    /// The error that says this input cannot be read, which goes to standard error.
    pub fn read_error(&self) -> Option<&InputError> {
        match &self.result {
            Err(Failure::Input(error @ InputError::Read(_))) => Some(error),
            _ => None,
        }
    }
}
