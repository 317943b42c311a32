//! What serde lets through but Zendesk's schemas reject, heard from the model's decoder while
//! it decodes ([`channel_model::from_str_inspected`]): a key outside a struct's fields is one
//! the model ignores; an `Option` that receives `null` is a field sent as `null` instead of
//! being left out.

use std::borrow::Cow;

use channel_model::{Inspect, Path, PathSegment};

/// A key the model does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// Where the key is.
    pub path: Path,
    /// The known key of the same object closest to it, if one is close.
    pub suggestion: Option<&'static str>,
}

/// What an inspection found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Optional fields sent as `null`.
    pub nulls: Vec<Path>,
    /// Keys the model ignores.
    pub unknown_keys: Vec<UnknownKey>,
    /// How many more nulls were found than the limit let through.
    pub omitted_nulls: usize,
    /// How many more unknown keys were found than the limit let through.
    pub omitted_unknown_keys: usize,
    /// The `type_id`s of events of a type the model does not know.
    pub unknown_event_types: Vec<Path>,
}

/// The findings of one decode, kept up to a limit.
pub struct Inspection {
    findings: Findings,
    /// How many findings to keep.
    limit: usize,
}

impl Inspection {
    /// An inspection that keeps at most `limit` findings.
    pub fn new(limit: usize) -> Self {
        Inspection {
            findings: Findings::default(),
            limit,
        }
    }

    /// Notes the `type_id` of an event of a type the model does not know, at `path`.
    pub fn unknown_event_type(&mut self, path: Path) {
        self.findings.unknown_event_types.push(path);
    }

    /// The findings, once decoding is over.
    pub fn into_findings(self) -> Findings {
        self.findings
    }

    /// Whether the limit is reached; if so, counts the null (or unknown key) being added as
    /// omitted.
    fn full(&mut self, null: bool) -> bool {
        let findings = &mut self.findings;
        let full = findings.nulls.len() + findings.unknown_keys.len() >= self.limit;
        let omitted = match null {
            true => &mut findings.omitted_nulls,
            false => &mut findings.omitted_unknown_keys,
        };
        *omitted += usize::from(full);
        full
    }
}

impl Inspect for Inspection {
    fn null(&mut self, path: &[PathSegment]) {
        if !self.full(true) {
            self.findings.nulls.push(Path::from(path.to_vec()));
        }
    }

    fn unknown_key(&mut self, path: &[PathSegment], key: &str, fields: &'static [&'static str]) {
        if !self.full(false) {
            let mut segments = path.to_vec();
            segments.push(PathSegment::Key(Cow::Owned(key.to_owned())));
            let unknown = UnknownKey {
                path: Path::from(segments),
                suggestion: closest(key, fields),
            };
            self.findings.unknown_keys.push(unknown);
        }
    }
}

/// The field name closest to `key`, if it is close enough to be a typo of it: at most a
/// third of the field's length away (at least 1).
fn closest(key: &str, fields: &[&'static str]) -> Option<&'static str> {
    let longest = fields.iter().map(|field| field.len()).max().unwrap_or(0);
    // The distance is at least the difference in length, so a key far longer than every
    // field is no typo of one, and is not compared with them (it may be megabytes long).
    // Field names are ASCII; a character of the key takes at most 4 bytes.
    if key.len() > 4 * (longest + longest / 3 + 1) {
        return None;
    }
    let length = key.chars().count();
    fields
        .iter()
        .filter(|field| length.abs_diff(field.chars().count()) <= (field.len() / 3).max(1))
        .map(|field| (strsim::damerau_levenshtein(key, field), *field))
        .filter(|&(distance, field)| distance <= (field.len() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, field)| field)
}
