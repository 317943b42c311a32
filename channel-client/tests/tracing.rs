//! What the client tells `tracing`: a span per request with the endpoint, attempt, status and
//! wait, and no payload value or token.

mod support;

use std::io;
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::MakeWriter;
use wiremock::ResponseTemplate;

use support::{client, policy, push, server_then, Statuses, TOKEN};

/// Everything the subscriber writes, kept for the test to read.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Log {
    type Writer = Log;

    fn make_writer(&'a self) -> Log {
        self.clone()
    }
}

#[tokio::test]
async fn requests_are_traced_without_payload_values_or_the_token() {
    let log = Log::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(log.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = server_then(
        ResponseTemplate::new(503).insert_header("retry-after", "2"),
        Statuses(|id| match id {
            "a" => "success",
            _ => "halted",
        }),
    )
    .await;
    let (client, _) = client(&server.uri(), policy());
    let request = push(&["a", "b"]);

    client.push(&request).await.unwrap();

    let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let client_lines: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("zendesk_"))
        .collect();
    let retrying = client_lines
        .iter()
        .find(|line| line.contains("retrying"))
        .unwrap();
    for field in [
        "zendesk_push{resources=2}",
        "endpoint=\"/api/v2/any_channel/push\"",
        "attempt=1",
        "status=503",
        "wait_ms=2000",
    ] {
        assert!(retrying.contains(field), "{field} in {retrying}");
    }
    assert!(
        client_lines
            .iter()
            .any(|line| line.contains("pushing again")),
        "{log}"
    );
    for secret in [TOKEN, "private message", "acct-1"] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}
