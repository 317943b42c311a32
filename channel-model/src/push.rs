//! `POST /api/v2/any_channel/push`: the request that turns external resources into tickets
//! and comments.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::validated;
use crate::{redact, DisplayData, PathSegment, Validate, Validated, ValidationErrors, Violation};

/// The body of `POST /api/v2/any_channel/push`.
///
/// | field | rule | source |
/// |---|---|---|
/// | `instance_push_id` | required, ≤ 255 characters | reference (required); schema `push_parameters.json` (`minLength: 1`, `maxLength: 255`) |
/// | `request_id` | optional; non-empty, ≤ 64 characters | schema `push_parameters.json` (`minLength: 1`, `maxLength: 64`) |
/// | `external_resources` | required, 1 to [`MAX_RESOURCES`](Self::MAX_RESOURCES) items, each valid | reference (required); schema `push_parameters.json` (`maxItems: 256`); at least one is the model's own: an empty push does nothing |
///
/// The sources are named as in the crate's [limits and their sources](crate#limits-and-their-sources).
///
/// Its `Debug` redacts the resources' text, as the crate root's "What `Debug` shows" says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct PushRequest {
    /// The account to push to, handed to the integration when the admin set the account up.
    #[validate(required, max_length = 255)]
    pub instance_push_id: String,
    /// A unique identifier for this push request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 64)]
    pub request_id: Option<String>,
    /// The resources to push, each becoming a ticket or a comment.
    #[validate(required, max_length = 256, nested)]
    pub external_resources: Vec<ExternalResource>,
}

impl PushRequest {
    /// The most resources one request may carry (schema `push_parameters.json`: `maxItems: 256`).
    pub const MAX_RESOURCES: usize = 256;

    /// A push of `external_resources` to the account `instance_push_id`.
    pub fn new(
        instance_push_id: impl Into<String>,
        external_resources: impl IntoIterator<Item = ExternalResource>,
    ) -> Self {
        PushRequest {
            instance_push_id: instance_push_id.into(),
            request_id: None,
            external_resources: external_resources.into_iter().collect(),
        }
    }

    /// Sets the request's unique identifier.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Splits the push into requests of at most [`MAX_RESOURCES`](Self::MAX_RESOURCES)
    /// resources each, in order. See [`split_by`](Self::split_by).
    pub fn split(self) -> Vec<PushRequest> {
        self.split_by(Self::MAX_RESOURCES)
    }

    /// Splits the push into requests of at most `max_resources` resources each (taken as 1
    /// to [`MAX_RESOURCES`](Self::MAX_RESOURCES)), keeping their order, all to the same
    /// account.
    ///
    /// A push that fits is returned as it is. Otherwise the parts have no `request_id`: it
    /// identifies one request, and each part is a request of its own.
    ///
    /// ```
    /// use channel_model::{Author, ExternalResource, PushRequest};
    /// use chrono::Utc;
    ///
    /// let resources = (0..600).map(|i| ExternalResource::new(i.to_string(), "hi", Utc::now(), Author::new("u")));
    /// let parts = PushRequest::new("acct", resources).split();
    /// let sizes: Vec<usize> = parts.iter().map(|p| p.external_resources.len()).collect();
    /// assert_eq!(sizes, [256, 256, 88]);
    /// ```
    pub fn split_by(self, max_resources: usize) -> Vec<PushRequest> {
        let max = max_resources.clamp(1, Self::MAX_RESOURCES);
        if self.external_resources.len() <= max {
            return vec![self];
        }
        let mut parts = Vec::with_capacity(self.external_resources.len().div_ceil(max));
        let mut resources = self.external_resources.into_iter().peekable();
        while resources.peek().is_some() {
            let part: Vec<ExternalResource> = resources.by_ref().take(max).collect();
            parts.push(PushRequest::new(self.instance_push_id.clone(), part));
        }
        parts
    }

