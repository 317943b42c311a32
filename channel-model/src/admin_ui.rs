//! The admin UI: the page Zendesk opens (posting a form to the manifest's `admin_ui`) for an
//! admin to set up an account of the origin service ([`AdminUiRequest`]), and the form the page
//! posts back to Zendesk's `return_url` when the admin is done ([`ReturnForm`]).

mod access_token;
mod html;

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "form")]
use crate::form::{self, Fields, Form, FormError, FormField};
use crate::redact;
use crate::zendesk_url::absolute_url;
use crate::{CustomError, JsonText, Validate};

pub use access_token::AccessToken;

/// What Zendesk posts (form-encoded) to the manifest's `admin_ui` URL when an admin adds or
/// edits an account.
///
/// | field | rule |
/// |---|---|
/// | `return_url` | required key; an absolute https URL (code `absolute_url` for a relative one): where the [`ReturnForm`] goes |
/// | `subdomain` | required key: the Zendesk account (`example` for `example.zendesk.com`) |
/// | `locale` | required key: the admin's language, such as `en-US` |
/// | `name` | optional: the account's name, when editing one |
/// | `metadata`, `state` | optional; ≤ 5000 characters: what the integration stored, when editing |
/// | `instance_push_id` | optional: sent when the manifest has a `push_client_id` |
/// | `zendesk_access_token` | optional, secret: sent when the manifest has a `push_client_id` |
///
/// Source: the admin UI docs (the fields Zendesk posts, and 5000 characters for `metadata` and
/// `state`, as everywhere they are stored); `return_url` is checked as the schema format
/// `https-url`, read strictly: a relative reference passes that format only because Zendesk
/// resolves what an integration sends against the integration's address, and a URL Zendesk
/// sends has nothing to be resolved against. Zendesk publishes no schema for this form.
///
/// Decode the body with [`from_form`](Self::from_form). The JSON form (`Serialize`,
/// `Deserialize`) is for logs and tests: it never writes `zendesk_access_token`, and its
/// `Debug` shows neither the token nor the metadata and state.
///
/// ```
/// # #[cfg(feature = "form")] {
/// use channel_model::{AdminUiRequest, Validate};
///
/// let body = "name=&metadata=&state=&return_url=https%3A%2F%2Fexample.zendesk.com%2Fzendesk\
///             %2Fchannels%2Fintegration_service_instances%2Feditor_finalizer\
///             &subdomain=example&locale=en-US&instance_push_id=5ab9c7d0\
///             &zendesk_access_token=0123456789abcdef";
/// let request = AdminUiRequest::from_form(body).unwrap();
/// assert!(request.validate().is_ok());
/// assert_eq!(request.subdomain, "example");
/// let token = request.zendesk_access_token.as_ref().unwrap();
/// assert_eq!(token.expose_secret(), "0123456789abcdef");
/// assert!(!format!("{request:?}").contains("0123456789abcdef"));
/// # }
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct AdminUiRequest {
    /// The account's name, when an admin edits an account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The account's metadata, as the integration stored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub metadata: Option<JsonText>,
    /// The account's state, as the integration stored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 5000)]
    pub state: Option<JsonText>,
    /// Where the admin UI posts its [`ReturnForm`].
    #[validate(required, https, custom = absolute_url)]
    pub return_url: String,
    /// The Zendesk account's subdomain.
    pub subdomain: String,
    /// The admin's locale, such as `en-US`.
    pub locale: String,
    /// The account to push to, when the manifest has a `push_client_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_push_id: Option<String>,
    /// The token to push with, when the manifest has a `push_client_id`. Never serialized.
    #[serde(default, skip_serializing)]
    pub zendesk_access_token: Option<AccessToken>,
}

#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
impl AdminUiRequest {
    /// Decodes the form body Zendesk posts (`application/x-www-form-urlencoded`), as
    /// [`ChannelbackRequest::from_form`](crate::ChannelbackRequest::from_form) does.
    ///
    /// # Errors
    ///
    /// When `return_url`, `subdomain` or `locale` is missing, when a field appears twice, or
    /// when a known field's value is not UTF-8 once percent-decoded. The error names the
    /// field, never its value.
    pub fn from_form(body: impl AsRef<[u8]>) -> Result<Self, FormError> {
        form::decode(body.as_ref())
    }

    /// The form body Zendesk would post for this request, token included.
    pub fn to_form(&self) -> String {
        form::encode([
            ("name", self.name.as_deref()),
            ("metadata", self.metadata.as_ref().map(JsonText::as_str)),
            ("state", self.state.as_ref().map(JsonText::as_str)),
            ("return_url", Some(self.return_url.as_str())),
            ("subdomain", Some(self.subdomain.as_str())),
            ("locale", Some(self.locale.as_str())),
            ("instance_push_id", self.instance_push_id.as_deref()),
            (
                "zendesk_access_token",
                self.zendesk_access_token
                    .as_ref()
                    .map(AccessToken::expose_secret),
            ),
        ])
    }
}

