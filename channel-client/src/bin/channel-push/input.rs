//! Push payloads from files: JSON, several JSON values one after the other, or JSON Lines;
//! decoded and validated before anything is sent.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use channel_model::{PushRequest, Validated, ValidationErrors};
use serde_json::error::Category;

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
    /// The text is not a push request at `line`, `column`.
    Undecodable {
        file: String,
        line: usize,
        column: usize,
        what: &'static str,
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
                what,
            } => write!(f, "{file}:{line}:{column}: {what}"),
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
    let mut values = serde_json::Deserializer::from_slice(text).into_iter::<PushRequest>();
    let mut end = 0;
    let mut found = 0;
    loop {
        let start = end;
        match values.next() {
            None => break,
            Some(Ok(push)) => {
                found += 1;
                end = values.byte_offset();
                let source = Source {
                    file: name.clone(),
                    line: line_of(text, start),
                };
                match Validated::new(push) {
                    Ok(push) => payloads.push(Payload { source, push }),
                    Err(invalid) => problems.push(Problem::Invalid {
                        source,
                        errors: invalid.into_parts().1,
                    }),
                }
            }
            Some(Err(error)) => {
                // serde's message may quote the value; the category and position do not.
                let what = match error.classify() {
                    Category::Syntax => "error: not JSON",
                    Category::Eof => "error: the JSON ends early",
                    Category::Data => {
                        "error: not a push request (a value of the wrong type, a missing field or an invalid value)"
                    }
                    Category::Io => "error: cannot be read",
                };
                return problems.push(Problem::Undecodable {
                    file: name,
                    line: error.line(),
                    column: error.column().max(1),
                    what,
                });
            }
        }
    }
    if found == 0 {
        problems.push(Problem::Unreadable {
            file: name,
            message: "error: no payload: the file is empty".to_owned(),
        });
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

/// The line (from 1) of the first non-whitespace byte at or after `from`.
fn line_of(text: &[u8], from: usize) -> usize {
    let rest = &text[from.min(text.len())..];
    let skipped = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let at = from + skipped;
    1 + text[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
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
    fn lines_count_from_the_value_not_the_whitespace_before_it() {
        let text = b"{}\n\n  {}\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 2), 3);
        assert_eq!(line_of(text, 100), 4);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escaped("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert_eq!(escaped("Zoë"), "Zoë");
    }
}
