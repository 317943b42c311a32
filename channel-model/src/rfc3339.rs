//! `created_at`: RFC 3339 exactly on input, UTC with `Z` on output.
//!
//! Use it on a `DateTime<Utc>` field of your own with `#[serde(with = "channel_model::rfc3339")]`.
//!
//! chrono's own deserializer also takes `2015-09-08 22:48:09Z`, `+0200` or `UTC`, which
//! Zendesk's `date-time` format does not; this parser takes only
//! `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (with `t` and `z` also in lower case, as RFC 3339
//! allows) and says what is wrong with anything else, without quoting the input.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, Timelike, Utc};
use serde::{de, Deserializer, Serializer};

/// Why a text is not an RFC 3339 date-time: what was expected, and at which character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rfc3339Error {
    position: usize,
    expected: &'static str,
}

impl Rfc3339Error {
    /// The index, in characters from 0, where the text stops being RFC 3339.
    pub fn position(&self) -> usize {
        self.position
    }
}

impl fmt::Display for Rfc3339Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an RFC 3339 date-time such as 2015-09-08T22:48:09Z: expected {} at character {}",
            self.expected, self.position
        )
    }
}

impl std::error::Error for Rfc3339Error {}

/// Parses an RFC 3339 date-time, with any offset, into UTC.
///
/// Second 60 is accepted only where RFC 3339 (section 5.7) allows it: at 23:59:60 UTC once the
/// offset is applied. The text may have at most 255 characters (schema
/// `external_resource.json`, `created_at`: `maxLength: 255`).
///
/// ```
/// use channel_model::parse_rfc3339;
///
/// let utc = parse_rfc3339("2015-09-09T00:48:09.5+02:00").unwrap();
/// assert_eq!(utc.to_rfc3339(), "2015-09-08T22:48:09.500+00:00");
/// assert!(parse_rfc3339("2015-09-08 22:48:09Z").is_err());
/// assert!(parse_rfc3339("2015-09-08T22:48:09+0200").is_err());
/// // A leap second is 23:59:60 in UTC, whatever the offset.
/// assert!(parse_rfc3339("1998-12-31T15:59:60-08:00").is_ok());
/// assert!(parse_rfc3339("1998-12-31T23:58:60Z").is_err());
/// ```
pub fn parse_rfc3339(text: &str) -> Result<DateTime<Utc>, Rfc3339Error> {
    if let Some(utc) = common_utc(text) {
        return Ok(utc);
    }
    let invalid = |position, expected| Rfc3339Error { position, expected };
    let mut cursor = Cursor { text, at: 0 };
    let year = cursor.digits(4, "a four-digit year")?;
    cursor.punct(b"-", "`-` after the year")?;
    let month = cursor.digits(2, "a two-digit month")?;
    cursor.punct(b"-", "`-` after the month")?;
    let day = cursor.digits(2, "a two-digit day")?;
    let date_end = cursor.at;
    cursor.punct(b"Tt", "`T` between the date and the time")?;
    let hour = cursor.digits(2, "a two-digit hour")?;
    cursor.punct(b":", "`:` after the hour")?;
    let minute = cursor.digits(2, "two-digit minutes")?;
    cursor.punct(b":", "`:` after the minutes")?;
    let second = cursor.digits(2, "two-digit seconds")?;
    let time_end = cursor.at;
    let nanos = cursor.fraction()?;
    let offset_start = cursor.at;
    let offset = cursor.offset()?;
    if cursor.at != text.len() {
        return Err(cursor.error("the end of the date-time"));
    }
    // The text is ASCII now: its length in bytes is its length in characters.
    if text.len() > MAX_LEN {
        let expected = "the end of the date-time: at most 255 characters";
        return Err(invalid(MAX_LEN, expected));
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| invalid(date_end, "a date that exists"))?;
    // RFC 3339 allows a leap second (:60); chrono keeps it as :59 with an extra second of nanos.
    let (second, nanos) = if second == 60 {
        (59, nanos + 1_000_000_000)
    } else {
        (second, nanos)
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        .ok_or_else(|| invalid(time_end, "a time of day that exists"))?;
    let offset = offset.ok_or_else(|| invalid(offset_start, "an offset within ±23:59"))?;
    let local = date.and_time(time).and_local_timezone(offset).single();
    let local: DateTime<FixedOffset> =
        local.ok_or_else(|| invalid(offset_start, "a date-time within chrono's range"))?;
    let utc = local.with_timezone(&Utc);
    // RFC 3339, section 5.7: a leap second is the last second of a UTC day.
    if second == 59 && nanos >= 1_000_000_000 && (utc.hour(), utc.minute()) != (23, 59) {
        let expected = "seconds below 60: a leap second (:60) is 23:59:60 in UTC only";
        return Err(invalid(time_end - 2, expected));
    }
    Ok(utc)
}

/// The common form, `YYYY-MM-DDTHH:MM:SSZ`, read in one go. Anything else, a date or time
/// that does not exist and second 60 included, is left to the general parser, which also
/// says what is wrong.
fn common_utc(text: &str) -> Option<DateTime<Utc>> {
    let bytes: &[u8; 20] = text.as_bytes().try_into().ok()?;
    let digit = |at: usize| {
        let digit = bytes[at].wrapping_sub(b'0');
        (digit < 10).then_some(u32::from(digit))
    };
    let two = |at: usize| Some(digit(at)? * 10 + digit(at + 1)?);
    let punctuation = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ];
    if punctuation.iter().any(|&(at, byte)| bytes[at] != byte) {
        return None;
    }
    let year = two(0)? * 100 + two(2)?;
    let date = NaiveDate::from_ymd_opt(year as i32, two(5)?, two(8)?)?;
    // Second 60 is `None` here: the general parser decides whether it is a leap second.
    let time = NaiveTime::from_hms_opt(two(11)?, two(14)?, two(17)?)?;
    Some(date.and_time(time).and_utc())
}

