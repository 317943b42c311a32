//! The self-submitting HTML form that sends an admin UI's answer back to Zendesk.

use std::fmt::Write;

use super::ReturnForm;
use crate::Validated;

impl Validated<ReturnForm> {
    /// The HTML page that posts the form to `return_url` as soon as it loads (and offers a
    /// button when scripts are off): the admin UI's answer to Zendesk, to be served with
    /// `Content-Type: text/html; charset=utf-8`.
    ///
    /// Only a validated form renders, so `return_url` is an absolute https URL, never a
    /// `javascript:` one. Every value is escaped for an HTML attribute (`&`, `"`, `'`, `<`,
    /// `>`, and line breaks and tabs as character references, so that an HTML parser reads
    /// back exactly the value given).
    ///
    /// ```
    /// use channel_model::{JsonText, ReturnForm, Validated};
    ///
    /// let form = ReturnForm::new("Support \"chat\"", "https://example.zendesk.com/zendesk/channels/integration_service_instances/editor_finalizer")
    ///     .with_metadata(JsonText::new(r#"{"token":"<t&1>"}"#));
    /// let html = Validated::new(form).unwrap().to_html();
    /// assert!(html.contains(r#"<input type="hidden" name="name" value="Support &quot;chat&quot;">"#));
    /// assert!(html.contains(r#"value="{&quot;token&quot;:&quot;&lt;t&amp;1&gt;&quot;}""#));
    /// ```
    pub fn to_html(&self) -> String {
        let form: &ReturnForm = self;
        let mut html = String::with_capacity(
            512 + form.name.len() + form.metadata.as_str().len() + form.state.as_str().len(),
        );
        html.push_str(
            "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>Zendesk</title></head>\n\
             <body>\n<form method=\"post\" action=\"",
        );
        escape_into(&mut html, &form.return_url);
        html.push_str("\">\n");
        for (name, value) in [
            ("name", form.name.as_str()),
            ("metadata", form.metadata.as_str()),
            ("state", form.state.as_str()),
        ] {
            // Writing to a String cannot fail.
            let _ = write!(html, "<input type=\"hidden\" name=\"{name}\" value=\"");
            escape_into(&mut html, value);
            html.push_str("\">\n");
        }
        html.push_str(
            "<noscript><button type=\"submit\">Continue</button></noscript>\n</form>\n\
             <script>document.forms[0].submit();</script>\n</body>\n</html>\n",
        );
        html
    }
}

/// Appends `value` escaped for a double-quoted HTML attribute. Line breaks and tabs become
/// character references, which parsers keep as they are (a raw CR, or CR LF, is read as LF).
fn escape_into(html: &mut String, value: &str) {
    let mut rest = value;
    while let Some(at) = rest.find(['&', '"', '\'', '<', '>', '\r', '\n', '\t']) {
        html.push_str(&rest[..at]);
        let entity = match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\r' => "&#13;",
            b'\n' => "&#10;",
            _ => "&#9;",
        };
        html.push_str(entity);
        rest = &rest[at + 1..];
    }
    html.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::escape_into;

    fn escaped(value: &str) -> String {
        let mut html = String::new();
        escape_into(&mut html, value);
        html
    }

    #[test]
    fn every_special_character_is_a_reference() {
        assert_eq!(
            escaped("a&b\"c'd<e>f\rg\nh\ti"),
            "a&amp;b&quot;c&#39;d&lt;e&gt;f&#13;g&#10;h&#9;i"
        );
        assert_eq!(escaped("Zoë 📦 &amp;"), "Zoë 📦 &amp;amp;");
        assert_eq!(escaped(""), "");
    }
}
