//! A stand-in for Zendesk on 127.0.0.1, to try `channel-push` and the client without an
//! account: it answers every push with `success` for each resource, and `validate_token` and
//! `report_error` with 200.
//!
//! ```sh
//! cargo run -p channel-client --example local_zendesk            # on 127.0.0.1:8080
//! cargo run -p channel-client --example local_zendesk -- 9090    # on another port
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = match std::env::args().nth(1) {
        Some(port) => port.parse()?,
        None => 8080,
    };
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/any_channel/push"))
        .respond_with(support::Statuses(|_| "success"))
        .mount(&server)
        .await;
    for endpoint in ["validate_token", "channelback/report_error"] {
        Mock::given(method("POST"))
            .and(path(format!("/api/v2/any_channel/{endpoint}")))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
    }
    println!(
        "answering like Zendesk on {}; stop with Ctrl-C",
        server.uri()
    );
    std::future::pending::<()>().await;
    Ok(())
}
