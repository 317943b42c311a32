//! A complete small integration service: an origin service's messages go to Zendesk on each
//! pull, agents' answers (channelbacks) land in the origin's outbox.
//!
//! ```sh
//! cargo run -p channel-axum --example integration -- --listen 127.0.0.1:8080
//! ```
//!
//! | endpoint | who calls it | what it does |
//! |---|---|---|
//! | `POST /origin/messages` | the origin service | JSON `{"id", "text", "author", "thread"?}`: a message for the next pull |
//! | `GET /origin/outbox` | the origin service | the answers delivered by channelback |
//! | `GET /manifest` | Zendesk | the manifest, with every URL below |
//! | `POST /admin_ui` | Zendesk (an admin's browser) | makes the account at once |
//! | `POST /pull` | Zendesk | the messages since the `state` cursor |
//! | `POST /channelback` | Zendesk | an agent's answer, into the outbox |
//! | `GET /clickthrough` | an agent's browser | a redirect to the message |
//! | `POST /event_callback` | Zendesk | events, listed at `GET /origin/events` |
//! | `GET /healthcheck` | Zendesk | `ok` |
//!
//! # What a real deployment keeps where
//!
//! This example keeps everything in memory, in one process. A real integration keeps the
//! account's settings and credentials in the `metadata` it gives Zendesk (from the admin UI's
//! return form, or a pull's or channelback's `metadata_needs_update`), and where its pulls
//! stopped in the `state` of its pull responses: Zendesk stores both and sends them back on
//! every pull and channelback. The integration service itself can then stay stateless, and
//! run as many replicas behind a load balancer as needed. The messages themselves live in
//! the origin service, which the service reads on each pull (here, the in-memory list that
//! `POST /origin/messages` fills) and writes on each channelback (here, the outbox). Only
//! idempotency needs shared storage: a channelback retried with the same
//! `request_unique_identifier` must not be delivered twice, whichever replica gets it.
//!
//! Zendesk calls only https URLs: put the service behind a TLS-terminating proxy and give
//! Zendesk the manifest's https address.

use std::net::SocketAddr;

use clap::Parser;

mod app;

/// An example Zendesk Channel Framework integration service.
#[derive(Parser)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    println!(
        "listening on http://{}; the manifest is at /manifest",
        listener.local_addr()?
    );
    axum::serve(listener, app::router(app::Origin::default())).await
}