    /// [`split`](Self::split)s the push and validates every part, so that a push of any size
    /// can be sent as valid requests.
    ///
    /// The violations of all parts are returned together, with paths in this push: the
    /// resource at `/external_resources/300` is named so, not by its place in its part. The
    /// push's own fields (the same in every part) are reported once.
    ///
    /// ```
    /// use channel_model::{Author, ExternalResource, PushRequest};
    /// use chrono::Utc;
    ///
    /// let resource = |id: String| ExternalResource::new(id, "hi", Utc::now(), Author::new("u"));
    /// let mut resources: Vec<ExternalResource> = (0..600).map(|i| resource(i.to_string())).collect();
    /// let parts = PushRequest::new("acct", resources.clone()).split_validated().unwrap();
    /// assert_eq!(parts.len(), 3);
    ///
    /// resources[300].external_id = " 300".into();
    /// let errors = PushRequest::new("acct", resources).split_validated().unwrap_err();
    /// assert_eq!(errors.iter().next().unwrap().path().to_string(), "/external_resources/300/external_id");
    /// ```
    pub fn split_validated(self) -> Result<Vec<Validated<PushRequest>>, ValidationErrors> {
        let parts = self.split();
        let mut errors = ValidationErrors::new();
        let mut offset = 0;
        for (n, part) in parts.iter().enumerate() {
            if let Err(part_errors) = part.validate() {
                for violation in part_errors {
                    match shifted(&violation, offset) {
                        Some(violation) => errors.push(violation),
                        None if n == 0 => errors.push(violation),
                        None => {}
                    }
                }
            }
            offset += part.external_resources.len();
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Every part was validated just above.
        Ok(parts.into_iter().map(validated::from_valid_parts).collect())
    }
}

/// `violation` of a resource of a part that starts at `offset`, with the resource's index in
/// the whole push; `None` for a violation of the push's own fields.
fn shifted(violation: &Violation, offset: usize) -> Option<Violation> {
    let [PathSegment::Key(key), PathSegment::Index(index), rest @ ..] = violation.path().segments()
    else {
        return None;
    };
    if key != "external_resources" {
        return None;
    }
    let mut segments = vec![
        PathSegment::Key(key.clone()),
        PathSegment::Index(index + offset),
    ];
    segments.extend_from_slice(rest);
    Some(Violation::new(segments.into(), violation.kind().clone()))
}

impl Validated<PushRequest> {
    /// A push of the resources that `keep` selects (given each resource's index and the
    /// resource), in their order, to the same account and without `request_id` (it names
    /// another request); `None` when none is selected.
    ///
    /// The result is valid without a new validation: each resource passed its rules, and
    /// fewer of them (at least one) stay within the push's. A client uses it to send again
    /// the resources whose results say so (see [`PushReport`](crate::PushReport)).
    ///
    /// ```
    /// use channel_model::{Author, ExternalResource, PushRequest, Validated};
    /// use chrono::Utc;
    ///
    /// let resource = |id: &str| ExternalResource::new(id, "hi", Utc::now(), Author::new("u"));
    /// let push = Validated::new(PushRequest::new("acct", [resource("a"), resource("b")])).unwrap();
    /// let again = push.select(|index, _| index == 1).unwrap();
    /// assert_eq!(again.external_resources[0].external_id, "b");
    /// assert!(push.select(|_, _| false).is_none());
    /// ```
    pub fn select(
        &self,
        mut keep: impl FnMut(usize, &ExternalResource) -> bool,
    ) -> Option<Validated<PushRequest>> {
        let resources: Vec<ExternalResource> = (self.external_resources.iter().enumerate())
            .filter(|(index, resource)| keep(*index, resource))
            .map(|(_, resource)| resource.clone())
            .collect();
        let push = PushRequest::new(self.instance_push_id.clone(), resources);
        (!push.external_resources.is_empty()).then(|| validated::from_valid_parts(push))
    }
}

/// A message from the origin service that becomes a ticket or a comment.
///
/// | field | rule | source |
/// |---|---|---|
/// | `external_id` | required, ASCII, trimmed, ≤ 255 characters | reference (ASCII, max length 255); schema `external_resource.json` (`minLength: 1`, `maxLength: 255`, format `external-id`: trimmed) |
/// | `message` | required, ≤ 65535 characters | reference (max length 65535); schema `external_resource.json` (`minLength: 1`, `maxLength: 65535`) |
/// | `html_message` | optional; non-empty, ≤ 65535 characters | reference (max length); schema `external_resource.json` (`minLength`, `maxLength`) |
/// | `parent_id`, `thread_id` | optional; non-empty, trimmed, ≤ 255 characters; not both | reference (not both; `thread_id` max length 255); schema `external_resource.json` (`minLength: 1`, `maxLength: 255`, format `external-id`) |
/// | `created_at` | required; RFC 3339 on input, sent in UTC with `Z` | reference (ISO 8601 extended date-time); schema `external_resource.json` (format `date-time`, `maxLength: 255`) |
/// | `author` | required, valid | reference; schema `external_resource.json` (`required`) |
/// | `display_info` | optional; ≤ 16 items, each valid | schema `external_resource.json` (`maxItems: 16`) |
/// | `fields` | optional; ≤ 64 items, each valid | schema `external_resource.json` (`maxItems: 64`) |
/// | `file_urls` | optional; ≤ 10 items, each a non-empty https URL (or a relative reference) of ≤ 511 characters | reference (10 items); schema `external_resource.json` (`maxItems: 64`; items format `https-url`, `maxLength: 511`) |
///
/// Where the sources differ, the stricter rule applies, so that a resource that passes here
/// passes both: `parent_id` may have 511 characters by the reference but 255 by the schema
/// (and it names an `external_id`, itself at most 255), and `file_urls` may have 64 items by
/// the schema but 10 by the reference.
///
/// ```
/// use channel_model::{Author, ExternalResource};
/// use chrono::{TimeZone, Utc};
///
/// let created_at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
/// let resource = ExternalResource::new("msg-2", "Any news?", created_at, Author::new("user-1"))
///     .with_parent_id("msg-1")
///     .with_file_urls(["https://example.com/files/receipt.pdf"]);
/// assert_eq!(resource.parent_id.as_deref(), Some("msg-1"));
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
#[validate(exclusive(parent_id, thread_id))]
pub struct ExternalResource {
    /// The resource's unique id in the origin service.
    #[validate(required, ascii, trimmed, max_length = 255)]
    pub external_id: String,
    /// When `true`, the resource becomes an internal note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_note: Option<bool>,
    /// The text that becomes the ticket or comment.
    #[validate(required, max_length = 65535)]
    pub message: String,
    /// An HTML version of `message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 65535)]
    pub html_message: Option<String>,
    /// The `external_id` of the resource this one answers; it picks the thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, trimmed, max_length = 255)]
    pub parent_id: Option<String>,
    /// An id of the thread this resource belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, trimmed, max_length = 255)]
    pub thread_id: Option<String>,
    /// When the resource was created in the origin service.
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// Who wrote it.
    #[validate(nested)]
    pub author: Author,
    /// Integration-specific data that apps use to change the agent's view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 16, nested)]
    pub display_info: Option<Vec<DisplayInfo>>,
    /// When `false`, agents cannot answer the resource from Zendesk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_channelback: Option<bool>,
    /// Ticket fields to set; applied only when the resource creates a ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 64, nested)]
    pub fields: Option<Vec<Field>>,
    /// Files for Zendesk to import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 10, each(non_empty, https, max_length = 511))]
    pub file_urls: Option<Vec<String>>,
}

impl ExternalResource {
    /// A resource with its required fields; the optional ones are unset.
    pub fn new(
        external_id: impl Into<String>,
        message: impl Into<String>,
        created_at: DateTime<Utc>,
        author: Author,
    ) -> Self {
        ExternalResource {
            external_id: external_id.into(),
            internal_note: None,
            message: message.into(),
            html_message: None,
            parent_id: None,
            thread_id: None,
            created_at,
            author,
            display_info: None,
            allow_channelback: None,
            fields: None,
            file_urls: None,
        }
    }

