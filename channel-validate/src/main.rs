//! `channel-validate`: checks Zendesk Channel Framework payloads in files, directories, logs
//! (JSON Lines) or standard input against every limit Zendesk enforces, and says where each
//! problem is.
#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use channel_validate::input::{Job, Jobs};
use channel_validate::kind::Kind;
use channel_validate::output::Format;
use channel_validate::report::{Failure, Report, Status};
use channel_validate::{check, escape::Escaped, Options};
use clap::{Parser, ValueEnum};
use rayon::prelude::*;

/// Check Zendesk Channel Framework ("Any Channel") payloads against every limit Zendesk
/// enforces.
///
/// A file may hold one JSON value or several (JSON Lines, or values one after another): each
/// value is checked on its own, named FILE:LINE. Directories are searched for *.json, *.jsonl
/// and *.ndjson files (or those --glob chooses), skipping what .gitignore and hidden-file
/// rules skip.
///
/// Exit status: 0 when every input is valid, 1 when some input has violations, 2 when some
/// input cannot be read or decoded.
#[derive(Debug, Parser)]
#[command(name = "channel-validate", version)]
struct Args {
    /// Files and directories to check, or quoted glob patterns ('fixtures/**/*.json'); with
    /// none, or `-`, standard input is read.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The kind of payload; inferred from each document's keys when left out.
    ///
    /// What Zendesk sends as a form (admin-ui, pull-request, channelback-request, and the
    /// clickthrough's query string) is given either as JSON with the same names, or as the
    /// form-encoded body itself, `name=value&...` on one line (without `?` for a query): a
    /// value that is not a JSON object, array or string and holds `=` is read as a form.
    #[arg(long, value_enum)]
    kind: Option<Kind>,

    /// How to write the results.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Count warnings (unknown keys, a byte order mark) as violations.
    #[arg(long)]
    strict: bool,

    /// Check the files of directories that match GLOB (gitignore syntax; `!` excludes)
    /// instead of *.json, *.jsonl and *.ndjson. May be repeated.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,

    /// Write nothing to standard output; only the exit status tells.
    #[arg(short, long)]
    quiet: bool,

    /// When to colour the text output; `auto` colours a terminal, and follows NO_COLOR and
    /// CLICOLOR_FORCE.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,

    /// The most findings reported per input; the others are counted in its summary. 0 shows
    /// them all.
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_findings: usize,

    /// The number of threads checking inputs; all cores by default.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

// Decoding a document allocates each of its strings and lists, and frees them when it is
// checked: mimalloc does both in a fraction of the system allocator's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Inputs are read and checked in batches of about this many bytes: one batch is checked on
/// all threads while the next is read, and memory holds two batches.
const BATCH_BYTES: usize = 4 << 20;
/// And of at most this many inputs.
const BATCH_INPUTS: usize = 4096;

fn main() -> ExitCode {
    let args = Args::parse();
    let choice = match args.color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    let options = Options {
        kind: args.kind,
        strict: args.strict,
        max_findings: match args.max_findings {
            0 => usize::MAX,
            n => n,
        },
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(jobs.max(1));
    }
    let pool = match pool.build() {
        Ok(pool) => pool,
        Err(error) => {
            eprintln!("channel-validate: cannot start threads: {error}");
            return ExitCode::from(Status::Undecodable as u8);
        }
    };
    let mut jobs = Jobs::new(&args.paths, &args.glob);
    // Without colour, the text is written without styles straight to standard output, rather
    // than with styles that the stream strips again byte by byte.
    let stdout = anstream::stdout().lock();
    let color = stdout.current_choice() != anstream::ColorChoice::Never;
    let stdout: Box<dyn Write> = match color {
        true => Box::new(stdout),
        false => Box::new(stdout.into_inner()),
    };
    // Written in blocks, not line by line (standard output's own buffer flushes each line);
    // flushed after each batch so that a slow input still shows progress.
    let mut out = Output {
        stdout: io::BufWriter::with_capacity(1 << 16, stdout),
        format: args.format,
        color,
        writing: !args.quiet,
        status: Status::Valid,
    };
    let mut batch = next_batch(&mut jobs);
    while !batch.is_empty() {
        // The next batch is read while this one is checked; reports are written in order.
        let (next, reports) = pool.install(|| {
            rayon::join(
                || next_batch(&mut jobs),
                || {
                    let reports = batch.into_par_iter().map(|job| run(job, &options));
                    reports.collect::<Vec<Report>>()
                },
            )
        });
        for report in &reports {
            if let Err(error) = out.report(report) {
                eprintln!("channel-validate: cannot write the results: {error}");
                return ExitCode::from(Status::Undecodable as u8);
            }
        }
        if let Err(error) = out.flush() {
            eprintln!("channel-validate: cannot write the results: {error}");
            return ExitCode::from(Status::Undecodable as u8);
        }
        batch = next;
    }
    ExitCode::from(out.status as u8)
}

/// The next jobs, in order, up to a batch's size.
fn next_batch(jobs: &mut Jobs) -> Vec<Job> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    for job in jobs.by_ref() {
        if let Job::Check(input) = &job {
            bytes += input.text.len();
        }
        batch.push(job);
        if bytes >= BATCH_BYTES || batch.len() >= BATCH_INPUTS {
            break;
        }
    }
    batch
}

fn run(job: Job, options: &Options) -> Report {
    match job {
        Job::Check(input) => check(input, options),
        Job::Unreadable(source, error) => Report {
            source,
            kind: options.kind,
            result: Err(Failure::Input(error)),
        },
    }
}

/// Where reports go: findings to standard output, read errors to standard error.
struct Output<W> {
    stdout: W,
    format: Format,
    /// Whether the text output is coloured.
    color: bool,
    writing: bool,
    status: Status,
}

impl<W: Write> Output<W> {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        self.status = self.status.max(report.status());
        if let Some(error) = report.read_error() {
            let file = Escaped(&report.source.file);
            eprintln!("channel-validate: {file}: {}", Escaped(&error.to_string()));
            return Ok(());
        }
        if !self.writing {
            return Ok(());
        }
        let written = report.write(self.format, self.color, &mut self.stdout);
        self.closed_pipe(written)
    }

    /// Writes what is buffered.
    fn flush(&mut self) -> io::Result<()> {
        if !self.writing {
            return Ok(());
        }
        let flushed = self.stdout.flush();
        self.closed_pipe(flushed)
    }

    /// A closed pipe (`| head`) ends the output, not the run: the exit status still tells
    /// about every input.
    fn closed_pipe(&mut self, written: io::Result<()>) -> io::Result<()> {
        match written {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.writing = false;
                Ok(())
            }
            written => written,
        }
    }
}
