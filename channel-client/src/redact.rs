//! Keeping what was sent out of the text a server answers with: a server may quote the
//! request in its error (Zendesk's validation errors can), and that text goes into errors
//! and logs.

use serde_json::Value;

/// What replaces a sent value, or the end of a text cut short.
const REDACTED: &str = "<redacted>";

/// The most characters of a server's text that are kept.
const MAX_CHARS: usize = 1024;

/// Values shorter than this are not looked for: they are too common as words (`fr`, `web`)
/// to be told apart from the server's own text, and too short to hold much.
const MIN_CHARS: usize = 4;

/// The string values of the JSON `sent`, longest first, including those inside string
/// values that are JSON themselves (`metadata`, `state`).
pub(crate) fn sent_values(sent: &[u8]) -> Vec<String> {
    let mut values = Vec::new();
    if let Ok(sent) = serde_json::from_slice::<Value>(sent) {
        collect(sent, &mut values);
    }
    values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    values.dedup();
    values
}

fn collect(value: Value, values: &mut Vec<String>) {
    match value {
        Value::String(text) => {
            if let Ok(inner @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str(&text) {
                collect(inner, values);
            }
            if text.chars().count() >= MIN_CHARS {
                values.push(text);
            }
        }
        Value::Array(items) => items.into_iter().for_each(|item| collect(item, values)),
        Value::Object(members) => members.into_values().for_each(|item| collect(item, values)),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// `text` with every one of `values` in it replaced by `<redacted>`, its control characters
/// (C0, DEL, C1) escaped as Rust writes them (`\n`, `\u{1b}`), so that a server's text
/// cannot forge log lines or drive a terminal, and cut to 1024 characters (then ending
/// with `…`).
pub(crate) fn redact(text: String, values: &[String]) -> String {
    let mut text = text;
    for value in values {
        if text.contains(value.as_str()) {
            text = text.replace(value.as_str(), REDACTED);
        }
    }
    if text.contains(char::is_control) {
        let mut escaped = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match c.is_control() {
                true => escaped.extend(c.escape_default()),
                false => escaped.push(c),
            }
        }
        text = escaped;
    }
    match text.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => {
            text.truncate(end);
            text.push('…');
            text
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            redact("bad\nERROR forged\u{1b}]0;title\u{7}\u{85}".to_owned(), &[]),
            "bad\\nERROR forged\\u{1b}]0;title\\u{7}\\u{85}"
        );
    }

    #[test]
    fn sent_values_are_replaced_longest_first() {
        let sent = br#"{"a":"user-1","b":["user-17",{"c":"fr"}],"m":"{\"key\":\"s3cr3t\"}"}"#;
        let values = sent_values(sent);
        assert_eq!(
            values,
            ["{\"key\":\"s3cr3t\"}", "user-17", "s3cr3t", "user-1"]
        );
        assert_eq!(
            redact("user-17, user-1, fr, key s3cr3t".to_owned(), &values),
            "<redacted>, <redacted>, fr, key <redacted>"
        );
    }

    #[test]
    fn long_texts_are_cut_at_1024_characters() {
        let values = [];
        assert_eq!(redact("é".repeat(1024), &values), "é".repeat(1024));
        assert_eq!(
            redact("é".repeat(1025), &values),
            format!("{}…", "é".repeat(1024))
        );
    }
}
