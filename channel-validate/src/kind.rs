//! The kinds of payload the tool checks, and telling them apart by their keys.

use channel_model::{
    fields_of, AdminUiRequest, ChannelbackErrorReport, ChannelbackRequest, ChannelbackResponse,
    ClickthroughRequest, Event, EventBatch, Manifest, Path, PathSegment, PullRequest, PullResponse,
    PushRequest, PushResponse, ValidateTokenRequest,
};
use std::fmt;
use std::sync::LazyLock;

use channel_model::{DecodeCategory, DecodeError};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::decode::{decode, decode_form, decode_with, Decoded};
use crate::inspect::Inspection;
use crate::keys;

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
    /// An integration's answer to Zendesk's pull.
    Pull,
    /// An integration's answer to a channelback (the JSON response, not Zendesk's form).
    Channelback,
    /// The integration manifest.
    Manifest,
    /// A batch of events Zendesk posts to the `event_callback_url`.
    EventCallback,
    /// What Zendesk posts to the admin UI (a form, or its JSON).
    AdminUi,
    /// What Zendesk posts to the `pull_url` (a form, or its JSON).
    PullRequest,
    /// The query Zendesk sends to the `clickthrough_url` (or its JSON).
    Clickthrough,
    /// What Zendesk posts to the `channelback_url` (a form, or its JSON).
    ChannelbackRequest,
}

impl Kind {
    /// Every kind, in the order inference considers them.
    pub const ALL: [Kind; 12] = [
        Kind::Push,
        Kind::PushResponse,
        Kind::ValidateToken,
        Kind::ReportError,
        Kind::Pull,
        Kind::Channelback,
        Kind::Manifest,
        Kind::EventCallback,
        Kind::AdminUi,
        Kind::ChannelbackRequest,
        Kind::PullRequest,
        Kind::Clickthrough,
    ];

    /// The kinds Zendesk sends as forms (the clickthrough as a query string).
    const FORMS: [Kind; 4] = [
        Kind::AdminUi,
        Kind::ChannelbackRequest,
        Kind::PullRequest,
        Kind::Clickthrough,
    ];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Push => "push",
            Kind::PushResponse => "push-response",
            Kind::ValidateToken => "validate-token",
            Kind::ReportError => "report-error",
            Kind::Pull => "pull",
            Kind::Channelback => "channelback",
            Kind::Manifest => "manifest",
            Kind::EventCallback => "event-callback",
            Kind::AdminUi => "admin-ui",
            Kind::PullRequest => "pull-request",
            Kind::Clickthrough => "clickthrough",
            Kind::ChannelbackRequest => "channelback-request",
        }
    }

    /// Whether a JSON document's keys can tell this kind: the pull request's `metadata` and
    /// `state`, and the clickthrough's `external_id`, are keys of the responses too, so these
    /// two are inferred from forms only.
    fn inferred_from_json(self) -> bool {
        !matches!(self, Kind::PullRequest | Kind::Clickthrough)
    }

    /// Decodes and validates `text` as this kind, keeping at most `limit` findings of each
    /// sort (see [`decode`]).
    pub fn check(self, text: &str, limit: usize) -> Result<Decoded, DecodeError> {
        if Kind::FORMS.contains(&self) && is_form(text) {
            let body = text.trim_end_matches(['\r', '\n']).as_bytes();
            return match self {
                Kind::AdminUi => decode_form(AdminUiRequest::from_form(body), limit),
                Kind::PullRequest => decode_form(PullRequest::from_form(body), limit),
                Kind::Clickthrough => decode_form(ClickthroughRequest::from_query(body), limit),
                _ => decode_form(ChannelbackRequest::from_form(body), limit),
            };
        }
        match self {
            Kind::Push => decode::<PushRequest>(text, limit),
            Kind::PushResponse => decode::<PushResponse>(text, limit),
            Kind::ValidateToken => decode::<ValidateTokenRequest>(text, limit),
            Kind::ReportError => decode::<ChannelbackErrorReport>(text, limit),
            Kind::Pull => decode::<PullResponse>(text, limit),
            Kind::Channelback => decode::<ChannelbackResponse>(text, limit),
            Kind::Manifest => decode::<Manifest>(text, limit),
            Kind::EventCallback => decode_with::<EventBatch>(text, limit, inspect_events),
            Kind::AdminUi => decode::<AdminUiRequest>(text, limit),
            Kind::PullRequest => decode::<PullRequest>(text, limit),
            Kind::Clickthrough => decode::<ClickthroughRequest>(text, limit),
            Kind::ChannelbackRequest => decode::<ChannelbackRequest>(text, limit),
        }
    }

    /// The top-level keys of this kind, as the model's `Deserialize` names them.
    fn keys(self) -> &'static [&'static str] {
        // Asking a `Deserialize` for its fields costs an error: each kind asks once.
        static KEYS: LazyLock<[&'static [&'static str]; 12]> =
            LazyLock::new(|| Kind::ALL.map(Kind::fields));
        let at = Kind::ALL.iter().position(|&kind| kind == self);
        KEYS[at.unwrap_or_default()]
    }

    /// The field names the model's `Deserialize` of this kind announces.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Push => fields_of::<PushRequest>(),
            Kind::PushResponse => fields_of::<PushResponse>(),
            Kind::ValidateToken => fields_of::<ValidateTokenRequest>(),
            Kind::ReportError => fields_of::<ChannelbackErrorReport>(),
            Kind::Pull => fields_of::<PullResponse>(),
            Kind::Channelback => fields_of::<ChannelbackResponse>(),
            Kind::Manifest => fields_of::<Manifest>(),
            Kind::EventCallback => fields_of::<EventBatch>(),
            Kind::AdminUi => fields_of::<AdminUiRequest>(),
            Kind::PullRequest => fields_of::<PullRequest>(),
            Kind::Clickthrough => fields_of::<ClickthroughRequest>(),
            Kind::ChannelbackRequest => fields_of::<ChannelbackRequest>(),
        }
    }
}