    /// Makes the resource an internal note (`true`) or a public comment (`false`).
    pub fn with_internal_note(mut self, internal_note: bool) -> Self {
        self.internal_note = Some(internal_note);
        self
    }

    /// Sets the HTML version of the message.
    pub fn with_html_message(mut self, html_message: impl Into<String>) -> Self {
        self.html_message = Some(html_message.into());
        self
    }

    /// Sets the `external_id` of the resource this one answers.
    pub fn with_parent_id(mut self, parent_id: impl Into<String>) -> Self {
        self.parent_id = Some(parent_id.into());
        self
    }

    /// Sets the id of the thread this resource belongs to.
    pub fn with_thread_id(mut self, thread_id: impl Into<String>) -> Self {
        self.thread_id = Some(thread_id.into());
        self
    }

    /// Sets the display hints.
    pub fn with_display_info(
        mut self,
        display_info: impl IntoIterator<Item = DisplayInfo>,
    ) -> Self {
        self.display_info = Some(display_info.into_iter().collect());
        self
    }

    /// Allows (`true`) or forbids (`false`) agents to answer from Zendesk.
    pub fn with_allow_channelback(mut self, allow_channelback: bool) -> Self {
        self.allow_channelback = Some(allow_channelback);
        self
    }

    /// Sets the ticket fields.
    pub fn with_fields(mut self, fields: impl IntoIterator<Item = Field>) -> Self {
        self.fields = Some(fields.into_iter().collect());
        self
    }

