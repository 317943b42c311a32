//! Decoding a document into a model type with the model's redacting decoder, inspecting it
//! on the way ([`channel_model::from_str_inspected`]), and validating it.

use channel_model::{DecodeError, Location, Validate, ValidationErrors};
use serde::de::DeserializeOwned;

use crate::inspect::{Findings, Inspection};
use crate::keyed::Keyed;
use crate::kind::Known;

/// A decoded document: the model's violations and what the inspection found.
pub struct Decoded {
    /// The model's violations.
    pub violations: ValidationErrors,
    /// What serde let through.
    pub findings: Findings,
    /// The kinds that know its top-level keys, as the decoder read them; `None` for a form.
    pub known: Option<Known>,
}

/// Decodes `text` as a `T`, inspecting it on the way, and validates it, keeping at most
/// `limit` violations and `limit` findings (the others are counted).
pub fn decode<T: DeserializeOwned + Validate>(
    text: &str,
    limit: usize,
) -> Result<Decoded, DecodeError> {
    decode_with::<T>(text, limit, |_, _| {})
}

/// Decodes `text` as [`decode`] does, and adds what `more` finds in the decoded value to the
/// same inspection, after what the decoder found.
pub fn decode_with<T: DeserializeOwned + Validate>(
    text: &str,
    limit: usize,
    more: fn(&T, &mut Inspection),
) -> Result<Decoded, DecodeError> {
    let mut inspection = Inspection::new(limit);
    let Keyed { value, known } =
        channel_model::from_str_inspected::<Keyed<T>>(text, &mut inspection)?;
    more(&value, &mut inspection);
    let findings = inspection.into_findings();
    let violations = violations(&value, limit);
    Ok(Decoded {
        violations,
        findings,
        known,
    })
}

/// A form decoded by the model (`from_form`), validated; a form has no keys to inspect.
pub fn decode_form<T: Validate, E: Into<DecodeError>>(
    decoded: Result<T, E>,
    limit: usize,
) -> Result<Decoded, DecodeError> {
    let value = decoded.map_err(Into::into)?;
    let violations = violations(&value, limit);
    Ok(Decoded {
        violations,
        findings: Findings::default(),
        known: None,
    })
}

/// The violations of `value`, at most `limit` of them kept (the others counted): reported
/// only when [`Validate::is_valid`] says there are some, as `validate()` does.
fn violations<T: Validate>(value: &T, limit: usize) -> ValidationErrors {
    let mut violations = ValidationErrors::with_limit(limit);
    if !value.is_valid() {
        value.validate_into(&Location::root(), &mut violations);
    }
    violations
}

#[cfg(test)]
mod tests {
    use channel_model::{PushRequest, ValidateTokenRequest};

    use super::*;

    #[test]
    fn findings_are_kept_up_to_the_limit_and_the_rest_counted() {
        let text = r#"{"instance_push_id": "a", "request_id": null, "x": 1, "y": 2}"#;
        let decoded = decode::<ValidateTokenRequest>(text, 2).ok().unwrap();
        let findings = decoded.findings;
        assert_eq!((findings.nulls.len(), findings.unknown_keys.len()), (1, 1));
        assert_eq!(
            (findings.omitted_nulls, findings.omitted_unknown_keys),
            (0, 1)
        );
        let text = r#"{"instance_push_id": "", "external_resources": [], "a": 1}"#;
        let all = decode::<PushRequest>(text, usize::MAX).ok().unwrap();
        assert!(!all.violations.is_empty());
        let decoded = decode::<PushRequest>(text, 0).ok().unwrap();
        assert_eq!(decoded.violations.len(), 0);
        assert_eq!(decoded.violations.omitted(), all.violations.len());
        assert_eq!(decoded.findings.omitted_unknown_keys, 1);
    }

    #[test]
    fn errors_are_the_models_and_quote_no_value() {
        let error = decode::<ValidateTokenRequest>(r#"{"instance_push_id": ["secret"]}"#, 100)
            .err()
            .unwrap();
        assert_eq!(error.path().to_string(), "/instance_push_id");
        assert!(!error.to_string().contains("secret"), "{error}");
    }
}
