//! `channel-push`: validates push payloads from files, then sends them to Zendesk and prints
//! what became of each resource.
#![forbid(unsafe_code)]

mod input;

use std::path::PathBuf;
use std::process::ExitCode;

use channel_client::{AccessToken, Client, ClientBuilder};
use channel_model::Outcome;
use clap::{CommandFactory, Parser};

use crate::input::{escaped, Payload, Problem};

/// The environment variable that holds the access token.
const TOKEN_VARIABLE: &str = "ZENDESK_ACCESS_TOKEN";

/// Validate push payloads (`POST /api/v2/any_channel/push` bodies) and send them to Zendesk.
///
/// Each FILE holds one JSON payload, several one after the other, or JSON Lines; `-` is
/// standard input. Every payload is validated before any is sent: when one is invalid,
/// nothing is sent. Then each resource's outcome is printed as `external_id: status`. The
/// access token is read from the environment variable ZENDESK_ACCESS_TOKEN.
///
/// Exit status: 0 when every resource ended `success` or `already_imported`; 1 when some
/// did not, or some payload is invalid; 2 for unreadable input, usage errors, a refused
/// token and network failures.
#[derive(Debug, Parser)]
#[command(name = "channel-push", version)]
struct Args {
    /// Payload files.
    #[arg(required = true)]
    files: Vec<PathBuf>,

    /// Send to the Zendesk account NAME.zendesk.com, over https.
    #[arg(long, value_name = "NAME", conflicts_with = "base_url")]
    subdomain: Option<String>,

    /// Send to another base URL (a proxy, or a local test server).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,

    /// Validate only; send nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Exit statuses.
const DELIVERED: u8 = 0;
const NOT_DELIVERED: u8 = 1;
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.dry_run && args.subdomain.is_none() && args.base_url.is_none() {
        Args::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "one of --subdomain or --base-url is required (or --dry-run)",
            )
            .exit();
    }
    ExitCode::from(run(&args))
}

fn run(args: &Args) -> u8 {
    let mut payloads = Vec::new();
    let mut problems = Vec::new();
    for file in &args.files {
        input::read(file, &mut payloads, &mut problems);
    }
    if !problems.is_empty() {
        for problem in &problems {
            match problem.is_input_error() {
                true => eprintln!("{problem}"),
                false => println!("{problem}"),
            }
        }
        eprintln!(
            "channel-push: nothing sent: {} of {} payload(s) cannot be sent",
            problems.len(),
            problems.len() + payloads.len()
        );
        return match problems.iter().any(Problem::is_input_error) {
            true => FAILURE,
            false => NOT_DELIVERED,
        };
    }
    let resources: usize = payloads
        .iter()
        .map(|p| p.push.external_resources.len())
        .sum();
    if args.dry_run {
        eprintln!(
            "channel-push: {} payload(s) with {resources} resource(s) are valid; nothing sent (--dry-run)",
            payloads.len()
        );
        return DELIVERED;
    }
    let client = match client(args) {
        Ok(client) => client,
        Err(message) => {
            eprintln!("channel-push: {message}");
            return FAILURE;
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    match runtime {
        Ok(runtime) => runtime.block_on(push(&client, &payloads)),
        Err(error) => {
            eprintln!("channel-push: cannot start: {error}");
            FAILURE
        }
    }
}

/// The client the arguments and the environment describe, or why there is none.
fn client(args: &Args) -> Result<Client, String> {
    let token = match std::env::var(TOKEN_VARIABLE) {
        Ok(token) if !token.is_empty() => AccessToken::from(token),
        _ => return Err(format!("{TOKEN_VARIABLE} is not set")),
    };
    let builder = match (&args.subdomain, &args.base_url) {
        (Some(subdomain), _) => ClientBuilder::for_subdomain(subdomain, token),
        (None, Some(base_url)) => ClientBuilder::for_base_url(base_url, token),
        (None, None) => return Err("no --subdomain or --base-url".to_owned()),
    };
    builder.build().map_err(|error| chain(&error))
}

/// Pushes every payload in order, printing each resource's status; the exit status.
async fn push(client: &Client, payloads: &[Payload]) -> u8 {
    let mut status = DELIVERED;
    for (n, payload) in payloads.iter().enumerate() {
        let report = match client.push(&payload.push).await {
            Ok(report) => report,
            Err(error) => {
                eprintln!("{}: {}", payload.source, chain(&error));
                let unsent = payloads.len() - n - 1;
                if unsent > 0 {
                    eprintln!("channel-push: {unsent} later payload(s) not sent");
                }
                return FAILURE;
            }
        };
        for (resource, result) in report.iter() {
            println!(
                "{}: {}",
                escaped(&resource.external_id),
                escaped(result.status.code.as_str())
            );
            if result.status.outcome() != Outcome::Delivered {
                status = NOT_DELIVERED;
            }
        }
    }
    status
}

/// `error` and its sources, `: `-separated.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(error) = source {
        text.push_str(": ");
        text.push_str(&error.to_string());
        source = error.source();
    }
    text
}