/// Whether `text` is a form body (`name=value&...`) rather than a JSON document: JSON text
/// that is not an object, an array or a string holds no `=`.
fn is_form(text: &str) -> bool {
    let start = text.trim_start_matches([' ', '\t', '\n', '\r']);
    !start.starts_with(['{', '[', '"']) && start.contains('=')
}

/// What the decoder cannot see inside events, which it reads whole: the keys the schemas do
/// not list and the `null`s that a known event keeps, found as they are elsewhere; and the
/// events of a type this version does not know, kept and reported as warnings, since Zendesk
/// adds types over time.
fn inspect_events(batch: &EventBatch, inspection: &mut Inspection) {
    for (index, event) in batch.events.iter().enumerate() {
        let at = [PathSegment::Key("events".into()), PathSegment::Index(index)];
        event.inspect_extra(&at, inspection);
        if let Event::Unknown(_) = event {
            let mut path = at.to_vec();
            path.push(PathSegment::Key("type_id".into()));
            inspection.unknown_event_type(Path::from(path));
        }
    }
}

/// The kind of the form `text`, told by its field names: of the form kinds that know the most
/// of them, the one with the fewest fields. The names are read by the model's form decoder,
/// past the leading `?` a query may carry, as the clickthrough decoder reads them.
fn infer_form(text: &str, limit: usize) -> Result<Inferred, InferError> {
    let form = text.trim_end();
    let form = form.strip_prefix('?').unwrap_or(form);
    let names: Vec<String> = channel_model::form::parse(form.as_bytes())
        .map(|pair| {
            String::from_utf8_lossy(&pair.name())
                .trim_end_matches("[]")
                .to_owned()
        })
        .collect();
    let known = |kind: Kind| {
        let keys = kind.keys();
        names
            .iter()
            .filter(|name| keys.contains(&name.as_str()))
            .count()
    };
    let best = Kind::FORMS.into_iter().map(known).max().unwrap_or(0);
    let kind = Kind::FORMS
        .into_iter()
        .filter(|&kind| best > 0 && known(kind) == best)
        .min_by_key(|kind| kind.keys().len())
        .ok_or(InferError::Unknown)?;
    Ok((kind, kind.check(text, limit)))
}

/// A kind, and what checking the document as that kind gave.
pub type Inferred = (Kind, Result<Decoded, DecodeError>);

/// Why the kind of a document could not be inferred.
#[derive(Debug)]
pub enum InferError {
    /// The document is not JSON (or repeats a top-level key).
    Undecodable(DecodeError),
    /// The document is JSON, but not an object; the error says where.
    NotAnObject(DecodeError),
    /// None of its keys belongs to a kind.
    Unknown,
    /// It fits these kinds equally.
    Ambiguous(Vec<Kind>),
}

impl fmt::Display for InferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InferError::Undecodable(error) => f.write_str(error.message()),
            InferError::NotAnObject(_) => f.write_str("the document is not a JSON object"),
            InferError::Unknown => f.write_str(
                "cannot tell which kind of payload this is: none of its keys belongs to one; \
                 use --kind",
            ),
            InferError::Ambiguous(kinds) => {
                let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                write!(
                    f,
                    "ambiguous: this could be a {}; use --kind",
                    names.join(" or a ")
                )
            }
        }
    }
}

