//! The kinds of payload the tool checks, and telling them apart by their keys.

use channel_model::{
    ChannelbackErrorReport, PushRequest, PushResponse, Validate, ValidateTokenRequest,
};
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

use crate::decode::{decode, DecodeError, Decoded};

/// A kind of Channel Framework payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// The body of `POST /api/v2/any_channel/push`.
    Push,
    /// Zendesk's answer to a push.
    PushResponse,
    /// The body of `POST /api/v2/any_channel/validate_token`.
    ValidateToken,
    /// The body of `POST /api/v2/any_channel/channelback/report_error`.
    ReportError,
}

impl Kind {
    /// Every kind, in the order inference considers them.
    pub const ALL: [Kind; 4] = [
        Kind::Push,
        Kind::PushResponse,
        Kind::ValidateToken,
        Kind::ReportError,
    ];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Push => "push",
            Kind::PushResponse => "push-response",
            Kind::ValidateToken => "validate-token",
            Kind::ReportError => "report-error",
        }
    }

    /// Decodes and validates `text` as this kind.
    pub fn check(self, text: &str) -> Result<Decoded, DecodeError> {
        match self {
            Kind::Push => decode::<PushRequest>(text),
            Kind::PushResponse => decode::<PushResponse>(text),
            Kind::ValidateToken => decode::<ValidateTokenRequest>(text),
            Kind::ReportError => decode::<ChannelbackErrorReport>(text),
        }
    }

    /// The top-level keys of this kind, as the model's `Deserialize` names them.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Push => fields_of::<PushRequest>(),
            Kind::PushResponse => fields_of::<PushResponse>(),
            Kind::ValidateToken => fields_of::<ValidateTokenRequest>(),
            Kind::ReportError => fields_of::<ChannelbackErrorReport>(),
        }
    }
}

/// Infers the kind of `text` from its top-level keys: the kind that knows the most of them;
/// between kinds that know as many, the one the document decodes as.
pub fn infer(text: &str) -> Result<Kind, DecodeError> {
    let keys = top_level_keys(text)?;
    let known = |kind: Kind| {
        keys.iter()
            .filter(|key| kind.keys().contains(&key.as_str()))
            .count()
    };
    let best = Kind::ALL.into_iter().map(known).max().unwrap_or(0);
    if best == 0 {
        return Err(DecodeError::whole(
            "cannot tell which kind of payload this is: none of its keys belongs to one; use --kind",
        ));
    }
    let tied: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|&k| known(k) == best)
        .collect();
    if let [kind] = tied[..] {
        return Ok(kind);
    }
    let decodable: Vec<Kind> = tied
        .iter()
        .copied()
        .filter(|k| k.check(text).is_ok())
        .collect();
    match decodable[..] {
        [kind] => Ok(kind),
        _ => {
            let names: Vec<&str> = tied.iter().map(|k| k.name()).collect();
            Err(DecodeError::whole(format!(
                "ambiguous: this could be a {}; use --kind",
                names.join(" or a ")
            )))
        }
    }
}

/// The keys of the top-level object, or why the document is not one.
fn top_level_keys(text: &str) -> Result<Vec<String>, DecodeError> {
    struct Keys;

    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(key);
            }
            Ok(keys)
        }
    }

    let mut json = serde_json::Deserializer::from_str(text);
    json.deserialize_map(Keys)
        .map_err(|error| match error.classify() {
            serde_json::error::Category::Data => DecodeError {
                message: "the document is not a JSON object".to_owned(),
                ..DecodeError::at_text(&error)
            },
            _ => DecodeError::at_text(&error),
        })
}

/// The field names a derived `Deserialize` announces for `T`: they are what it accepts.
fn fields_of<T: DeserializeOwned + Validate>() -> &'static [&'static str] {
    struct Fields<'a>(&'a mut &'static [&'static str]);

    impl<'de> Deserializer<'de> for Fields<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("fields read"))
        }

        forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}
