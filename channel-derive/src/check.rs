//! Reports every misuse in the model at once; what types must satisfy is left to the
//! trait bounds of the emitted code.

use syn::ext::IdentExt;
use syn::Ident;

use crate::ast::{Data, Fields, Input};
use crate::attr::{Rule, RuleArg};
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
    check_rules(&fields.rules, cx);
    for rule in &fields.rules {
        if let RuleArg::Fields(names) = &rule.arg {
            check_field_names(rule, names, fields, cx);
        }
    }
}

/// What makes two rules the same: the name, and for a function the function too, so that a
/// field may have several custom rules. Groups of fields are never the same rule: a struct may
/// have several.
fn identity(rule: &Rule) -> Option<String> {
    let name = rule.def.name;
    match &rule.arg {
        RuleArg::Function(function) => Some(format!("{name} = {}", function.tokens)),
        RuleArg::Fields(_) => None,
        _ => Some(name.to_string()),
    }
}

fn check_rules(rules: &[Rule], cx: &mut Ctxt) {
    for (i, rule) in rules.iter().enumerate() {
        if let Some(name) = identity(rule) {
            if rules[..i]
                .iter()
                .any(|earlier| identity(earlier).as_ref() == Some(&name))
            {
                cx.error_at(rule.name.span(), format!("duplicate rule `{name}`"));
            }
        }
        if let RuleArg::Rules(inner) = &rule.arg {
            if inner.is_empty() {
                let def = rule.def;
                cx.error_at(
                    rule.name.span(),
                    format!(
                        "`{}` needs {}: `{}`",
                        def.name,
                        def.shape.needs(),
                        def.example
                    ),
                );
            }
            check_rules(inner, cx);
        }
    }
    let literal = |name: &str| {
        rules.iter().find_map(|rule| match &rule.arg {
            RuleArg::Limit(limit) if rule.def.name == name => Some((rule, limit.literal?)),
            _ => None,
        })
    };
    if let (Some((rule, min)), Some((_, max))) = (literal("min_length"), literal("max_length")) {
        if min > max {
            cx.error_at(
                rule.name.span(),
                format!("`min_length = {min}` is above `max_length = {max}`: no value passes both"),
            );
        }
    }
    let required = rules.iter().any(|r| r.def.name == "required");
    if required {
        for rule in rules.iter().filter(|r| r.def.name == "non_empty") {
            cx.error_at(
                rule.name.span(),
                "`non_empty` is redundant: `required` already rejects an empty value",
            );
        }
    }
}

fn check_field_names(rule: &Rule, names: &[Ident], fields: &Fields, cx: &mut Ctxt) {
    let keyword = rule.def.name;
    if names.len() < 2 {
        cx.error_at(
            rule.name.span(),
            format!("`{keyword}` needs at least two fields, of which at most one may be set"),
        );
    }
    for (i, ident) in names.iter().enumerate() {
        if names[..i].contains(ident) {
            cx.error_spanned_by(
                ident,
                format!("`{ident}` is named twice in this `{keyword}`"),
            );
        } else if let Some(field) = fields.position(ident).map(|i| &fields.fields[i]) {
            if field.skipped {
                cx.error_spanned_by(
                    ident,
                    format!("`{ident}` is never serialized (`#[serde(skip)]`), so `{keyword}` cannot name it"),
                );
            }
        } else {
            let name = ident.unraw().to_string();
            let known = fields.fields.iter().filter_map(|f| f.name.as_deref());
            let message = match suggest::closest(&name, known) {
                Some(known) => format!("no field `{name}` here; did you mean `{known}`?"),
                None => format!("no field `{name}` here"),
            };
            cx.error_spanned_by(ident, message);
        }
    }
}