/// The most characters a date-time may have (schema `external_resource.json`, `created_at`:
/// `maxLength: 255`), however many digits its fraction has.
const MAX_LEN: usize = 255;

/// Formats a UTC date-time as Zendesk's examples do: `2015-09-08T22:48:09Z`, with a
/// fraction only when there is one.
pub fn format_rfc3339(datetime: &DateTime<Utc>) -> String {
    datetime.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn error(&self, expected: &'static str) -> Rfc3339Error {
        let position = self
            .text
            .get(..self.at)
            .map_or(self.at, |s| s.chars().count());
        Rfc3339Error { position, expected }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn digits(&mut self, count: usize, expected: &'static str) -> Result<u32, Rfc3339Error> {
        let mut value = 0;
        for _ in 0..count {
            match self.peek() {
                Some(digit @ b'0'..=b'9') => value = value * 10 + u32::from(digit - b'0'),
                _ => return Err(self.error(expected)),
            }
            self.at += 1;
        }
        Ok(value)
    }

    fn punct(&mut self, allowed: &[u8], expected: &'static str) -> Result<(), Rfc3339Error> {
        match self.peek() {
            Some(byte) if allowed.contains(&byte) => {
                self.at += 1;
                Ok(())
            }
            _ => Err(self.error(expected)),
        }
    }

    /// `.digits` as nanoseconds; digits past the ninth are below chrono's precision.
    fn fraction(&mut self) -> Result<u32, Rfc3339Error> {
        if self.peek() != Some(b'.') {
            return Ok(0);
        }
        self.at += 1;
        let mut nanos = 0;
        let mut count = 0;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            if count < 9 {
                nanos = nanos * 10 + u32::from(digit - b'0');
            }
            count += 1;
            self.at += 1;
        }
        if count == 0 {
            return Err(self.error("digits after the decimal point"));
        }
        Ok(nanos * 10u32.pow(9u32.saturating_sub(count)))
    }

    /// `Z` or `±HH:MM`; `Ok(None)` for an offset out of range.
    fn offset(&mut self) -> Result<Option<FixedOffset>, Rfc3339Error> {
        let sign = match self.peek() {
            Some(b'Z' | b'z') => {
                self.at += 1;
                return Ok(FixedOffset::east_opt(0));
            }
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(self.error("`Z` or an offset such as `+02:00`")),
        };
        self.at += 1;
        let hours = self.digits(2, "a two-digit offset hour")?;
        self.punct(b":", "`:` in the offset, as in `+02:00`")?;
        let minutes = self.digits(2, "two-digit offset minutes")?;
        if hours > 23 || minutes > 59 {
            return Ok(None);
        }
        Ok(FixedOffset::east_opt(
            sign * (hours * 3600 + minutes * 60) as i32,
        ))
    }
}

