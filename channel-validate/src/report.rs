//! The result of checking one input, and how it is written: text lines or a JSON line.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use channel_model::Violation;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::decode::{DecodeError, Decoded};
use crate::kind::Kind;

/// One problem or warning, as both output formats show it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub path: String,
    pub code: String,
    pub message: String,
    /// The rule's parameters (`max`, `actual`, `suggestion`, ...).
    #[serde(flatten)]
    pub params: Map<String, Value>,
}

impl Finding {
    fn new(path: impl ToString, code: &str, message: impl Into<String>) -> Self {
        Finding {
            path: path.to_string(),
            code: code.to_owned(),
            message: message.into(),
            params: Map::new(),
        }
    }
}

impl From<&Violation> for Finding {
    fn from(violation: &Violation) -> Self {
        let mut params = match serde_json::to_value(violation) {
            Ok(Value::Object(params)) => params,
            _ => Map::new(),
        };
        for key in ["path", "code", "message"] {
            params.remove(key);
        }
        Finding {
            params,
            ..Finding::new(
                violation.path(),
                violation.code(),
                violation.kind().to_string(),
            )
        }
    }
}

/// The findings of an input that could be decoded.
#[derive(Debug, Default)]
pub struct Checked {
    pub violations: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl Checked {
    /// Sorts a decoded document's findings into violations and warnings; with `strict`,
    /// warnings count as violations.
    pub fn new(decoded: Decoded, bom: bool, strict: bool) -> Self {
        let mut checked = Checked::default();
        for path in decoded.findings.nulls {
            let message = "must be left out or given a value: Zendesk's schemas do not accept null";
            checked.violations.push(Finding::new(path, "null", message));
        }
        let errors = decoded.violations.unwrap_or_default();
        checked.violations.extend(errors.iter().map(Finding::from));
        if bom {
            let message = "starts with a byte order mark, which JSON text must not have";
            checked.warnings.push(Finding::new("", "bom", message));
        }
        for key in decoded.findings.unknown_keys {
            let finding = match key.suggestion {
                Some(known) => {
                    let message = format!("unknown key; did you mean {known}?");
                    let mut finding = Finding::new(&key.path, "unknown_key", message);
                    finding.params.insert("suggestion".into(), known.into());
                    finding
                }
                None => Finding::new(&key.path, "unknown_key", "unknown key; Zendesk ignores it"),
            };
            checked.warnings.push(finding);
        }
        if strict {
            checked.violations.append(&mut checked.warnings);
        }
        checked
    }
}

/// What became of one input.
#[derive(Debug)]
pub struct Report {
    /// The file name as given, or `<stdin>`.
    pub source: String,
    /// The kind it was checked as, if one was given or could be inferred.
    pub kind: Option<Kind>,
    pub result: Result<Checked, DecodeError>,
}

/// The process exit status for a set of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Valid = 0,
    Invalid = 1,
    Undecodable = 2,
}

impl Report {
    pub fn status(&self) -> Status {
        match &self.result {
            Err(_) => Status::Undecodable,
            Ok(checked) if !checked.violations.is_empty() => Status::Invalid,
            Ok(_) => Status::Valid,
        }
    }

    /// One line per violation and warning, then a summary line.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        let source = &self.source;
        let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
        let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
        let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
        let kind = self.kind.map_or("payload", Kind::name);
        let checked = match &self.result {
            Err(error) => return writeln!(out, "{source}: {red}error{red:#}: {error}"),
            Ok(checked) => checked,
        };
        for finding in &checked.violations {
            writeln!(out, "{source}: {}{}", at(&finding.path), finding.message)?;
        }
        for finding in &checked.warnings {
            let path = at(&finding.path);
            writeln!(
                out,
                "{source}: {path}{yellow}warning{yellow:#}: {}",
                finding.message
            )?;
        }
        let warnings = match checked.warnings.len() {
            0 => String::new(),
            n => format!(", {}", count(n, "warning")),
        };
        match checked.violations.len() {
            0 => writeln!(out, "{source}: {kind}: {green}valid{green:#}{warnings}"),
            n => writeln!(
                out,
                "{source}: {kind}: {red}{}{red:#}{warnings}",
                count(n, "violation")
            ),
        }
    }

    /// The report as one JSON object: `source`, `kind`, `valid`, then `violations` and
    /// `warnings`, or the `error` that kept the input from being checked.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Line<'a> {
            source: &'a str,
            kind: Option<&'static str>,
            valid: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            violations: Option<&'a [Finding]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            warnings: Option<&'a [Finding]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            error: Option<Error<'a>>,
        }

        #[derive(Serialize)]
        struct Error<'a> {
            path: String,
            line: usize,
            column: usize,
            message: &'a str,
        }

        let (checked, error) = match &self.result {
            Ok(checked) => (Some(checked), None),
            Err(error) => (None, Some(error)),
        };
        let line = Line {
            source: &self.source,
            kind: self.kind.map(Kind::name),
            valid: self.status() == Status::Valid,
            violations: checked.map(|c| &c.violations[..]),
            warnings: checked.map(|c| &c.warnings[..]),
            error: error.map(|error| Error {
                path: error.path.to_string(),
                line: error.line,
                column: error.column,
                message: &error.message,
            }),
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)
    }
}

fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}
