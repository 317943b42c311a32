//! The payloads every library is measured on: generated, not random, so that every run and
//! every library sees the same bytes.
//!
//! They are built through `channel_model`'s own types and serialized to JSON once; each
//! library then deserializes that JSON into its own types.

use channel_model::chrono::{TimeDelta, TimeZone, Utc};
use channel_model::serde_json::json;
use channel_model::{
    Author, DisplayData, DisplayInfo, ExternalResource, Field, FieldId, PushRequest,
};

/// The resources in every payload.
pub const RESOURCES: usize = 100;

/// The characters of a typical message.
pub const TYPICAL_MESSAGE_CHARS: usize = 200;

/// The characters of a large message: within the 65,535-character limit, though more than
/// 65,535 bytes, so the byte length cannot settle it and the characters must be counted.
pub const LARGE_MESSAGE_CHARS: usize = 60_000;

/// Which payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// 100 resources with ~200-character messages, all valid.
    Typical,
    /// 100 resources with 60,000-character multi-byte messages, all valid.
    Large,
    /// `Typical` with the violations of [`PLANTED`].
    Invalid,
}

impl Case {
    /// Every case, in the order the report lists them.
    pub const ALL: [Case; 3] = [Case::Typical, Case::Large, Case::Invalid];

    /// The case's name in benchmark ids and reports.
    pub fn name(self) -> &'static str {
        match self {
            Case::Typical => "typical",
            Case::Large => "large",
            Case::Invalid => "invalid",
        }
    }

    /// The case called `name`.
    pub fn from_name(name: &str) -> Option<Case> {
        Case::ALL.into_iter().find(|case| case.name() == name)
    }

    /// The payload.
    pub fn push(self) -> PushRequest {
        match self {
            Case::Typical => push(TYPICAL_MESSAGE_CHARS),
            Case::Large => push(LARGE_MESSAGE_CHARS),
            Case::Invalid => invalid(),
        }
    }

    /// The payload as Zendesk receives it: compact JSON.
    pub fn json(self) -> String {
        channel_model::serde_json::to_string(&self.push()).expect("a push serializes")
    }
}

/// A valid push of a given size, for the growth table: `resources` resources (as in
/// [`Case::Typical`]) whose messages have `message_bytes` bytes of UTF-8 (to the character
/// boundary at or below it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Growth {
    /// The resources in the push.
    pub resources: usize,
    /// The bytes of each message.
    pub message_bytes: usize,
}

impl Growth {
    /// The sizes the growth table measures: resources at typical messages, then messages of
    /// 100 B to 64 KB in a push of 10 resources.
    pub const ALL: [Growth; 9] = [
        Growth::new(1, 200),
        Growth::new(10, 200),
        Growth::new(100, 200),
        Growth::new(256, 200),
        Growth::new(10, 100),
        Growth::new(10, 1024),
        Growth::new(10, 4096),
        Growth::new(10, 16_384),
        Growth::new(10, 65_536),
    ];

    const fn new(resources: usize, message_bytes: usize) -> Self {
        Growth {
            resources,
            message_bytes,
        }
    }

    /// The name in `measure`'s arguments and the report: `growth-R-B`.
    pub fn name(self) -> String {
        format!("growth-{}-{}", self.resources, self.message_bytes)
    }

    /// The size called `name`.
    pub fn from_name(name: &str) -> Option<Growth> {
        let (resources, bytes) = name.strip_prefix("growth-")?.split_once('-')?;
        Some(Growth::new(resources.parse().ok()?, bytes.parse().ok()?))
    }

    /// The payload.
    pub fn push(self) -> PushRequest {
        let mut rng = Rng(0x5eed_cafe_f00d_d00d);
        let resources = (0..self.resources).map(|i| {
            let mut message = text(&mut rng, self.message_bytes);
            let end = (0..=self.message_bytes)
                .rev()
                .find(|&at| message.is_char_boundary(at))
                .unwrap_or(0);
            message.truncate(end);
            resource(i, message)
        });
        PushRequest::new("zendesk-instance-push-id-0001", resources).with_request_id("request-0001")
    }

    /// The payload as compact JSON.
    pub fn json(self) -> String {
        channel_model::serde_json::to_string(&self.push()).expect("a push serializes")
    }
}

/// A violation planted in [`Case::Invalid`]: where it is, and which rule it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planted {
    /// The JSON Pointer of the offending value.
    pub path: &'static str,
    /// `channel_model`'s code for the rule.
    pub code: &'static str,
}

const fn planted(path: &'static str, code: &'static str) -> Planted {
    Planted { path, code }
}

/// Every violation in [`Case::Invalid`], one per resource so that none hides another, in the
/// order `channel_model` reports them.
pub const PLANTED: [Planted; 13] = [
    planted("/external_resources/3/external_id", "ascii"),
    planted("/external_resources/7/external_id", "trimmed"),
    planted("/external_resources/11/message", "required"),
    planted("/external_resources/15/message", "max_length"),
    planted("/external_resources/19", "exclusive"),
    planted("/external_resources/23/thread_id", "non_empty"),
    planted("/external_resources/27/author/external_id", "trimmed"),
    planted("/external_resources/31/author/name", "max_length"),
    planted("/external_resources/35/display_info/0/type", "required"),
    planted("/external_resources/39/display_info/0/data", "max_length"),
    planted("/external_resources/43/fields/1/id", "required"),
    planted("/external_resources/47/file_urls/0", "https"),
    planted("/external_resources/51/file_urls", "max_length"),
];