/// Infers the kind of `text` from its top-level keys, and checks it as that kind: the kind
/// that knows the most of them; between kinds that know as many, the one the document decodes
/// as. Each candidate is decoded once, and the chosen one's result is returned.
///
/// The keys before the first object or array ([`keys::leading_keys`]) most often tell the
/// kind: when one kind knows the most of them, the document is decoded as that kind first, and
/// the decoder, which reads every key, says whether it is that kind ([`Decoded::known`]). Any
/// other document has its keys read by skipping over the values ([`keys::top_level_keys`]),
/// which is all a document that decodes needs; and any other again with the decoder, keys
/// first, so that what is wrong with it is told as the decoder tells it.
pub fn infer(text: &str, limit: usize) -> Result<Inferred, InferError> {
    if is_form(text) {
        return infer_form(text, limit);
    }
    // The documents decoded so far, each kind once.
    let mut checked = Vec::new();
    if let Some(kind) = Known::of(keys::leading_keys(text)).sole_best() {
        let result = kind.check(text, limit);
        let known = result.as_ref().ok().and_then(|decoded| decoded.known);
        if known.and_then(Known::sole_best) == Some(kind) {
            return Ok((kind, result));
        }
        checked.push((kind, result));
        if let Some(known) = known {
            return infer_from(known, text, limit, &mut checked);
        }
    }
    if let Some(keys) = keys::top_level_keys(text) {
        match infer_from(Known::of(keys), text, limit, &mut checked) {
            inferred @ Ok((_, Ok(_))) => return inferred,
            Ok(undecodable) => checked.push(undecodable),
            Err(_) => {}
        }
    }
    let keys = top_level_keys(text)?;
    infer_from(
        Known::of(keys.iter().map(String::as_str)),
        text,
        limit,
        &mut checked,
    )
}

/// The kinds inferred from JSON whose top-level keys include `key`: one bit each, in the
/// order of [`Kind::ALL`]. Looked up in a table built once, rather than in each kind's keys:
/// the key names by length, so that a key is compared with the few names of its length (this
/// runs for every top-level key of every document).
fn kinds_reading(key: &str) -> u16 {
    static TABLE: LazyLock<Vec<Vec<(&'static str, u16)>>> = LazyLock::new(|| {
        let mut table: Vec<Vec<(&'static str, u16)>> = Vec::new();
        for (at, kind) in Kind::ALL.into_iter().enumerate() {
            if kind.inferred_from_json() {
                for &key in kind.keys() {
                    if table.len() <= key.len() {
                        table.resize_with(key.len() + 1, Vec::new);
                    }
                    let names = &mut table[key.len()];
                    match names.iter_mut().find(|(name, _)| *name == key) {
                        Some((_, kinds)) => *kinds |= 1 << at,
                        None => names.push((key, 1 << at)),
                    }
                }
            }
        }
        table
    });
    let names = TABLE.get(key.len()).map_or(&[][..], Vec::as_slice);
    names
        .iter()
        .find(|(name, _)| *name == key)
        .map_or(0, |&(_, kinds)| kinds)
}

/// How many of a document's top-level keys each kind inferred from JSON knows, in the order of
/// [`Kind::ALL`]; the keys are each counted once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    by_kind: [usize; Kind::ALL.len()],
    keys: usize,
}

impl Known {
    /// What the keys `keys` tell.
    pub fn of<'k>(keys: impl IntoIterator<Item = &'k str>) -> Known {
        let mut known = Known::default();
        for key in keys {
            known.add(key);
        }
        known
    }

    /// Counts one more key.
    pub fn add(&mut self, key: &str) {
        let mut kinds = kinds_reading(key);
        while kinds != 0 {
            self.by_kind[kinds.trailing_zeros() as usize] += 1;
            kinds &= kinds - 1;
        }
        self.keys += 1;
    }

    /// How many keys were counted.
    pub fn keys(&self) -> usize {
        self.keys
    }

    /// The most keys any kind knows.
    fn best(&self) -> usize {
        self.by_kind.into_iter().max().unwrap_or(0)
    }

    /// The kinds that know the most keys, when they know any.
    fn tied(&self) -> impl Iterator<Item = Kind> + use<> {
        let best = self.best();
        Kind::ALL
            .into_iter()
            .zip(self.by_kind)
            .filter_map(move |(kind, known)| (best > 0 && known == best).then_some(kind))
    }

    /// The kind that knows more of the keys than any other, if one does.
    fn sole_best(self) -> Option<Kind> {
        let mut tied = self.tied();
        tied.next().filter(|_| tied.next().is_none())
    }
}

