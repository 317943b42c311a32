//! The integration manifest: the JSON document that tells Zendesk what an integration is and
//! where its endpoints are.

use serde::{Deserialize, Serialize};

use crate::Validate;

/// The integration manifest, which the integration serves and Zendesk reads when the
/// integration is installed.
///
/// | field | rule | source |
/// |---|---|---|
/// | `name` | required, ≤ 255 characters | manifest docs; schema `manifest.json` (`minLength: 1`, `maxLength: 255`) |
/// | `id` | required, ≤ 511 characters | manifest docs; schema `manifest.json` (`minLength: 1`, `maxLength: 511`) |
/// | `version`, `author` | optional; non-empty, ≤ 255 characters | schema `manifest.json` (`minLength: 1`, `maxLength: 255`) |
/// | `push_client_id` | optional; non-empty, ≤ 127 characters | manifest docs (127); schema `manifest.json` (`minLength: 1`, `maxLength: 128`) |
/// | `channelback_files` | optional boolean | manifest docs; schema `manifest.json` |
/// | `create_followup_tickets` | optional boolean | manifest docs; schema `manifest.json` |
/// | `urls` | required, valid | manifest docs; schema `manifest.json` (`required`) |
///
/// `push_client_id` may have 127 characters by Zendesk's docs and 128 by its schema: the
/// stricter 127 applies.
///
/// ```
/// use channel_model::{Manifest, ManifestUrls, Validate};
///
/// let urls = ManifestUrls::new("https://example.com/zendesk/admin")
///     .with_pull_url("https://example.com/zendesk/pull")
///     .with_channelback_url("http://example.com/zendesk/channelback");
/// let manifest = Manifest::new("Example chat", "com.example.chat", urls)
///     .with_author("Example Inc.")
///     .with_version("v1.0.0")
///     .with_channelback_files(true);
/// let errors = manifest.validate().unwrap_err();
/// assert_eq!(
///     errors.to_string(),
///     "/urls/channelback_url: must be an https URL (an absolute URL needs the https scheme and a host)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct Manifest {
    /// The integration's name, shown to Zendesk admins.
    #[validate(required, max_length = 255)]
    pub name: String,
    /// The integration's unique id, such as a reverse domain name.
    #[validate(required, max_length = 511)]
    pub id: String,
    /// The integration's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 255)]
    pub version: Option<String>,
    /// Who wrote the integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 255)]
    pub author: Option<String>,
    /// The OAuth client id of the integration's pushes; needed to push.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, max_length = 127)]
    pub push_client_id: Option<String>,
    /// When `true`, channelbacks carry the URLs of the files attached to the agent's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channelback_files: Option<bool>,
    /// When `true`, Zendesk makes a follow-up ticket when a resource answers a closed ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_followup_tickets: Option<bool>,
    /// The integration's endpoints.
    #[validate(nested)]
    pub urls: ManifestUrls,
}

impl Manifest {
    /// A manifest with its required fields; the optional ones are unset.
    pub fn new(name: impl Into<String>, id: impl Into<String>, urls: ManifestUrls) -> Self {
        Manifest {
            name: name.into(),
            id: id.into(),
            version: None,
            author: None,
            push_client_id: None,
            channelback_files: None,
            create_followup_tickets: None,
            urls,
        }
    }

    /// Sets the integration's version.
    pub fn with_version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Sets who wrote the integration.
    pub fn with_author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }

    /// Sets the OAuth client id of the integration's pushes.
    pub fn with_push_client_id(mut self, push_client_id: impl Into<String>) -> Self {
        self.push_client_id = Some(push_client_id.into());
        self
    }

    /// Asks for (`true`) or declines (`false`) the URLs of files attached to channelbacks.
    pub fn with_channelback_files(mut self, channelback_files: bool) -> Self {
        self.channelback_files = Some(channelback_files);
        self
    }

    /// Asks Zendesk to make (`true`) or not (`false`) follow-up tickets for closed ones.
    pub fn with_create_followup_tickets(mut self, create_followup_tickets: bool) -> Self {
        self.create_followup_tickets = Some(create_followup_tickets);
        self
    }
}

