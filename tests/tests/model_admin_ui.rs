//! The admin UI: the form Zendesk posts (decoding, the secret token), and the answer's
//! self-submitting HTML form, rendered from hostile values and parsed back with an HTML parser
//! to exactly the values given.

mod model_support;

use channel_model::serde_json::{self, json};
use channel_model::{AccessToken, AdminUiRequest, FormError, JsonText, ReturnForm, Validated};
use model_support::{text, v, violations};
use scraper::{Html, Selector};

const RETURN_URL: &str =
    "https://example.zendesk.com/zendesk/channels/integration_service_instances/editor_finalizer";

const BODY: &str = "name=Support+chat&metadata=%7B%22token%22%3A%22t-1%22%7D&state=%7B%7D\
    &return_url=https%3A%2F%2Fexample.zendesk.com%2Fzendesk%2Fchannels%2F\
    integration_service_instances%2Feditor_finalizer&subdomain=example&locale=pt-BR\
    &instance_push_id=5ab9c7d0-acct&zendesk_access_token=s3cr3t-token";

/// Values that break naive templates: quotes of both kinds, markup, entities, line breaks,
/// tabs, non-ASCII and control characters.
const HOSTILE: &[&str] = &[
    "\"><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "&amp; &lt; &#39; &#0; &",
    "line 1\nline 2\r\nline 3\rend\ttab",
    "Zoë 📦 中文 \u{202E}rtl \u{FEFF}bom \u{1}\u{7F}\u{85}\u{A0}",
    "</form><form action=\"https://evil.example\">",
    "{\"token\":\"a\\\"b\",\"html\":\"<b>&</b>\"}",
    "",
    " leading and trailing ",
];

// ---------------------------------------------------------------------------------------------
// the request