/// Infers the kind of a document from what its top-level keys tell (`known`), and checks it
/// as that kind; a kind already in `checked` is not decoded again, and is taken from there.
fn infer_from(
    known: Known,
    text: &str,
    limit: usize,
    checked: &mut Vec<Inferred>,
) -> Result<Inferred, InferError> {
    let best = known.best();
    let tied: Vec<Kind> = known.tied().collect();
    if tied.is_empty() {
        return Err(InferError::Unknown);
    }
    let mut check = |kind: Kind| match checked.iter().position(|(k, _)| *k == kind) {
        Some(at) => checked.swap_remove(at),
        None => (kind, kind.check(text, limit)),
    };
    if let [kind] = tied[..] {
        return Ok(check(kind));
    }
    let mut checked: Vec<Inferred> = tied.iter().map(|&k| check(k)).collect();
    // Between kinds that decode, the document is most likely the one of whose keys it has
    // the largest share. When none decodes, only a kind whose every key is there stands out:
    // `{"instance_push_id": .., "request_id": 7}` is a validate_token with a bad value.
    let share = |k: Kind| best as f64 / k.keys().len() as f64;
    let any_decodes = checked.iter().any(|(_, result)| result.is_ok());
    checked.retain(|(k, result)| match any_decodes {
        true => result.is_ok(),
        false => share(*k) == 1.0,
    });
    let top = checked.iter().map(|(k, _)| share(*k)).fold(0.0, f64::max);
    checked.retain(|(k, _)| share(*k) == top);
    match checked.len() {
        1 => Ok(checked.remove(0)),
        _ => Err(InferError::Ambiguous(tied)),
    }
}