/// The endpoints of an integration, in its [`Manifest`].
///
/// | field | rule | source |
/// |---|---|---|
/// | `admin_ui` | required; an https URL (or a relative reference) of ≤ 511 characters | manifest docs; schema `manifest.json`, `urls` (`required`, format `https-url`, `maxLength: 511`) |
/// | `pull_url`, `channelback_url`, `clickthrough_url`, `healthcheck_url`, `about_url`, `dashboard_url`, `event_callback_url` | optional; a non-empty https URL (or a relative reference) of ≤ 511 characters | manifest docs; schema `manifest.json`, `urls` (format `https-url`, `maxLength: 511`) |
///
/// Zendesk refuses `http://` URLs. A relative reference (`./pull`, `/zendesk/pull`) passes:
/// Zendesk resolves it against the manifest's own https address, as in its sample
/// integration.
///
/// ```
/// use channel_model::{ManifestUrls, Validate};
///
/// let urls = ManifestUrls::new("./admin_ui").with_pull_url("./pull");
/// assert!(urls.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ManifestUrls {
    /// The page where an admin sets up an account of the integration.
    #[validate(required, https, max_length = 511)]
    pub admin_ui: String,
    /// The endpoint Zendesk polls for new resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, https, max_length = 511)]
    pub pull_url: Option<String>,
    /// The endpoint Zendesk posts agents' answers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, https, max_length = 511)]
    pub channelback_url: Option<String>,
    /// The endpoint that sends an agent to a resource in the origin service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, https, max_length = 511)]
    pub clickthrough_url: Option<String>,
    /// The endpoint Zendesk checks the integration's health with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, https, max_length = 511)]
    pub healthcheck_url: Option<String>,
    /// A page about the integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, https, max_length = 511)]
    pub about_url: Option<String>,
    /// A dashboard of the integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, https, max_length = 511)]
    pub dashboard_url: Option<String>,
    /// The endpoint Zendesk posts events to (an account made or removed, a channelback
    /// error, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, https, max_length = 511)]
    pub event_callback_url: Option<String>,
}

impl ManifestUrls {
    /// The endpoints of an integration whose admin page is at `admin_ui`; the others are unset.
    pub fn new(admin_ui: impl Into<String>) -> Self {
        ManifestUrls {
            admin_ui: admin_ui.into(),
            pull_url: None,
            channelback_url: None,
            clickthrough_url: None,
            healthcheck_url: None,
            about_url: None,
            dashboard_url: None,
            event_callback_url: None,
        }
    }

    /// Sets the pull endpoint.
    pub fn with_pull_url(mut self, pull_url: impl Into<String>) -> Self {
        self.pull_url = Some(pull_url.into());
        self
    }

    /// Sets the channelback endpoint.
    pub fn with_channelback_url(mut self, channelback_url: impl Into<String>) -> Self {
        self.channelback_url = Some(channelback_url.into());
        self
    }

    /// Sets the clickthrough endpoint.
    pub fn with_clickthrough_url(mut self, clickthrough_url: impl Into<String>) -> Self {
        self.clickthrough_url = Some(clickthrough_url.into());
        self
    }

    /// Sets the health check endpoint.
    pub fn with_healthcheck_url(mut self, healthcheck_url: impl Into<String>) -> Self {
        self.healthcheck_url = Some(healthcheck_url.into());
        self
    }

    /// Sets the about page.
    pub fn with_about_url(mut self, about_url: impl Into<String>) -> Self {
        self.about_url = Some(about_url.into());
        self
    }

    /// Sets the dashboard.
    pub fn with_dashboard_url(mut self, dashboard_url: impl Into<String>) -> Self {
        self.dashboard_url = Some(dashboard_url.into());
        self
    }

    /// Sets the event callback endpoint.
    pub fn with_event_callback_url(mut self, event_callback_url: impl Into<String>) -> Self {
        self.event_callback_url = Some(event_callback_url.into());
        self
    }
}
