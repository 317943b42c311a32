//! The `data` of each event type Zendesk documents, typed by the event's `type_id`.

use std::fmt;

use serde::{Deserialize, Serialize};

use serde_json::value::RawValue;

use super::extra::{
    inspect_extra, inspect_extra_of_items, keep_extra, keep_extra_of_items, open, Members, Open,
};
use super::resources::ResourcesCreatedData;
use super::ExtraMembers;
use crate::redact;
use crate::zendesk_url::absolute_url;
use crate::{Inspect, JsonText, PathSegment, Validate};

/// An event's `type_id` and its `data`, typed by it. On the wire, `type_id` is a member of the
/// event and `data` another.
///
/// Every type Zendesk's schemas list has a variant; an event of another type is an
/// [`Event::Unknown`](super::Event::Unknown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(tag = "type_id", content = "data", rename_all = "snake_case")]
pub enum EventData {
    /// The integration was installed in an account (`create_integration`).
    CreateIntegration(#[validate(nested)] IntegrationData),
    /// The integration was uninstalled from an account (`destroy_integration`).
    DestroyIntegration(#[validate(nested)] IntegrationData),
    /// An admin added an instance (an account of the origin service)
    /// (`create_integration_instance`).
    CreateIntegrationInstance(#[validate(nested)] InstanceData),
    /// An instance was turned on (`activate_integration_instance`).
    ActivateIntegrationInstance(#[validate(nested)] InstanceData),
    /// An instance was turned off, by an admin through the API or by Zendesk after errors
    /// (`deactivate_integration_instance`).
    DeactivateIntegrationInstance(#[validate(nested)] DeactivationData),
    /// An instance was removed (`destroy_integration_instance`).
    DestroyIntegrationInstance(#[validate(nested)] InstanceData),
    /// A user identity of the origin service was deleted in Zendesk
    /// (`destroy_user_identity`).
    DestroyUserIdentity(#[validate(nested)] UserIdentityData),
    /// Zendesk called the `pull_url` (`pull_request`).
    PullRequest(#[validate(nested)] PullRequestData),
    /// Zendesk called the `channelback_url` (`channelback`).
    Channelback(#[validate(nested)] ChannelbackData),
    /// Zendesk made tickets and comments from pushed or pulled resources
    /// (`resources_created_from_external_ids`).
    ResourcesCreatedFromExternalIds(#[validate(nested)] ResourcesCreatedData),
}

impl EventData {
    /// Every `type_id` this crate types, as on the wire.
    pub const TYPE_IDS: [&'static str; 10] = [
        "create_integration",
        "destroy_integration",
        "create_integration_instance",
        "activate_integration_instance",
        "deactivate_integration_instance",
        "destroy_integration_instance",
        "destroy_user_identity",
        "pull_request",
        "channelback",
        "resources_created_from_external_ids",
    ];

    /// The event's `type_id`, as on the wire.
    pub fn type_id(&self) -> &'static str {
        let index = match self {
            EventData::CreateIntegration(_) => 0,
            EventData::DestroyIntegration(_) => 1,
            EventData::CreateIntegrationInstance(_) => 2,
            EventData::ActivateIntegrationInstance(_) => 3,
            EventData::DeactivateIntegrationInstance(_) => 4,
            EventData::DestroyIntegrationInstance(_) => 5,
            EventData::DestroyUserIdentity(_) => 6,
            EventData::PullRequest(_) => 7,
            EventData::Channelback(_) => 8,
            EventData::ResourcesCreatedFromExternalIds(_) => 9,
        };
        Self::TYPE_IDS[index]
    }

    /// Fills in the extra members of the data, decoded from `json`.
    pub(super) fn keep_extra(&mut self, json: &RawValue) {
        match self {
            EventData::CreateIntegration(data) | EventData::DestroyIntegration(data) => {
                keep_extra(data, json);
            }
            EventData::CreateIntegrationInstance(data)
            | EventData::ActivateIntegrationInstance(data)
            | EventData::DestroyIntegrationInstance(data) => keep_extra(data, json),
            EventData::DeactivateIntegrationInstance(data) => keep_extra(data, json),
            EventData::DestroyUserIdentity(data) => keep_extra(data, json),
            EventData::PullRequest(data) => keep_extra(data, json),
            EventData::Channelback(data) => keep_extra(data, json),
            EventData::ResourcesCreatedFromExternalIds(data) => keep_extra(data, json),
        }
    }

    /// Tells `inspect` of the extra members of the data, at `at`.
    pub(super) fn inspect_extra(&self, at: &mut Vec<PathSegment>, inspect: &mut dyn Inspect) {
        match self {
            EventData::CreateIntegration(data) | EventData::DestroyIntegration(data) => {
                inspect_extra(data, at, inspect);
            }
            EventData::CreateIntegrationInstance(data)
            | EventData::ActivateIntegrationInstance(data)
            | EventData::DestroyIntegrationInstance(data) => inspect_extra(data, at, inspect),
            EventData::DeactivateIntegrationInstance(data) => inspect_extra(data, at, inspect),
            EventData::DestroyUserIdentity(data) => inspect_extra(data, at, inspect),
            EventData::PullRequest(data) => inspect_extra(data, at, inspect),
            EventData::Channelback(data) => inspect_extra(data, at, inspect),
            EventData::ResourcesCreatedFromExternalIds(data) => inspect_extra(data, at, inspect),
        }
    }

    /// Whether `type_id` is one that this crate types.
    pub fn is_known_type(type_id: &str) -> bool {
        Self::TYPE_IDS.contains(&type_id)
    }
}

/// The `data` of `create_integration` and `destroy_integration`.
///
/// | field | rule |
/// |---|---|
/// | `manifest_url` | required key; an absolute https URL (schema: `https-url`; code `absolute_url` for a relative one) |
///
/// Source: the schemas `event_callback_create_integration.json` and
/// `event_callback_destroy_integration.json` (`required`, format `https-url`). The format lets
/// a relative reference pass, since Zendesk resolves what an integration sends against the
/// integration's address; a URL that Zendesk sends has nothing to be resolved against, so the
/// format's stricter reading ("uses the HTTPS scheme") applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct IntegrationData {
    /// The URL of the integration's manifest.
    #[validate(required, https, custom = absolute_url)]
    pub manifest_url: String,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// The `data` of `create_integration_instance`, `activate_integration_instance` and
/// `destroy_integration_instance`.
///
/// | field | rule |
/// |---|---|
/// | `metadata` | required key; ≤ 5000 characters (see [`JsonText`]) |
///
/// Source: the schemas `event_callback_create_integration_instance.json`,
/// `event_callback_activate_integration_instance.json` and
/// `event_callback_destroy_integration_instance.json` (`required`). They type `metadata` as
/// a string without a length; it is the metadata Zendesk stores for the instance, which holds
/// at most 5000 characters wherever it is set or sent (the pull endpoint and channelback
/// docs; schemas `pull_payload.json` and `channelback_payload_v2.json`: `maxLength: 5000`),
/// and the stricter rule applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct InstanceData {
    /// The instance's metadata, as the admin UI stored it.
    #[validate(max_length = 5000)]
    pub metadata: JsonText,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// The `data` of `deactivate_integration_instance`.
///
/// | field | rule |
/// |---|---|
/// | `metadata` | required key; ≤ 5000 characters (as for [`InstanceData`]) |
/// | `deactivated_by` | required key; `error` or `api` |
/// | `deactivating_error` | optional |
///
/// Source: the schema `event_callback_deactivate_integration_instance.json` (`required`, and
/// `enum` for `deactivated_by`); the length of `metadata` as for [`InstanceData`].
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct DeactivationData {
    /// The instance's metadata, as the admin UI stored it.
    #[validate(max_length = 5000)]
    pub metadata: JsonText,
    /// Who turned the instance off.
    pub deactivated_by: DeactivatedBy,
    /// What went wrong, when Zendesk turned the instance off after errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deactivating_error: Option<String>,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// Shows the error's length, not its text, which may quote the origin service.
impl fmt::Debug for DeactivationData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeactivationData")
            .field("metadata", &self.metadata)
            .field("deactivated_by", &self.deactivated_by)
            .field(
                "deactivating_error",
                &redact::chars(self.deactivating_error.as_deref()),
            )
            .field("extra", &self.extra)
            .finish()
    }
}

/// Who turned an integration instance off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeactivatedBy {
    /// Zendesk, after the integration kept failing (`error`).
    Error,
    /// Someone, through Zendesk's API (`api`).
    Api,
}

/// The `data` of `destroy_user_identity`.
///
/// | field | rule |
/// |---|---|
/// | `author` | required key; its `external_id` a required key |
/// | `metadata` | optional; ≤ 5000 characters (as for [`InstanceData`]) |
///
/// Source: the schema `event_callback_destroy_user.json` (`required`); the length of
/// `metadata` as for [`InstanceData`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct UserIdentityData {
    /// The user whose identity was deleted.
    pub author: IdentityAuthor,
    /// The instance's metadata, as the admin UI stored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub metadata: Option<JsonText>,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// The user of a `destroy_user_identity` event.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityAuthor {
    /// The user's id in the origin service, as the integration pushed it.
    pub external_id: String,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// Shows the id's length: a user's id in the origin service is often a phone number or an
/// address.
impl fmt::Debug for IdentityAuthor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityAuthor")
            .field("external_id", &redact::Chars(&self.external_id))
            .field("extra", &self.extra)
            .finish()
    }
}

/// The `data` of `pull_request`: Zendesk called the `pull_url`.
///
/// | field | rule |
/// |---|---|
/// | `integration_instance_name` | required key |
/// | `url` | required key; an absolute https URL (schema: `https-url`; code `absolute_url` for a relative one) |
/// | `request_id` | required key |
/// | `duplicate_external_ids` | required key; each with `external_id` and `request_id`, optional `ticket_id` and `comment_id` |
///
/// Source: the schema `event_callback_pull_request.json` (`required`, format `https-url`, read
/// strictly as for [`IntegrationData`]: Zendesk sends the URL).
///
/// Its `Debug` shows the length of `integration_instance_name`, not the name: it is the
/// account's name, as an admin typed it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct PullRequestData {
    /// The name of the instance that was pulled.
    pub integration_instance_name: String,
    /// The URL Zendesk called.
    #[validate(required, https, custom = absolute_url)]
    pub url: String,
    /// The id of the pull request.
    pub request_id: String,
    /// Resources of the answer that Zendesk had already made tickets or comments of.
    pub duplicate_external_ids: Vec<DuplicateExternalId>,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// A resource that Zendesk skipped because it already had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateExternalId {
    /// The resource's `external_id`.
    pub external_id: String,
    /// The id of the request that carried it again.
    pub request_id: String,
    /// The ticket the resource already is, or is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<u64>,
    /// The comment the resource already is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_id: Option<u64>,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// The `data` of `channelback`: Zendesk called the `channelback_url`.
///
/// | field | rule |
/// |---|---|
/// | `integration_instance_name` | required key |
/// | `url` | required key; an absolute https URL (schema: `https-url`; code `absolute_url` for a relative one) |
/// | `request_id` | required key |
///
/// Source: the schema `event_callback_channelback.json` (`required`, format `https-url`, read
/// strictly as for [`IntegrationData`]: Zendesk sends the URL).
///
/// Its `Debug` shows the length of `integration_instance_name`, not the name: it is the
/// account's name, as an admin typed it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct ChannelbackData {
    /// The name of the instance the channelback went to.
    pub integration_instance_name: String,
    /// The URL Zendesk called.
    #[validate(required, https, custom = absolute_url)]
    pub url: String,
    /// The id of the channelback request.
    pub request_id: String,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// Shows the instance's name as its length: it is the account's name.
impl fmt::Debug for PullRequestData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PullRequestData")
            .field(
                "integration_instance_name",
                &redact::Chars(&self.integration_instance_name),
            )
            .field("url", &self.url)
            .field("request_id", &self.request_id)
            .field("duplicate_external_ids", &self.duplicate_external_ids)
            .field("extra", &self.extra)
            .finish()
    }
}

/// Shows the instance's name as its length: it is the account's name.
impl fmt::Debug for ChannelbackData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChannelbackData")
            .field(
                "integration_instance_name",
                &redact::Chars(&self.integration_instance_name),
            )
            .field("url", &self.url)
            .field("request_id", &self.request_id)
            .field("extra", &self.extra)
            .finish()
    }
}

open!(
    IntegrationData,
    InstanceData,
    DeactivationData,
    IdentityAuthor,
    DuplicateExternalId,
    ChannelbackData,
);

impl Open for UserIdentityData {
    fn extra_members(&self) -> &ExtraMembers {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut ExtraMembers {
        &mut self.extra
    }

    fn keep_nested(&mut self, members: &Members) {
        if let Some(author) = members.get("author") {
            keep_extra(&mut self.author, author);
        }
    }

    fn inspect_nested(&self, at: &mut Vec<PathSegment>, inspect: &mut dyn Inspect) {
        at.push(PathSegment::Key("author".into()));
        inspect_extra(&self.author, at, inspect);
        at.pop();
    }
}

impl Open for PullRequestData {
    fn extra_members(&self) -> &ExtraMembers {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut ExtraMembers {
        &mut self.extra
    }

    fn keep_nested(&mut self, members: &Members) {
        let items = members.get("duplicate_external_ids");
        keep_extra_of_items(&mut self.duplicate_external_ids, items);
    }

    fn inspect_nested(&self, at: &mut Vec<PathSegment>, inspect: &mut dyn Inspect) {
        at.push(PathSegment::Key("duplicate_external_ids".into()));
        inspect_extra_of_items(&self.duplicate_external_ids, at, inspect);
        at.pop();
    }
}