fn invalid() -> PushRequest {
    let mut push = push(TYPICAL_MESSAGE_CHARS);
    let r = &mut push.external_resources;
    r[3].external_id = "msg-é3".into();
    r[7].external_id = " msg-7".into();
    r[11].message = String::new();
    r[15].message = text(&mut Rng(15), 65_536);
    // Resources with index 3 mod 4 have neither a parent nor a thread.
    r[19].parent_id = Some("msg-18".into());
    r[19].thread_id = Some("conversation-4".into());
    r[23].thread_id = Some(String::new());
    r[27].author.external_id = "user-27 ".into();
    r[31].author.name = Some("Zoë ".repeat(64));
    let display_info = r[35]
        .display_info
        .as_mut()
        .expect("every resource has display_info");
    display_info[0].r#type = String::new();
    let display_info = r[39]
        .display_info
        .as_mut()
        .expect("every resource has display_info");
    display_info[0].data =
        DisplayData::try_from(json!({ "blob": "é".repeat(65_535) })).expect("an object");
    r[43].fields.as_mut().expect("every resource has fields")[1].id = FieldId::from("");
    // Resources with index 1 or 2 mod 5 have no file_urls.
    r[47].file_urls = Some(vec!["http://cdn.example.com/u/47/receipt.pdf".into()]);
    r[51].file_urls = Some(
        (0..11)
            .map(|i| format!("https://cdn.example.com/u/51/{i}.png"))
            .collect(),
    );
    push
}

fn push(message_chars: usize) -> PushRequest {
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let resources = (0..RESOURCES).map(|i| resource(i, text(&mut rng, message_chars)));
    PushRequest::new("zendesk-instance-push-id-0001", resources).with_request_id("request-0001")
}

fn resource(i: usize, message: String) -> ExternalResource {
    const NAMES: [&str; 6] = [
        "Zoë Durand",
        "山田 太郎",
        "José Álvarez",
        "Ada Lovelace",
        "Søren Kierkegaard",
        "Ana 🚀",
    ];
    let created_at =
        Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap() + TimeDelta::seconds(i as i64 * 37);
    let mut author = Author::new(format!("user-{}", i % 17)).with_name(NAMES[i % NAMES.len()]);
    if i.is_multiple_of(2) {
        author = author.with_locale("fr");
    }
    let data = json!({
        "channel": "web",
        "conversation": format!("conversation-{}", i / 4),
        "url": format!("https://chat.example.com/c/{i}"),
    });
    let mut resource = ExternalResource::new(format!("msg-{i}"), message, created_at, author)
        .with_display_info([DisplayInfo::new(
            "urn:example:chat:message",
            DisplayData::try_from(data).expect("an object"),
        )])
        .with_fields([
            Field::new("subject", format!("Commande n° {i}")),
            Field::new(360_001u64, "web"),
        ]);
    match i % 4 {
        1 => resource = resource.with_parent_id(format!("msg-{}", i - 1)),
        2 => resource = resource.with_thread_id(format!("conversation-{}", i / 4)),
        _ => {}
    }
    match i % 5 {
        0 => {
            resource = resource.with_file_urls([
                format!("https://cdn.example.com/u/{i}/receipt.pdf"),
                format!("files/{i}/photo.jpg"),
            ])
        }
        3 => resource = resource.with_file_urls([format!("https://files.example.com/{i}/a.png")]),
        _ => {}
    }
    resource
}

/// Text of exactly `chars` characters, from phrases that mix ASCII with accents, other
/// scripts and emoji, picked by `rng`.
fn text(rng: &mut Rng, chars: usize) -> String {
    const PHRASES: [&str; 9] = [
        "Hello, my order has not arrived yet. ",
        "Où en est ma commande ? ",
        "Grüße aus Köln — ",
        "ご注文の商品はまだ届いていません。",
        "配送状況を教えてください。",
        "📦🚚 ",
        "Gracias por su ayuda, señor. ",
        "Привет! ",
        "Order #4711 ",
    ];
    let mut text = String::new();
    let mut count = 0;
    while count < chars {
        let phrase = PHRASES[rng.below(PHRASES.len())];
        text.push_str(phrase);
        count += phrase.chars().count();
    }
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    text.truncate(end);
    text
}

/// xorshift64*: enough to vary the text, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_have_the_sizes_the_cases_promise() {
        let typical = Case::Typical.push();
        let large = Case::Large.push();
        for (typical, large) in typical
            .external_resources
            .iter()
            .zip(&large.external_resources)
        {
            assert_eq!(typical.message.chars().count(), TYPICAL_MESSAGE_CHARS);
            assert!(
                typical.message.len() > TYPICAL_MESSAGE_CHARS,
                "multi-byte text"
            );
            assert_eq!(large.message.chars().count(), LARGE_MESSAGE_CHARS);
            assert!(large.message.len() > 65_535);
        }
    }

    #[test]
    fn growth_payloads_have_their_sizes_and_are_valid() {
        use channel_model::Validate;
        for growth in Growth::ALL {
            let push = growth.push();
            assert_eq!(push.external_resources.len(), growth.resources);
            for resource in &push.external_resources {
                assert!(resource.message.len() <= growth.message_bytes);
                assert!(resource.message.len() + 4 > growth.message_bytes);
            }
            assert!(push.validate().is_ok(), "{growth:?}");
            assert_eq!(Growth::from_name(&growth.name()), Some(growth));
        }
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(Case::Invalid.json(), Case::Invalid.json());
    }
}