    /// Sets the URLs of files for Zendesk to import.
    pub fn with_file_urls<S: Into<String>>(
        mut self,
        file_urls: impl IntoIterator<Item = S>,
    ) -> Self {
        self.file_urls = Some(file_urls.into_iter().map(Into::into).collect());
        self
    }
}

/// The ids, flags, date and counts; the text (`message`, `html_message`, `file_urls`) as its
/// length.
impl fmt::Debug for ExternalResource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ExternalResource {
            external_id,
            internal_note,
            message,
            html_message,
            parent_id,
            thread_id,
            created_at,
            author,
            display_info,
            allow_channelback,
            fields,
            file_urls,
        } = self;
        f.debug_struct("ExternalResource")
            .field("external_id", external_id)
            .field("internal_note", internal_note)
            .field("message", &redact::Chars(message))
            .field("html_message", &redact::chars(html_message.as_deref()))
            .field("parent_id", parent_id)
            .field("thread_id", thread_id)
            .field("created_at", created_at)
            .field("author", author)
            .field("display_info", display_info)
            .field("allow_channelback", allow_channelback)
            .field("fields", fields)
            .field("file_urls", &redact::texts(file_urls.as_deref()))
            .finish()
    }
}

/// The author of an [`ExternalResource`]: a user of the origin service.
///
/// | field | rule | source |
/// |---|---|---|
/// | `external_id` | required, trimmed, ≤ 255 characters | reference (max chars 255); schema `external_resource.json`, `author` (`minLength: 1`, `maxLength: 255`, format `external-id`) |
/// | `name`, `image_url`, `locale` | optional; non-empty, ≤ 255 characters | reference (max chars 255); schema `external_resource.json`, `author` (`minLength: 1`; `maxLength: 255`, 511 for `image_url`) |
/// | `fields` | optional; ≤ 64 items, each valid | schema `external_resource.json`, `author` (`maxItems: 64`) |
///
/// `image_url` may have 511 characters by the schema but 255 by the reference: the stricter
/// 255 applies.
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct Author {
    /// The user's unique id in the origin service.
    #[validate(required, trimmed, max_length = 255)]
    pub external_id: String,
    /// The user's name; Zendesk uses `external_id` when it is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 255)]
    pub name: Option<String>,
    /// The URL of an image of the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 255)]
    pub image_url: Option<String>,
    /// The user's locale; it must be one Zendesk supports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 255)]
    pub locale: Option<String>,
    /// User fields: system fields (`notes`, `details`) by English name, custom ones by id or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 64, nested)]
    pub fields: Option<Vec<Field>>,
}

impl Author {
    /// An author known by their id in the origin service.
    pub fn new(external_id: impl Into<String>) -> Self {
        Author {
            external_id: external_id.into(),
            name: None,
            image_url: None,
            locale: None,
            fields: None,
        }
    }

    /// Sets the user's name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the URL of the user's image.
    pub fn with_image_url(mut self, image_url: impl Into<String>) -> Self {
        self.image_url = Some(image_url.into());
        self
    }

    /// Sets the user's locale.
    pub fn with_locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Sets user fields.
    pub fn with_fields(mut self, fields: impl IntoIterator<Item = Field>) -> Self {
        self.fields = Some(fields.into_iter().collect());
        self
    }
}

/// The locale and the fields; who the user is (`external_id`, `name`, `image_url`) as
/// lengths.
impl fmt::Debug for Author {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Author {
            external_id,
            name,
            image_url,
            locale,
            fields,
        } = self;
        f.debug_struct("Author")
            .field("external_id", &redact::Chars(external_id))
            .field("name", &redact::chars(name.as_deref()))
            .field("image_url", &redact::chars(image_url.as_deref()))
            .field("locale", locale)
            .field("fields", fields)
            .finish()
    }
}

/// Integration-specific data that apps use to change the agent's view of a resource.
///
/// | field | rule | source |
/// |---|---|---|
/// | `type` | required, ≤ 255 characters | reference (max chars 255); schema `external_resource.json`, `display_info` (`minLength: 1`, `maxLength: 255`) |
/// | `data` | required; a JSON object of ≤ 65535 characters as compact JSON | reference (max chars 65535); schema `external_resource.json`, `display_info` (`type: object`); see [`DisplayData`] for why an object |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct DisplayInfo {
    /// A globally unique id of the kind of data, defined by the integration (a GUID or URI).
    #[validate(required, max_length = 255)]
    pub r#type: String,
    /// The display hints.
    #[validate(max_length = 65535)]
    pub data: DisplayData,
}

impl DisplayInfo {
    /// Display hints `data` of the kind `type`.
    pub fn new(r#type: impl Into<String>, data: DisplayData) -> Self {
        DisplayInfo {
            r#type: r#type.into(),
            data,
        }
    }
}