/// The keys of the top-level object, or why the document is not one.
fn top_level_keys(text: &str) -> Result<Vec<String>, InferError> {
    struct Keys(Vec<String>);

    impl<'de> Deserialize<'de> for Keys {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Keys, D::Error> {
            // Read as a struct (of no fields), not a map: its keys are no data, and a repeated
            // one is reported at its pointer.
            deserializer.deserialize_struct("Keys", &[], KeysVisitor)
        }
    }

    struct KeysVisitor;

    impl<'de> Visitor<'de> for KeysVisitor {
        type Value = Keys;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                // Taken as its text, unread: what is wrong inside a value is told by the
                // decode of a kind, at its own pointer.
                map.next_value::<&RawValue>()?;
                keys.push(key);
            }
            Ok(Keys(keys))
        }
    }

    match channel_model::from_str::<Keys>(text) {
        Ok(Keys(keys)) => Ok(keys),
        Err(error) => Err(match error.category() {
            DecodeCategory::Type => InferError::NotAnObject(error),
            // Skipping a string, serde_json places a raw control character in it one column
            // early; reading the values says where it is.
            DecodeCategory::Syntax => match channel_model::from_str::<serde_json::Value>(text) {
                Err(exact) => InferError::Undecodable(exact),
                Ok(_) => InferError::Undecodable(error),
            },
            _ => InferError::Undecodable(error),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESOURCE: &str = r#"{"external_id": "m", "message": "hi",
        "created_at": "2015-09-08T22:48:09Z", "author": {"external_id": "u"}}"#;

    fn inferred(text: &str) -> Result<&'static str, String> {
        infer(text, 100)
            .map(|(kind, _)| kind.name())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn every_kind_has_a_name_and_keys() {
        for kind in Kind::ALL {
            assert!(!kind.keys().is_empty(), "{}", kind.name());
            assert_eq!(
                <Kind as clap::ValueEnum>::from_str(kind.name(), false),
                Ok(kind)
            );
        }
    }

    #[test]
    fn a_document_with_a_bad_value_is_the_kind_whose_fields_are_all_there() {
        let token = r#"{"instance_push_id": "a", "request_id": 7}"#;
        assert_eq!(inferred(token), Ok("validate-token"));
    }

    #[test]
    fn trailing_content_is_reported_as_such() {
        let error = inferred(r#"{"instance_push_id": "a"} x"#).unwrap_err();
        assert_eq!(error, "trailing characters");
        let error = inferred("{\"instance_push_id\": \"a\", \"instance_push_id\": \"b\"}");
        assert_eq!(
            error.unwrap_err(),
            "duplicate key: an object may have each key once"
        );
    }

    #[test]
    fn a_push_and_a_pull_are_told_apart_by_their_other_keys() {
        let push = format!(r#"{{"instance_push_id": "a", "external_resources": [{RESOURCE}]}}"#);
        assert_eq!(inferred(&push), Ok("push"));
        let pull = format!(r#"{{"external_resources": [{RESOURCE}], "state": "s"}}"#);
        assert_eq!(inferred(&pull), Ok("pull"));
        let pull = r#"{"external_resources": [], "metadata_needs_update": false}"#;
        assert_eq!(inferred(pull), Ok("pull"));
        // The push keys win over the pull keys when there are more of them.
        let push = r#"{"instance_push_id": "a", "request_id": "r", "external_resources": [],
            "state": "s"}"#;
        assert_eq!(inferred(push), Ok("push"));
    }

    #[test]
    fn the_kind_the_leading_keys_point_to_is_corrected_by_the_keys_after_them() {
        // Up to `external_resources` a push; with the keys after it, an error report (whose
        // decode leaves `external_resources` out as an unknown key).
        let report = r#"{"instance_push_id": "a", "request_id": "r", "external_resources": [],
            "external_id": "m", "description": "d"}"#;
        assert_eq!(inferred(report), Ok("report-error"));
        // A push that does not decode is still reported as a push.
        let (kind, result) = infer(
            r#"{"instance_push_id": "a", "request_id": "r", "external_resources": 1}"#,
            100,
        )
        .unwrap();
        assert_eq!(kind, Kind::Push);
        assert_eq!(
            result.err().unwrap().path().to_string(),
            "/external_resources"
        );
    }

    #[test]
    fn only_external_resources_is_decided_by_decoding() {
        // Only a pull decodes without `instance_push_id`.
        let only = format!(r#"{{"external_resources": [{RESOURCE}]}}"#);
        assert_eq!(inferred(&only), Ok("pull"));
        // Neither decodes: the message names both and asks for `--kind`.
        assert_eq!(
            inferred(r#"{"external_resources": [{"external_id": "m"}]}"#),
            Err("ambiguous: this could be a push or a pull; use --kind".to_owned())
        );
    }

    #[test]
    fn a_channelback_response_and_an_error_report_are_told_apart() {
        assert_eq!(inferred(r#"{"external_id": "m"}"#), Ok("channelback"));
        assert_eq!(
            inferred(r#"{"external_id": "m", "allow_channelback": true}"#),
            Ok("channelback")
        );
        assert_eq!(
            inferred(r#"{"instance_push_id": "a", "external_id": "m"}"#),
            Ok("report-error")
        );
        assert_eq!(
            inferred(r#"{"external_id": null}"#),
            Err("ambiguous: this could be a report-error or a channelback; use --kind".to_owned())
        );
        // `metadata` alone belongs to a pull, a channelback response, an admin UI request
        // and a channelback request, and decodes as none of them.
        assert_eq!(
            inferred(r#"{"metadata": "{}"}"#),
            Err(
                "ambiguous: this could be a pull or a channelback or a admin-ui or a \
                 channelback-request; use --kind"
                    .to_owned()
            )
        );
    }

    #[test]
    fn a_manifest_is_inferred_and_checked() {
        let manifest = r#"{"name": "n", "id": "i",
            "urls": {"admin_ui": "./admin", "pull_url": "http://example.com/pull"}}"#;
        assert_eq!(inferred(manifest), Ok("manifest"));
        let decoded = Kind::Manifest.check(manifest, 100).ok().unwrap();
        let violations: Vec<(String, &str)> = decoded
            .violations
            .iter()
            .map(|v| (v.path().to_string(), v.code()))
            .collect();
        assert_eq!(violations, [("/urls/pull_url".to_owned(), "https")]);
    }

    #[test]
    fn new_kinds_report_their_violations() {
        let pull = format!(
            r#"{{"external_resources": [{}], "state": "{}"}}"#,
            [RESOURCE; 201].join(","),
            "é".repeat(5001)
        );
        let decoded = Kind::Pull.check(&pull, 100).ok().unwrap();
        let paths: Vec<String> = decoded
            .violations
            .iter()
            .map(|v| v.path().to_string())
            .collect();
        assert_eq!(paths, ["/external_resources", "/state"]);

        let decoded = Kind::Channelback
            .check(r#"{"external_id": " m", "allow_channel_back": true}"#, 100)
            .ok()
            .unwrap();
        assert_eq!(decoded.violations.len(), 1);
        assert_eq!(decoded.findings.unknown_keys.len(), 1);
    }
}