#[cfg(feature = "form")]
impl Form for AdminUiRequest {
    const FIELDS: &'static [FormField] = &[
        FormField::One("name"),
        FormField::One("metadata"),
        FormField::One("state"),
        FormField::One("return_url"),
        FormField::One("subdomain"),
        FormField::One("locale"),
        FormField::One("instance_push_id"),
        FormField::One("zendesk_access_token"),
    ];

    fn from_fields(fields: &mut Fields) -> Result<Self, FormError> {
        Ok(AdminUiRequest {
            name: fields.one("name"),
            metadata: fields.one("metadata").map(JsonText::from),
            state: fields.one("state").map(JsonText::from),
            return_url: fields.required("return_url")?,
            subdomain: fields.required("subdomain")?,
            locale: fields.required("locale")?,
            instance_push_id: fields.one("instance_push_id"),
            zendesk_access_token: fields.one("zendesk_access_token").map(AccessToken::new),
        })
    }
}

/// Shows the structure: never the token, the metadata or the state.
impl fmt::Debug for AdminUiRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdminUiRequest")
            .field("name", &redact::chars(self.name.as_deref()))
            .field("metadata", &self.metadata)
            .field("state", &self.state)
            .field("return_url", &self.return_url)
            .field("subdomain", &self.subdomain)
            .field("locale", &self.locale)
            .field("instance_push_id", &self.instance_push_id)
            .field("zendesk_access_token", &self.zendesk_access_token)
            .finish()
    }
}

/// The admin UI's answer: the form it posts to Zendesk's `return_url` to create or update the
/// account, rendered by [`Validated<ReturnForm>::to_html`](crate::Validated::to_html).
///
/// | field | rule |
/// |---|---|
/// | `name` | required: the account's name, shown to Zendesk admins |
/// | `metadata` | ≤ 5000 characters: what Zendesk sends back on every pull and channelback |
/// | `state` | ≤ 5000 characters: the first state for pulls |
/// | `return_url` | required; an absolute https URL (code `absolute_url` for a relative one) |
/// | `name`, `metadata`, `state`, `return_url` | no NUL character, which an HTML form cannot carry (code `html_text`) |
///
/// Source: the admin UI docs (`name` required; `metadata` and `state` at most 5000 characters,
/// as everywhere Zendesk stores them). The model's own rules: `return_url` must be absolute,
/// since the page posts to it from the integration's address, and no text may hold NUL.
///
/// ```
/// use channel_model::{JsonText, ReturnForm, Validate, Validated};
/// use serde_json::json;
///
/// let form = ReturnForm::new("Support chat", "javascript:alert(1)")
///     .with_metadata(JsonText::encode(&json!({"token": "t-1"})).unwrap());
/// let invalid = Validated::new(form).unwrap_err();
/// assert_eq!(invalid.errors().iter().next().unwrap().path().to_string(), "/return_url");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ReturnForm {
    /// The account's name, shown to Zendesk admins.
    #[validate(required, custom = html_text)]
    pub name: String,
    /// The account's metadata: Zendesk sends it back on every pull and channelback.
    #[serde(default)]
    #[validate(max_length = 5000, custom = html_text)]
    pub metadata: JsonText,
    /// The account's first state.
    #[serde(default)]
    #[validate(max_length = 5000, custom = html_text)]
    pub state: JsonText,
    /// The `return_url` of the [`AdminUiRequest`].
    #[validate(required, https, custom = absolute_url, custom = html_text)]
    pub return_url: String,
}

impl ReturnForm {
    /// The answer that names the account `name`, to post to `return_url`; `metadata` and
    /// `state` are empty.
    pub fn new(name: impl Into<String>, return_url: impl Into<String>) -> Self {
        ReturnForm {
            name: name.into(),
            metadata: JsonText::default(),
            state: JsonText::default(),
            return_url: return_url.into(),
        }
    }

    crate::json_text::json_text_builders!(with_metadata => metadata, with_state => state);
}

/// Shows the structure: the name's length, never the metadata or the state.
impl fmt::Debug for ReturnForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReturnForm")
            .field("name", &redact::Chars(&self.name))
            .field("metadata", &self.metadata)
            .field("state", &self.state)
            .field("return_url", &self.return_url)
            .finish()
    }
}

/// No NUL: HTML parsers read it, even written as `&#0;`, as U+FFFD.
fn html_text(value: &str) -> Result<(), CustomError> {
    match value.contains('\0') {
        true => Err(CustomError::new(
            "html_text",
            "must not contain a NUL character, which an HTML form cannot carry",
        )),
        false => Ok(()),
    }
}
