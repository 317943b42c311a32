//! Push payloads from files: JSON, several JSON values one after the other, or JSON Lines;
//! decoded and validated before anything is sent.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use channel_model::{DecodeError, PushRequest, Validated, ValidationErrors};
use serde::de::IgnoredAny;

/// Where a payload starts: its file and line.
#[derive(Debug, Clone)]
pub struct Source {
    file: String,
    line: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A valid payload, ready to send.
pub struct Payload {
    pub source: Source,
    pub push: Validated<PushRequest>,
}

/// What keeps an input from being sent.
pub enum Problem {
    /// The file cannot be read, or holds no payload.
    Unreadable { file: String, message: String },
    /// The text is not a push request at `line`, `column` of the file.
    Undecodable {
        file: String,
        line: usize,
        column: usize,
        error: DecodeError,
    },
    /// A payload breaks some of Zendesk's rules.
    Invalid {
        source: Source,
        errors: ValidationErrors,
    },
}

impl Problem {
    /// Whether the input could not be had as push requests at all (rather than had
    /// violations).
    pub fn is_input_error(&self) -> bool {
        !matches!(self, Problem::Invalid { .. })
    }
}

impl fmt::Display for Problem {
    /// One line per violation, `FILE:LINE: /pointer: message`, or one line for the error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable { file, message } => write!(f, "{file}: {message}"),
            Problem::Undecodable {
                file,
                line,
                column,
                error,
            } => {
                write!(f, "{file}:{line}:{column}: ")?;
                if !error.path().is_root() {
                    write!(f, "{}: ", error.path())?;
                }
                write!(f, "error: {}", error.message())
            }
            Problem::Invalid { source, errors } => {
                for (n, violation) in errors.iter().enumerate() {
                    if n > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{source}: {violation}")?;
                }
                Ok(())
            }
        }
    }
}

/// Every payload of `file` (`-` is standard input), each validated, and what is wrong with
/// the file.
pub fn read(file: &Path, payloads: &mut Vec<Payload>, problems: &mut Vec<Problem>) {
    let name = match file.as_os_str() == "-" {
        true => "<stdin>".to_owned(),
        false => escaped(&file.display().to_string()),
    };
    let bytes = match contents(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            let message = format!("cannot read: {error}");
            return problems.push(Problem::Unreadable {
                file: name,
                message,
            });
        }
    };
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut offset = 0;
    let mut found = 0;
    while let Some(start) = (text[offset..].iter())
        .position(|b| !b.is_ascii_whitespace())
        .map(|skipped| offset + skipped)
    {
        let end = start + value_length(&text[start..]);
        let (line, column) = position(text, start);
        let push = match channel_model::from_slice::<PushRequest>(&text[start..end]) {
            Ok(push) => push,
            Err(error) => {
                // Positions in the value, made positions in the file.
                let column = match error.line() {
                    1 => error.column() + column - 1,
                    _ => error.column(),
                };
                return problems.push(Problem::Undecodable {
                    file: name,
                    line: error.line() + line - 1,
                    column,
                    error,
                });
            }
        };
        found += 1;
        offset = end;
        let source = Source {
            file: name.clone(),
            line,
        };
        match Validated::new(push) {
            Ok(push) => payloads.push(Payload { source, push }),
            Err(invalid) => problems.push(Problem::Invalid {
                source,
                errors: invalid.into_parts().1,
            }),
        }
    }
    if found == 0 {
        problems.push(Problem::Unreadable {
            file: name,
            message: "error: no payload: the file is empty".to_owned(),
        });
    }
}

/// The length of the JSON value that `text` starts with, so that values can follow one
/// another (JSON Lines, or pretty-printed values); all of `text` when it does not start with
/// a whole value, for the decoder to say what is wrong.
fn value_length(text: &[u8]) -> usize {
    let mut values = serde_json::Deserializer::from_slice(text).into_iter::<IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => values.byte_offset(),
        _ => text.len(),
    }
}

fn contents(file: &Path) -> io::Result<Vec<u8>> {
    if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    std::fs::read(file)
}

/// The line and column (from 1, the column in bytes) of the byte at `at`.
fn position(text: &[u8], at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, at - line_start + 1)
}

/// `text` with control characters escaped, so that no file name or id can write escape
/// sequences to the terminal.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c.is_control() {
            true => out.extend(c.escape_default()),
            false => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_columns_from_1() {
        let text = b"{}\n\n  {}\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 6), (3, 3));
    }

    #[test]
    fn values_end_where_their_brackets_close() {
        assert_eq!(value_length(b"{\"a\": [1]}\n{}"), 10);
        assert_eq!(value_length(b"{\"a\": [1]} {}"), 10);
        assert_eq!(value_length(b"{\"a\": "), 6);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escaped("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert_eq!(escaped("Zoë"), "Zoë");
    }
}
