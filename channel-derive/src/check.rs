//! Reports every misuse in the model at once; what types must satisfy is left to the
//! trait bounds of the emitted code.

use quote::ToTokens;
use syn::ext::IdentExt;

use crate::ast::{Data, Fields, Input};
use crate::attr::{Exclusive, Rule, RuleKind};
use crate::ctxt::Ctxt;
use crate::suggest;

pub fn check(input: &Input, cx: &mut Ctxt) {
    match &input.data {
        Data::Struct(fields) => check_fields(fields, cx),
        Data::Enum(variants) => {
            for variant in variants {
                check_fields(&variant.fields, cx);
            }
        }
    }
}

fn check_fields(fields: &Fields, cx: &mut Ctxt) {
    for field in &fields.fields {
        check_rules(&field.rules, cx);
    }
    for group in &fields.exclusive {
        check_exclusive(group, fields, cx);
    }
}

fn rule_name(rule: &Rule) -> String {
    rule.name.unraw().to_string()
}

/// What makes two rules the same: the name, and for `custom` the function too, so that a
/// field may have several custom rules.
fn identity(rule: &Rule) -> String {
    match &rule.kind {
        RuleKind::Custom(path) => format!("custom = {}", path.to_token_stream()),
        _ => rule_name(rule),
    }
}

fn check_rules(rules: &[Rule], cx: &mut Ctxt) {
    for (i, rule) in rules.iter().enumerate() {
        let name = identity(rule);
        if rules[..i].iter().any(|earlier| identity(earlier) == name) {
            cx.error_at(rule.name.span(), format!("duplicate rule `{name}`"));
        }
        if let RuleKind::Each(inner) = &rule.kind {
            if inner.is_empty() {
                cx.error_at(
                    rule.name.span(),
                    "`each` needs the rules for every item: `each(https, max_length = 511)`",
                );
            }
            check_rules(inner, cx);
        }
    }
    let required = rules.iter().any(|r| matches!(r.kind, RuleKind::Required));
    if required {
        for rule in rules
            .iter()
            .filter(|r| matches!(r.kind, RuleKind::NonEmpty))
        {
            cx.error_at(
                rule.name.span(),
                "`non_empty` is redundant: `required` already rejects an empty value",
            );
        }
    }
}

fn check_exclusive(group: &Exclusive, fields: &Fields, cx: &mut Ctxt) {
    if group.fields.len() < 2 {
        cx.error_at(
            group.keyword.span(),
            "`exclusive` needs at least two fields, of which at most one may be set",
        );
    }
    for (i, ident) in group.fields.iter().enumerate() {
        if group.fields[..i].contains(ident) {
            cx.error_spanned_by(
                ident,
                format!("`{ident}` is named twice in this `exclusive`"),
            );
        } else if fields.position(ident).is_none() {
            let name = ident.unraw().to_string();
            let names = fields.fields.iter().filter_map(|f| f.name.as_deref());
            let message = match suggest::closest(&name, names) {
                Some(known) => format!("no field `{name}` here; did you mean `{known}`?"),
                None => format!("no field `{name}` here"),
            };
            cx.error_spanned_by(ident, message);
        }
    }
}
