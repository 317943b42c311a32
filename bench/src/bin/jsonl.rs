//! The inputs and the baseline of the JSON Lines throughput benchmark (`bench/jsonl.sh`):
//!
//! - `jsonl log FILE MIB`: a log of typical pushes (1 to 3 resources of the benchmark's
//!   typical payload each, one push per line) of at least `MIB` MiB;
//! - `jsonl bad-urls FILE`: one push of about 20 MB whose `file_urls` holds 4 million items
//!   that are not https URLs;
//! - `jsonl many-resources FILE`: one push of a million resources with 2 violations each;
//! - `jsonl baseline FILE`: reads FILE line by line and parses each line with serde_json into
//!   `IgnoredAny`, on one core: the least any checker must do. Prints the lines read.
#![forbid(unsafe_code)]

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use channel_bench::data::Case;
use channel_model::PushRequest;
use serde::de::IgnoredAny;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let done = match args[..] {
        ["log", file, mib] => match mib.parse::<u64>() {
            Ok(mib) => log(file, mib << 20),
            Err(error) => Err(io::Error::other(error)),
        },
        ["bad-urls", file] => bad_urls(file),
        ["many-resources", file] => many_resources(file),
        ["baseline", file] => baseline(file),
        _ => {
            eprintln!(
                "usage: jsonl log FILE MIB | bad-urls FILE | many-resources FILE | baseline FILE"
            );
            return ExitCode::from(2);
        }
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("jsonl: {error}");
            ExitCode::FAILURE
        }
    }
}

fn create(file: &str) -> io::Result<BufWriter<File>> {
    Ok(BufWriter::with_capacity(1 << 20, File::create(file)?))
}

fn log(file: &str, bytes: u64) -> io::Result<()> {
    let resources = Case::Typical.push().external_resources;
    let mut out = create(file)?;
    let (mut written, mut line, mut at) = (0u64, 0usize, 0usize);
    while written < bytes {
        let count = 1 + line % 3;
        let chunk: Vec<_> = (0..count)
            .map(|i| resources[(at + i) % resources.len()].clone())
            .collect();
        at += count;
        let push = PushRequest::new("zendesk-instance-push-id-0001", chunk)
            .with_request_id(format!("request-{line}"));
        let mut text = serde_json::to_vec(&push)?;
        text.push(b'\n');
        out.write_all(&text)?;
        written += text.len() as u64;
        line += 1;
    }
    out.flush()
}

fn bad_urls(file: &str) -> io::Result<()> {
    let mut out = create(file)?;
    out.write_all(
        br#"{"instance_push_id":"acct","external_resources":[{"external_id":"m","message":"m","created_at":"2015-09-08T22:48:09Z","author":{"external_id":"u"},"file_urls":["x:""#,
    )?;
    for _ in 1..4_000_000 {
        out.write_all(br#","x:""#)?;
    }
    out.write_all(b"]}]}\n")?;
    out.flush()
}

fn many_resources(file: &str) -> io::Result<()> {
    let mut out = create(file)?;
    out.write_all(br#"{"instance_push_id":"acct","external_resources":["#)?;
    for i in 0..1_000_000 {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(
            out,
            r#"{{"external_id":" m{i}","message":"m","created_at":"2015-09-08T22:48:09Z","author":{{"external_id":"u"}},"file_urls":["x:"]}}"#
        )?;
    }
    out.write_all(b"]}\n")?;
    out.flush()
}

fn baseline(file: &str) -> io::Result<()> {
    let mut input = BufReader::with_capacity(1 << 16, File::open(file)?);
    let mut line = Vec::new();
    let mut lines = 0u64;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        serde_json::from_slice::<IgnoredAny>(&line).map_err(io::Error::other)?;
        lines += 1;
    }
    println!("{lines}");
    Ok(())
}