#[test]
fn the_request_form_decodes_every_field() {
    let request = AdminUiRequest::from_form(BODY).unwrap();
    assert_eq!(request.name.as_deref(), Some("Support chat"));
    assert_eq!(request.metadata, Some(JsonText::new(r#"{"token":"t-1"}"#)));
    assert_eq!(request.state, Some(JsonText::new("{}")));
    assert_eq!(request.return_url, RETURN_URL);
    assert_eq!(request.subdomain, "example");
    assert_eq!(request.locale, "pt-BR");
    assert_eq!(request.instance_push_id.as_deref(), Some("5ab9c7d0-acct"));
    assert_eq!(
        request.zendesk_access_token,
        Some(AccessToken::new("s3cr3t-token"))
    );
    assert_eq!(violations(&request), []);
    assert_eq!(
        AdminUiRequest::from_form(request.to_form()).unwrap(),
        request
    );
}

#[test]
fn the_request_needs_return_url_subdomain_and_locale() {
    let minimal = "return_url=https%3A%2F%2Fa.zendesk.com%2Fr&subdomain=a&locale=en";
    let request = AdminUiRequest::from_form(minimal).unwrap();
    assert_eq!(request.name, None);
    assert_eq!(request.zendesk_access_token, None);
    for (missing, body) in [
        ("return_url", "subdomain=a&locale=en"),
        (
            "subdomain",
            "return_url=https%3A%2F%2Fa.zendesk.com&locale=en",
        ),
        (
            "locale",
            "return_url=https%3A%2F%2Fa.zendesk.com&subdomain=a",
        ),
    ] {
        assert_eq!(
            AdminUiRequest::from_form(body).unwrap_err(),
            FormError::Missing { field: missing }
        );
    }
    let repeated = format!("{minimal}&zendesk_access_token=a&zendesk_access_token=s3cr3t");
    let error = AdminUiRequest::from_form(repeated).unwrap_err();
    assert_eq!(
        error,
        FormError::Repeated {
            field: "zendesk_access_token"
        }
    );
    assert!(!error.to_string().contains("s3cr3t"));
}

#[test]
fn the_request_rules() {
    let mut request = AdminUiRequest::from_form(BODY).unwrap();
    request.return_url = "http://example.zendesk.com/r".into();
    request.metadata = Some(text(5001).into());
    request.state = Some(text(5000).into());
    assert_eq!(
        violations(&request),
        [v("/metadata", "max_length"), v("/return_url", "https")]
    );
}

#[test]
fn the_request_return_url_must_be_absolute() {
    let mut request = AdminUiRequest::from_form(BODY).unwrap();
    for relative in ["/zendesk/r", "r", "//example.zendesk.com/r", "?r=1"] {
        request.return_url = relative.into();
        assert_eq!(
            violations(&request),
            [v("/return_url", "absolute_url")],
            "{relative:?}"
        );
    }
    for absolute in [RETURN_URL, "HTTPS://EXAMPLE.ZENDESK.COM/r"] {
        request.return_url = absolute.into();
        assert_eq!(violations(&request), [], "{absolute:?}");
    }
    // A space at either end is stripped by URL parsers: not the URL Zendesk is sent.
    for spaced in [" https://a.zendesk.com/r", "https://a.zendesk.com/r "] {
        request.return_url = spaced.into();
        assert_eq!(
            violations(&request),
            [v("/return_url", "https")],
            "{spaced:?}"
        );
    }
    request.return_url = String::new();
    assert_eq!(violations(&request), [v("/return_url", "required")]);
    request.return_url = "javascript:alert(1)".into();
    assert_eq!(violations(&request), [v("/return_url", "https")]);
}

#[test]
fn the_token_never_shows_and_is_never_serialized() {
    let request = AdminUiRequest::from_form(BODY).unwrap();
    for shown in [format!("{request:?}"), format!("{request:#?}")] {
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(!shown.contains("t-1"), "{shown}");
        assert!(!shown.contains("Support chat"), "{shown}");
        assert!(shown.contains("AccessToken(<redacted>)"), "{shown}");
    }
    let json = serde_json::to_value(&request).unwrap();
    assert!(json.get("zendesk_access_token").is_none(), "{json}");
    assert!(!json.to_string().contains("s3cr3t"));
    // Read back from JSON that has it (a log its owner chose to write), it is kept.
    let mut with_token = json.clone();
    with_token["zendesk_access_token"] = json!("s3cr3t-token");
    let again: AdminUiRequest = serde_json::from_value(with_token).unwrap();
    assert_eq!(again, request);
}

// ---------------------------------------------------------------------------------------------
// the answer

/// The form's action and hidden inputs, as an HTML parser reads the page.
fn parsed(html: &str) -> (String, Vec<(String, String)>) {
    let document = Html::parse_document(html);
    let forms: Vec<_> = document.select(&Selector::parse("form").unwrap()).collect();
    assert_eq!(forms.len(), 1, "{html}");
    assert_eq!(forms[0].value().attr("method"), Some("post"));
    let action = forms[0].value().attr("action").unwrap().to_owned();
    let inputs = document
        .select(&Selector::parse("form input").unwrap())
        .map(|input| {
            assert_eq!(input.value().attr("type"), Some("hidden"));
            (
                input.value().attr("name").unwrap().to_owned(),
                input.value().attr("value").unwrap().to_owned(),
            )
        })
        .collect();
    let scripts: Vec<String> = document
        .select(&Selector::parse("script").unwrap())
        .map(|s| s.inner_html())
        .collect();
    assert_eq!(scripts, ["document.forms[0].submit();"], "{html}");
    (action, inputs)
}

fn render(form: ReturnForm) -> String {
    Validated::new(form).unwrap().to_html()
}

#[test]
fn hostile_values_parse_back_exactly() {
    for &name in HOSTILE.iter().filter(|name| !name.is_empty()) {
        for &stored in HOSTILE {
            let form = ReturnForm::new(name, RETURN_URL)
                .with_metadata(JsonText::new(stored))
                .with_state(JsonText::new(stored.chars().rev().collect::<String>()));
            let html = render(form.clone());
            let (action, inputs) = parsed(&html);
            assert_eq!(action, RETURN_URL);
            assert_eq!(
                inputs,
                [
                    ("name".to_owned(), form.name.clone()),
                    ("metadata".to_owned(), form.metadata.as_str().to_owned()),
                    ("state".to_owned(), form.state.as_str().to_owned()),
                ],
                "{html}"
            );
        }
    }
}

#[test]
fn a_hostile_return_url_is_escaped_and_parses_back() {
    let url = "https://example.zendesk.com/r?a=1&b=\"><script>alert(1)</script>&c='x'";
    let html = render(ReturnForm::new("n", url));
    assert!(!html.contains("<script>alert"), "{html}");
    assert_eq!(parsed(&html).0, url);
}

#[test]
fn the_page_is_exactly_this() {
    let form = ReturnForm::new("Zoë's \"chat\"", RETURN_URL)
        .with_metadata(JsonText::encode(&json!({"token": "<t&1>"})).unwrap());
    assert_eq!(
        render(form),
        format!(
            "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>Zendesk</title></head>\n\
             <body>\n<form method=\"post\" action=\"{RETURN_URL}\">\n\
             <input type=\"hidden\" name=\"name\" value=\"Zoë&#39;s &quot;chat&quot;\">\n\
             <input type=\"hidden\" name=\"metadata\" value=\"{{&quot;token&quot;:&quot;&lt;t&amp;1&gt;&quot;}}\">\n\
             <input type=\"hidden\" name=\"state\" value=\"\">\n\
             <noscript><button type=\"submit\">Continue</button></noscript>\n</form>\n\
             <script>document.forms[0].submit();</script>\n</body>\n</html>\n"
        )
    );
}

#[test]
fn return_url_must_be_an_absolute_https_url() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "http://example.zendesk.com/r",
        "https://",
        "https://exa\nmple.zendesk.com/r",
    ] {
        let errors = Validated::new(ReturnForm::new("n", url)).unwrap_err();
        assert_eq!(
            violations(errors.value()),
            [v("/return_url", "https")],
            "{url:?}"
        );
    }
    for url in ["/zendesk/r", "r", "//example.zendesk.com/r"] {
        assert_eq!(
            violations(&ReturnForm::new("n", url)),
            [v("/return_url", "absolute_url")],
            "{url:?}"
        );
    }
    assert_eq!(
        violations(&ReturnForm::new("n", "")),
        [v("/return_url", "required")]
    );
    for url in [RETURN_URL, "HTTPS://EXAMPLE.ZENDESK.COM/r"] {
        assert_eq!(violations(&ReturnForm::new("n", url)), [], "{url:?}");
    }
    for spaced in [" https://a.zendesk.com/r", "https://a.zendesk.com/r "] {
        let form = ReturnForm::new("n", spaced);
        assert_eq!(violations(&form), [v("/return_url", "https")], "{spaced:?}");
    }
}

#[test]
fn metadata_and_state_are_at_most_5000_characters() {
    let at = |metadata: usize, state: usize| {
        ReturnForm::new("n", RETURN_URL)
            .with_metadata(text(metadata).into())
            .with_state(text(state).into())
    };
    assert_eq!(violations(&at(5000, 5000)), []);
    assert_eq!(
        violations(&at(5001, 5001)),
        [v("/metadata", "max_length"), v("/state", "max_length")]
    );
    // A 5000-character value of 4-byte characters renders and parses back.
    let wide = "😀".repeat(5000);
    let form = ReturnForm::new("n", RETURN_URL).with_metadata(JsonText::new(wide.clone()));
    assert_eq!(parsed(&render(form)).1[1].1, wide);
}

#[test]
fn the_name_is_required_and_nothing_carries_nul() {
    assert_eq!(
        violations(&ReturnForm::new("", RETURN_URL)),
        [v("/name", "required")]
    );
    let form = ReturnForm::new("a\0b", RETURN_URL)
        .with_metadata(JsonText::new("\0"))
        .with_state(JsonText::new("{}\0"));
    assert_eq!(
        violations(&form),
        [
            v("/name", "html_text"),
            v("/metadata", "html_text"),
            v("/state", "html_text")
        ]
    );
    // HTML parsers read a NUL in the action as U+FFFD: the page would post elsewhere.
    assert_eq!(
        violations(&ReturnForm::new("n", format!("{RETURN_URL}\0x"))),
        [v("/return_url", "html_text")]
    );
    // At the start, a URL parser strips it too: not an https URL either.
    assert_eq!(
        violations(&ReturnForm::new("n", format!("\0{RETURN_URL}"))),
        [v("/return_url", "https"), v("/return_url", "html_text")]
    );
}

#[test]
fn debug_shows_no_value() {
    let form = ReturnForm::new("s3cr3t name", RETURN_URL)
        .with_metadata(JsonText::new("s3cr3t metadata"))
        .with_state(JsonText::new("s3cr3t state"));
    assert!(!format!("{form:?}").contains("s3cr3t"), "{form:?}");
    let validated = Validated::new(form).unwrap();
    assert!(!format!("{validated:?}").contains("s3cr3t"));
}