/// A ticket or user field to set: `{"id": ..., "value": ...}`.
///
/// | field | rule | source |
/// |---|---|---|
/// | `id` | required; an integer, or a name of 1 to 255 characters | schema `external_resource.json`, `field_value` (`type: [integer, string]`, `minLength: 1`, `maxLength: 255`); positive 64-bit integers, as Zendesk issues field ids |
/// | `value` | required; any JSON value | schema `external_resource.json`, `field_value` (`required`, `type: any`) |
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct Field {
    /// Which field: a custom field's numeric id, or a system or custom field's name.
    #[validate(nested)]
    pub id: FieldId,
    /// The value to set.
    pub value: serde_json::Value,
}

impl Field {
    /// Sets the field `id` to `value`.
    pub fn new(id: impl Into<FieldId>, value: impl Into<serde_json::Value>) -> Self {
        Field {
            id: id.into(),
            value: value.into(),
        }
    }
}

/// The id; the value as its JSON type and size.
impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Field { id, value } = self;
        f.debug_struct("Field")
            .field("id", id)
            .field("value", &redact::Json(value))
            .finish()
    }
}

/// Which field a [`Field`] sets: a numeric id, or a name.
///
/// On the wire it is a JSON integer or a JSON string. A name must have 1 to 255 characters.
/// Zendesk's field ids are positive 64-bit integers: an integer outside them (negative, `-0`
/// included, or beyond 18446744073709551615) decodes as [`OutOfRange`](FieldId::OutOfRange),
/// which `validate()` reports at its path with the code `field_id`, rather than making the
/// whole document undecodable.
///
/// ```
/// use channel_model::{FieldId, Validate};
///
/// assert_eq!(channel_model::from_str::<FieldId>("360001").unwrap(), FieldId::Id(360001));
/// assert_eq!(channel_model::from_str::<FieldId>(r#""subject""#).unwrap(), FieldId::from("subject"));
/// let negative = channel_model::from_str::<FieldId>("-1").unwrap();
/// assert!(matches!(negative, FieldId::OutOfRange(_)));
/// assert_eq!(negative.validate().unwrap_err().iter().next().unwrap().code(), "field_id");
/// assert!(channel_model::from_str::<FieldId>("1.5").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Validate)]
#[serde(untagged)]
pub enum FieldId {
    /// A custom field's numeric id.
    Id(u64),
    /// A system field's English name (such as `subject`), or a custom field's name.
    Name(#[validate(required, max_length = 255)] String),
    /// An integer that no Zendesk field has as its id: never valid, kept (and written back
    /// as it was read) so that the violation names its path.
    OutOfRange(#[validate(custom = out_of_range)] serde_json::Number),
}

/// The rule of [`FieldId::OutOfRange`]: it always fails.
fn out_of_range(_: &serde_json::Number) -> Result<(), crate::CustomError> {
    Err(crate::CustomError::new(
        "field_id",
        "must be a field id: an integer from 0 to 18446744073709551615, or a name",
    ))
}

impl From<u64> for FieldId {
    fn from(id: u64) -> Self {
        FieldId::Id(id)
    }
}

impl From<&str> for FieldId {
    fn from(name: &str) -> Self {
        FieldId::Name(name.to_owned())
    }
}

impl From<String> for FieldId {
    fn from(name: String) -> Self {
        FieldId::Name(name)
    }
}

impl<'de> Deserialize<'de> for FieldId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = FieldId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field id: an integer from 0 to 18446744073709551615, or a name")
            }

            fn visit_u64<E: de::Error>(self, id: u64) -> Result<FieldId, E> {
                Ok(FieldId::Id(id))
            }

            fn visit_i64<E: de::Error>(self, id: i64) -> Result<FieldId, E> {
                Ok(u64::try_from(id).map_or(FieldId::OutOfRange(id.into()), FieldId::Id))
            }

            /// serde_json reads `-0` and integers beyond 64 bits as floating point.
            fn visit_f64<E: de::Error>(self, number: f64) -> Result<FieldId, E> {
                const BEYOND_U64: f64 = 18_446_744_073_709_551_616.0;
                let integer = number.is_finite() && number.fract() == 0.0;
                match serde_json::Number::from_f64(number) {
                    Some(kept)
                        if integer && (number.is_sign_negative() || number >= BEYOND_U64) =>
                    {
                        Ok(FieldId::OutOfRange(kept))
                    }
                    _ => Err(E::invalid_type(de::Unexpected::Float(number), &self)),
                }
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<FieldId, E> {
                Ok(FieldId::Name(name.to_owned()))
            }

            fn visit_string<E: de::Error>(self, name: String) -> Result<FieldId, E> {
                Ok(FieldId::Name(name))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}
