//! Puts `#[derive(Validate)]` on an integration's own type: a chat platform's message, before
//! it is turned into a Zendesk push. Prints the violations of a bad message.
//!
//! Run with `cargo run -p channel-model --example chat_message`.

use channel_model::{CustomError, Validate};
use serde::Serialize;

/// A message as a chat platform hands it to the integration.
#[derive(Serialize, Validate)]
#[validate(exclusive(reply_to, thread))]
struct ChatMessage {
    /// The platform's id for the message; becomes the resource's `external_id`.
    #[validate(required, ascii, trimmed, max_length = 255)]
    id: String,
    /// The text of the message.
    #[validate(required, max_length = 65535)]
    body: String,
    /// Who wrote it.
    #[validate(nested)]
    sender: Sender,
    /// Links to attachments, fetched by Zendesk.
    #[serde(rename = "attachmentUrls")]
    #[validate(max_length = 10, each(https, max_length = 511))]
    attachment_urls: Vec<String>,
    /// The message this one answers.
    #[validate(non_empty, trimmed, max_length = 255)]
    reply_to: Option<String>,
    /// The conversation this one belongs to.
    #[validate(non_empty, trimmed, max_length = 255)]
    thread: Option<String>,
}

#[derive(Serialize, Validate)]
struct Sender {
    #[validate(required, trimmed, max_length = 255)]
    id: String,
    #[serde(rename = "displayName")]
    #[validate(non_empty, max_length = 255)]
    display_name: Option<String>,
    #[validate(custom = language_tag)]
    locale: Option<String>,
}

/// Zendesk wants a locale such as `pt-BR`; chat platforms often send `pt_BR`.
fn language_tag(locale: &str) -> Result<(), CustomError> {
    if locale.contains('_') {
        return Err(CustomError::new(
            "locale",
            "must separate language and region with `-`, not `_`",
        ));
    }
    Ok(())
}

fn main() {
    let message = ChatMessage {
        id: "msg-4711 ".into(),
        body: "Hallo, wo bleibt meine Bestellung? 📦".into(),
        sender: Sender {
            id: "user-1".into(),
            display_name: Some("Zoë".repeat(100)),
            locale: Some("de_DE".into()),
        },
        attachment_urls: vec![
            "https://cdn.example.com/a/1.png".into(),
            "http://cdn.example.com/a/2.png".into(),
        ],
        reply_to: Some("msg-4710".into()),
        thread: Some("thread-9".into()),
    };

    match message.validate() {
        Ok(()) => println!("valid"),
        Err(errors) => {
            println!("{} violations:", errors.len());
            println!("{errors}");
            println!();
            println!("as JSON:");
            match serde_json::to_string_pretty(&errors) {
                Ok(json) => println!("{json}"),
                Err(error) => eprintln!("cannot serialize the violations: {error}"),
            }
        }
    }
}