/// Writes `datetime` as [`format_rfc3339`] does: `#[serde(with = "channel_model::rfc3339")]`.
pub fn serialize<S: Serializer>(
    datetime: &DateTime<Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format_rfc3339(datetime))
}

/// Reads an RFC 3339 date-time as [`parse_rfc3339`] does, saying what is wrong without quoting
/// the text: `#[serde(with = "channel_model::rfc3339")]`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    struct Visitor;

    impl de::Visitor<'_> for Visitor {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 date-time string such as 2015-09-08T22:48:09Z")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
            parse_rfc3339(text).map_err(E::custom)
        }
    }

    deserializer.deserialize_str(Visitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> String {
        format_rfc3339(&parse_rfc3339(text).unwrap())
    }

    #[test]
    fn accepts_rfc3339_with_any_offset() {
        assert_eq!(utc("2015-09-08T22:48:09Z"), "2015-09-08T22:48:09Z");
        assert_eq!(utc("2015-09-08t22:48:09z"), "2015-09-08T22:48:09Z");
        assert_eq!(utc("2015-09-09T00:48:09+02:00"), "2015-09-08T22:48:09Z");
        assert_eq!(utc("2015-09-08T20:48:09-02:00"), "2015-09-08T22:48:09Z");
        assert_eq!(utc("2015-09-08T22:48:09.25Z"), "2015-09-08T22:48:09.250Z");
        assert_eq!(
            utc("2015-09-08T22:48:09.123456789123Z"),
            "2015-09-08T22:48:09.123456789Z"
        );
        assert_eq!(utc("2016-12-31T23:59:60Z"), "2016-12-31T23:59:60Z");
    }

    #[test]
    fn the_common_form_reads_as_the_general_parser_does() {
        for text in [
            "2015-09-08T22:48:09Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2016-02-29T12:00:00Z",
        ] {
            assert_eq!(common_utc(text).unwrap().to_rfc3339(), utc_general(text));
        }
        // Left to the general parser: it accepts the first two and refuses the others.
        for text in [
            "2016-12-31T23:59:60Z",
            "2015-09-08t22:48:09z",
            "2015-02-29T12:00:00Z",
            "2015-09-08T24:00:00Z",
            "2015-09-08T22:48:0aZ",
            "2015-09-08T22:48:09+",
        ] {
            assert_eq!(common_utc(text), None, "{text}");
        }
    }

    /// `text` read by the general parser alone.
    fn utc_general(text: &str) -> String {
        let offset = &text[19..];
        let fixed = format!(
            "{}{}",
            &text[..19],
            if offset == "Z" { "+00:00" } else { offset }
        );
        parse_rfc3339(&fixed).unwrap().to_rfc3339()
    }

    #[test]
    fn rejects_what_lenient_parsers_take() {
        for (text, position) in [
            ("2015-09-08 22:48:09Z", 10),
            ("2015-09-08T22:48:09+0200", 22),
            ("2015-09-08T22:48:09 UTC", 19),
            ("2015-09-08T22:48:09", 19),
            ("2015-09-08T22:48Z", 16),
            ("2015-9-08T22:48:09Z", 6),
            ("2015-09-08T22:48:09.Z", 20),
            ("2015-09-08T22:48:09Zjunk", 20),
            ("2015-02-30T22:48:09Z", 10),
            ("2015-09-08T24:00:00Z", 19),
            ("2015-09-08T22:48:09+24:00", 19),
            ("", 0),
            ("ß015-09-08T22:48:09Z", 0),
            ("2015-09-08T22:48:09Zé", 20),
        ] {
            let error = parse_rfc3339(text).unwrap_err();
            assert_eq!(error.position(), position, "{text}: {error}");
        }
    }

    #[test]
    fn errors_do_not_quote_the_input() {
        let error = parse_rfc3339("secret 2015").unwrap_err().to_string();
        assert!(!error.contains("secret"), "{error}");
    }
}
