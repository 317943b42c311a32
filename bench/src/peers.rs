//! What both peers need and neither offers: the checks they express as custom functions, and
//! the deserialization they share with `channel_model` so that only validation differs.

use std::io;

use serde_json::{Map, Value};

/// The `https` rule as a peer's user would write it, with the `url` crate that both peers use
/// for their own `url` rule (which accepts any scheme and rejects relative references): an
/// absolute URL needs the `https` scheme and a host; a relative reference passes.
///
/// `url` normalizes what it parses, so it allocates for every URL.
pub fn is_https_url(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(url) => url.scheme() == "https" && url.has_host(),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Whether `value` has no leading or trailing whitespace (the `external-id` format).
pub fn is_trimmed(value: &str) -> bool {
    !(value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace))
}

/// The characters of the object's compact JSON text: serialized on every call, into a
/// counter rather than a string, so it does not allocate.
pub fn compact_json_chars(object: &Map<String, Value>) -> usize {
    struct CharCounter(usize);

    impl io::Write for CharCounter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            // Count the bytes that start a UTF-8 sequence.
            self.0 += bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    let mut counter = CharCounter(0);
    serde_json::to_writer(&mut counter, object).expect("a JSON map serializes");
    counter.0
}

/// The longest `display_info.data`, in characters of compact JSON.
pub const MAX_DATA_CHARS: usize = 65_535;

/// Converts `channel_model`'s field id into a peer's: the peers deserialize it through ours
/// (`#[serde(from = ...)]`), so they pay neither more nor less than we do for it.
macro_rules! field_id_from_ours {
    ($ty:ident) => {
        impl From<channel_model::FieldId> for $ty {
            fn from(id: channel_model::FieldId) -> Self {
                match id {
                    channel_model::FieldId::Id(id) => $ty::Id(id),
                    channel_model::FieldId::Name(name) => $ty::Name(name),
                    // No field has this id: the peers refuse it as they refuse an empty name.
                    channel_model::FieldId::OutOfRange(_) => $ty::Name(String::new()),
                }
            }
        }
    };
}

pub(crate) use field_id_from_ours;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_accepts_what_channel_model_accepts_on_common_input() {
        for url in [
            "https://example.com/a",
            "HTTPS://EXAMPLE.COM",
            "files/1.jpg",
            "/a",
        ] {
            assert!(is_https_url(url), "{url}");
            assert!(channel_model::rules::is_https_url(url), "{url}");
        }
        for url in ["http://example.com/a", "ftp://example.com", "https://"] {
            assert!(!is_https_url(url), "{url}");
            assert!(!channel_model::rules::is_https_url(url), "{url}");
        }
    }

    #[test]
    fn data_length_matches_channel_model() {
        let object = serde_json::json!({"a": "é", "b": [1, 2]});
        let ours = channel_model::DisplayData::try_from(object.clone()).unwrap();
        assert_eq!(
            compact_json_chars(object.as_object().unwrap()),
            ours.serialized_len()
        );
    }
}
