//! How reports are written: text lines (`FILE:LINE:COLUMN: /pointer: message`), one JSON
//! object per input, or GitHub Actions workflow commands. Every piece of text that comes from
//! the input (file names, keys in paths) is escaped: no control character reaches the output.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;

use crate::escape::{write_json_line, Escaped, Pointer};
use crate::kind::Kind;
use crate::position::Position;
use crate::report::{Checked, Failure, Finding, Report, Severity, Status, What};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One `FILE:LINE:COLUMN: /pointer: message` line per finding, and a summary line per
    /// input.
    Text,
    /// One JSON object per input, each on its own line.
    Json,
    /// One GitHub Actions workflow command (`::error` or `::warning`) per finding.
    Github,
}

impl Report {
    /// Writes the report in `format`, the text coloured with `color`. An unreadable input
    /// writes nothing here: its error goes to standard error (see [`Report::read_error`]).
    pub fn write(&self, format: Format, color: bool, out: &mut impl Write) -> io::Result<()> {
        if self.read_error().is_some() {
            return Ok(());
        }
        match format {
            Format::Text => self.write_text(color, out),
            Format::Json => self.write_json(out),
            Format::Github => self.write_github(out),
        }
    }

    /// One line per finding, then a summary line; with `color`, ANSI styles mark errors,
    /// warnings and valid inputs.
    pub fn write_text(&self, color: bool, out: &mut impl Write) -> io::Result<()> {
        // Without colour the styles are empty and write nothing, rather than being written and
        // stripped again by the output stream.
        let style = |color_of: AnsiColor| match color {
            true => Style::new().fg_color(Some(color_of.into())).bold(),
            false => Style::new(),
        };
        let (red, yellow, green) = (
            style(AnsiColor::Red),
            style(AnsiColor::Yellow),
            style(AnsiColor::Green),
        );
        let file = Escaped(&self.source.file);
        let checked = match &self.result {
            Ok(checked) => checked,
            Err(failure) => {
                // Nothing to point at (a kind not inferred): the line the document starts at.
                let at = Located(&file, failure.position(), self.source.line);
                write!(out, "{at}: ")?;
                if let Some(path) = failure.path() {
                    write!(out, "{}: ", Pointer::text(path))?;
                }
                let message = failure.message();
                return writeln!(out, "{red}error{red:#}: {}", Escaped(&message));
            }
        };
        for finding in &checked.findings {
            write!(out, "{}: ", Located(&file, Some(finding.at), None))?;
            if let Some(path) = finding.what.path().filter(|path| !path.is_root()) {
                write!(out, "{}: ", Pointer::text(path))?;
            }
            if finding.severity == Severity::Warning {
                write!(out, "{yellow}warning{yellow:#}: ")?;
            }
            writeln!(out, "{}", finding.what.message())?;
        }
        // The summary line of a valid input is most of a log's output: written in pieces,
        // without the formatting machinery where none is needed.
        file.write_to(out)?;
        if let Some(line) = self.source.line {
            out.write_all(b":")?;
            out.write_all(itoa::Buffer::new().format(line).as_bytes())?;
        }
        out.write_all(b": ")?;
        out.write_all(kind_name(self.kind).as_bytes())?;
        out.write_all(b": ")?;
        match checked.violations {
            0 if !color => out.write_all(b"valid")?,
            0 => write!(out, "{green}valid{green:#}")?,
            n => write!(out, "{red}{}{red:#}", Count(n, "violation"))?,
        }
        if checked.warnings > 0 {
            write!(out, ", {}", Count(checked.warnings, "warning"))?;
        }
        if checked.omitted > 0 {
            write!(out, " ({} not shown: see --max-findings)", checked.omitted)?;
        }
        out.write_all(b"\n")
    }

    /// The report as one JSON object: `source`, `kind`, `valid`, then `violations`,
    /// `warnings` and `omitted`, or the `error` that kept the input from being checked.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        write_json_line(out, &JsonReport(self))
    }

    /// One workflow command per finding: `::error file=F,line=L,col=C,title=CODE::/pointer:
    /// message`, `::warning` for warnings, and a `::notice` for findings left out.
    pub fn write_github(&self, out: &mut impl Write) -> io::Result<()> {
        let file = self.source.file.to_string();
        let checked = match &self.result {
            Ok(checked) => checked,
            Err(failure) => {
                let mut message = String::new();
                if let Some(path) = failure.path() {
                    message = format!("{}: ", Pointer::text(path));
                }
                message.push_str(&Escaped(&failure.message()).to_string());
                let title = failure.code();
                let (at, line) = (failure.position(), self.source.line);
                return workflow_command(out, "error", &file, at, line, title, &message);
            }
        };
        for finding in &checked.findings {
            let command = match finding.severity {
                Severity::Violation => "error",
                Severity::Warning => "warning",
            };
            let message = match finding.what.path().filter(|path| !path.is_root()) {
                Some(path) => format!("{}: {}", Pointer::text(path), finding.what.message()),
                None => finding.what.message().into_owned(),
            };
            let code = finding.what.code();
            workflow_command(out, command, &file, Some(finding.at), None, code, &message)?;
        }
        if checked.omitted > 0 {
            let message = format!(
                "{} more findings not shown: see --max-findings",
                checked.omitted
            );
            let line = self.source.line;
            workflow_command(out, "notice", &file, None, line, "omitted", &message)?;
        }
        Ok(())
    }
}

