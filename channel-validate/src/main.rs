//! `channel-validate`: checks Zendesk Channel Framework payloads in files (or on standard
//! input) against every limit Zendesk enforces, and says where each problem is.
#![forbid(unsafe_code)]

use channel_validate::{decode, kind, report};

use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use crate::decode::DecodeError;
use crate::kind::Kind;
use crate::report::{Report, Status};

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
    let mut writing = true;
    for file in files {
        let report = check(file, &args);
        status = status.max(report.status());
        if !writing {
            continue;
        }
        let written = match args.format {
            Format::Text => report.write_text(&mut out),
            Format::Json => report.write_json(&mut out),
        };
        if let Err(error) = written {
            // A closed pipe (`| head`) ends the output, not the run: the exit status still
            // tells about every input.
            if error.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("channel-validate: cannot write the results: {error}");
                return ExitCode::from(Status::Undecodable as u8);
            }
            writing = false;
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
    match read(file) {
        Ok(bytes) => channel_validate::check_bytes(source, bytes, args.kind, args.strict),
        Err(error) => Report {
            source,
            kind: args.kind,
            result: Err(error),
        },
    }
}

/// The input's bytes, or why they cannot be had.
fn read(file: &std::path::Path) -> Result<Vec<u8>, DecodeError> {
    let mut bytes = Vec::new();
    let read = match file.as_os_str() == "-" {
        true => io::stdin().lock().read_to_end(&mut bytes).map(drop),
        false => std::fs::read(file).map(|read| bytes = read),
    };
    read.map_err(|error| DecodeError::whole(format!("cannot read: {error}")))?;
    Ok(bytes)
}
