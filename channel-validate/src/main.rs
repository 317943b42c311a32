//! `channel-validate`: checks Zendesk Channel Framework payloads in files (or on standard
//! input) against every limit Zendesk enforces, and says where each problem is.
#![forbid(unsafe_code)]

mod decode;
mod inspect;
mod kind;
mod report;

use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use crate::decode::DecodeError;
use crate::kind::Kind;
use crate::report::{Checked, Report, Status};

/// Check Zendesk Channel Framework ("Any Channel") payloads against every limit Zendesk
/// enforces.
///
/// Exit status: 0 when every input is valid, 1 when some input has violations, 2 when some
/// input cannot be read or decoded.
#[derive(Debug, Parser)]
#[command(name = "channel-validate", version)]
struct Args {
    /// JSON files to check; with none, or `-`, standard input is read.
    files: Vec<PathBuf>,

    /// The kind of payload; inferred from the document's keys when left out.
    #[arg(long, value_enum)]
    kind: Option<Kind>,

    /// How to write the results.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Count warnings (unknown keys, a byte order mark) as violations.
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per violation and warning, and a summary line per input.
    Text,
    /// One JSON object per input, each on its own line.
    Json,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let stdin = PathBuf::from("-");
    let files = match args.files.is_empty() {
        true => std::slice::from_ref(&stdin),
        false => &args.files[..],
    };
    let mut out = anstream::stdout().lock();
    let mut status = Status::Valid;
    for file in files {
        let report = check(file, &args);
        status = status.max(report.status());
        let written = match args.format {
            Format::Text => report.write_text(&mut out),
            Format::Json => report.write_json(&mut out),
        };
        if let Err(error) = written {
            // A closed pipe (`| head`) ends the run; the status still tells what was seen.
            if error.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("channel-validate: cannot write the results: {error}");
            }
            return ExitCode::from(Status::Undecodable as u8);
        }
    }
    ExitCode::from(status as u8)
}

/// Reads, decodes and validates one input.
fn check(file: &std::path::Path, args: &Args) -> Report {
    let source = match file.as_os_str() == "-" {
        true => "<stdin>".to_owned(),
        false => file.display().to_string(),
    };
    let text = match read(file) {
        Ok(text) => text,
        Err(error) => {
            return Report {
                source,
                kind: args.kind,
                result: Err(error),
            }
        }
    };
    let bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let kind = match args.kind {
        Some(kind) => Ok(kind),
        None => kind::infer(text),
    };
    let (kind, result) = match kind {
        Ok(kind) => (Some(kind), kind.check(text)),
        Err(error) => (None, Err(error)),
    };
    Report {
        source,
        kind,
        result: result.map(|decoded| Checked::new(decoded, bom, args.strict)),
    }
}

/// The input's text, or why it cannot be had: unreadable, or not UTF-8.
fn read(file: &std::path::Path) -> Result<String, DecodeError> {
    let mut bytes = Vec::new();
    let read = match file.as_os_str() == "-" {
        true => io::stdin().lock().read_to_end(&mut bytes).map(drop),
        false => std::fs::read(file).map(|read| bytes = read),
    };
    read.map_err(|error| DecodeError::whole(format!("cannot read: {error}")))?;
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        DecodeError::whole(format!("not UTF-8 text: invalid byte at offset {at}"))
    })
}