/// `FILE:LINE:COLUMN`; without a position, `FILE:LINE` with the line where the document
/// starts (in a file of several documents), or `FILE`.
struct Located<'a>(&'a Escaped<'a>, Option<Position>, Option<usize>);

impl std::fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        match (self.1, self.2) {
            (Some(at), _) => write!(f, ":{}:{}", at.line, at.column),
            (None, Some(line)) => write!(f, ":{line}"),
            (None, None) => Ok(()),
        }
    }
}

fn kind_name(kind: Option<Kind>) -> &'static str {
    kind.map_or("payload", Kind::name)
}

/// `1 noun`, or `N nouns`.
struct Count<'a>(usize, &'a str);

impl std::fmt::Display for Count<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count(1, noun) => write!(f, "1 {noun}"),
            Count(n, noun) => write!(f, "{n} {noun}s"),
        }
    }
}

/// Writes a GitHub Actions workflow command, its property values and message escaped as the
/// runner requires (`%`, CR and LF everywhere; `:` and `,` in property values too). `file`
/// has its control characters escaped first, so that none reaches the log. Without a
/// position `at`, the command names `line`, where the document starts, if there is one.
fn workflow_command(
    out: &mut impl Write,
    command: &str,
    file: &str,
    at: Option<Position>,
    line: Option<usize>,
    title: &str,
    message: &str,
) -> io::Result<()> {
    let file = Escaped(file).to_string();
    write!(out, "::{command} file={}", property(&file))?;
    match (at, line) {
        (Some(at), _) => write!(out, ",line={},col={}", at.line, at.column)?,
        (None, Some(line)) => write!(out, ",line={line}")?,
        (None, None) => {}
    }
    writeln!(out, ",title={}::{}", property(title), data(message))
}

fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A report as the JSON object `--format json` writes.
struct JsonReport<'a>(&'a Report);

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("source", &report.source.to_string())?;
        map.serialize_entry("kind", &report.kind.map(Kind::name))?;
        map.serialize_entry("valid", &(report.status() == Status::Valid))?;
        match &report.result {
            Ok(checked) => {
                let of = |severity| JsonFindings(checked, severity);
                map.serialize_entry("violations", &of(Severity::Violation))?;
                map.serialize_entry("warnings", &of(Severity::Warning))?;
                if checked.omitted > 0 {
                    map.serialize_entry("omitted", &checked.omitted)?;
                }
            }
            Err(failure) => map.serialize_entry("error", &JsonFailure(failure))?,
        }
        map.end()
    }
}

/// The findings of one severity, as a JSON list.
struct JsonFindings<'a>(&'a Checked, Severity);

impl Serialize for JsonFindings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let findings = self.0.findings.iter().filter(|f| f.severity == self.1);
        serializer.collect_seq(findings.map(JsonFinding))
    }
}

/// `{"path", "code", "message", ...parameters, "line", "column"}`.
struct JsonFinding<'a>(&'a Finding);

impl Serialize for JsonFinding<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let finding = self.0;
        let mut map = serializer.serialize_map(None)?;
        let path = finding
            .what
            .path()
            .map(|path| Pointer::json(path).to_string());
        map.serialize_entry("path", &path.unwrap_or_default())?;
        map.serialize_entry("code", finding.what.code())?;
        map.serialize_entry("message", &finding.what.message())?;
        match &finding.what {
            What::Rule(violation) => {
                if let Ok(Value::Object(params)) = serde_json::to_value(violation) {
                    for (key, value) in params {
                        if !matches!(key.as_str(), "path" | "code" | "message") {
                            map.serialize_entry(&key, &value)?;
                        }
                    }
                }
            }
            What::UnknownKey {
                suggestion: Some(known),
                ..
            } => map.serialize_entry("suggestion", known)?,
            _ => {}
        }
        map.serialize_entry("line", &finding.at.line)?;
        map.serialize_entry("column", &finding.at.column)?;
        map.end()
    }
}

/// `{"path", "code", "line", "column", "message"}`; `line` and `column` are left out when
/// the problem is not at a place in the text.
struct JsonFailure<'a>(&'a Failure);

impl Serialize for JsonFailure<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let failure = self.0;
        let mut map = serializer.serialize_map(None)?;
        let path = failure.path().map(|path| Pointer::json(path).to_string());
        map.serialize_entry("path", &path.unwrap_or_default())?;
        map.serialize_entry("code", failure.code())?;
        if let Some(at) = failure.position() {
            map.serialize_entry("line", &at.line)?;
            map.serialize_entry("column", &at.column)?;
        }
        map.serialize_entry("message", &failure.message())?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_values_are_escaped() {
        let mut out = Vec::new();
        let at = Some(Position { line: 3, column: 7 });
        workflow_command(
            &mut out,
            "error",
            "a,b:c%\n.json",
            at,
            None,
            "max_length",
            "/a%b: x\r\ny",
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=a%2Cb%3Ac%25\\n.json,line=3,col=7,title=max_length::/a%25b: x%0D%0Ay\n"
        );
    }
}
