//! Reads `#[validate(...)]` (the rules) and `#[serde(...)]` (the names on the wire).

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Ident, Lit, LitStr, Token};

use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::suggest;

/// The field rules, in the order the docs list them.
pub const FIELD_RULES: &[&str] = &[
    "required",
    "non_empty",
    "max_length",
    "ascii",
    "trimmed",
    "https",
    "nested",
    "each",
    "custom",
];

/// The struct (and enum variant) rules.
pub const STRUCT_RULES: &[&str] = &["exclusive"];

/// A field rule, with the name it was written with (for its span).
pub struct Rule {
    pub name: Ident,
    pub kind: RuleKind,
}

pub enum RuleKind {
    Required,
    NonEmpty,
    MaxLength(usize),
    Ascii,
    Trimmed,
    Https,
    Nested,
    Each(Vec<Rule>),
    Custom(syn::Path),
}

/// `exclusive(a, b, ...)`: at most one of the named fields is set.
pub struct Exclusive {
    pub keyword: Ident,
    pub fields: Vec<Ident>,
}

/// One comma-separated entry of a `#[validate(...)]` list, before it is understood.
struct Entry {
    name: Ident,
    arg: Arg,
}

enum Arg {
    None,
    Value(Expr),
    List(TokenStream),
}

impl Parse for Entry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = Ident::parse_any(input)?;
        let arg = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Arg::Value(input.parse()?)
        } else if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            Arg::List(content.parse()?)
        } else {
            Arg::None
        };
        Ok(Entry { name, arg })
    }
}

impl Entry {
    fn parse_list(tokens: TokenStream) -> syn::Result<Vec<Entry>> {
        let entries = Punctuated::<Entry, Token![,]>::parse_terminated.parse2(tokens)?;
        Ok(entries.into_iter().collect())
    }
}

/// The entries of every `#[validate(...)]` attribute in `attrs`.
fn validate_entries(attrs: &[Attribute], cx: &mut Ctxt) -> Vec<Entry> {
    let mut entries = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("validate")) {
        let parsed = match &attr.meta {
            syn::Meta::List(list) => Entry::parse_list(list.tokens.clone()),
            meta => Err(syn::Error::new_spanned(
                meta,
                "expected a list of rules: `#[validate(rule, ...)]`",
            )),
        };
        match parsed {
            Ok(list) => entries.extend(list),
            Err(error) => cx.syn_error(error),
        }
    }
    entries
}

/// The rules of a field, from its `#[validate(...)]` attributes.
pub fn field_rules(attrs: &[Attribute], cx: &mut Ctxt) -> Vec<Rule> {
    let entries = validate_entries(attrs, cx);
    rules_from(entries, cx)
}

fn rules_from(entries: Vec<Entry>, cx: &mut Ctxt) -> Vec<Rule> {
    entries
        .into_iter()
        .filter_map(|entry| rule_from(entry, cx))
        .collect()
}

fn rule_from(entry: Entry, cx: &mut Ctxt) -> Option<Rule> {
    let Entry { name, arg } = entry;
    let rule = name.unraw().to_string();
    let kind = match (rule.as_str(), arg) {
        ("required", Arg::None) => RuleKind::Required,
        ("non_empty", Arg::None) => RuleKind::NonEmpty,
        ("ascii", Arg::None) => RuleKind::Ascii,
        ("trimmed", Arg::None) => RuleKind::Trimmed,
        ("https", Arg::None) => RuleKind::Https,
        ("nested", Arg::None) => RuleKind::Nested,
        ("max_length", Arg::Value(value)) => RuleKind::MaxLength(length(&value, cx)?),
        ("each", Arg::List(tokens)) => match Entry::parse_list(tokens) {
            Ok(entries) => RuleKind::Each(rules_from(entries, cx)),
            Err(error) => {
                cx.syn_error(error);
                return None;
            }
        },
        ("custom", Arg::Value(Expr::Path(path))) if path.qself.is_none() => {
            RuleKind::Custom(path.path)
        }
        ("custom", Arg::Value(value)) => {
            let hint = match &value {
                Expr::Lit(lit) if matches!(lit.lit, Lit::Str(_)) => "; write it without quotes",
                _ => "",
            };
            cx.error_spanned_by(
                value,
                format!(
                    "`custom` expects a path to a function, e.g. `custom = rules::locale`{hint}"
                ),
            );
            return None;
        }
        (
            "required" | "non_empty" | "ascii" | "trimmed" | "https" | "nested",
            Arg::Value(_) | Arg::List(_),
        ) => {
            cx.error_at(
                name.span(),
                format!("`{rule}` takes no value: write `{rule}`"),
            );
            return None;
        }
        ("max_length", _) => {
            cx.error_at(
                name.span(),
                "`max_length` needs a limit: `max_length = 255`",
            );
            return None;
        }
        ("each", _) => {
            cx.error_at(
                name.span(),
                "`each` needs the rules for every item: `each(https, max_length = 511)`",
            );
            return None;
        }
        ("custom", _) => {
            cx.error_at(
                name.span(),
                "`custom` needs a function: `custom = path::to::function`",
            );
            return None;
        }
        ("exclusive", _) => {
            cx.error_at(
                name.span(),
                "`exclusive` is a struct rule: put `#[validate(exclusive(...))]` on the struct",
            );
            return None;
        }
        (unknown, _) => {
            cx.error_at(name.span(), unknown_rule(unknown, FIELD_RULES));
            return None;
        }
    };
    Some(Rule { name, kind })
}

/// The limit of `max_length = N`: a positive integer literal.
fn length(value: &Expr, cx: &mut Ctxt) -> Option<usize> {
    let parsed = match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse::<usize>(),
        _ => Err(syn::Error::new_spanned(value, "")),
    };
    match parsed {
        Ok(0) => cx.error_spanned_by(
            value,
            "`max_length = 0` allows only empty values; the limit must be at least 1",
        ),
        Ok(limit) => return Some(limit),
        Err(_) => cx.error_spanned_by(
            value,
            "`max_length` expects a positive integer, e.g. `max_length = 255`",
        ),
    }
    None
}

fn unknown_rule(unknown: &str, known: &[&str]) -> String {
    let hint = match unknown {
        "url" | "https_url" => Some("https"),
        "length" | "max_len" | "len" => Some("max_length"),
        "dive" | "validate" => Some("nested"),
        "not_empty" | "nonempty" | "min_length" => Some("non_empty"),
        _ => suggest::closest(unknown, known.iter().copied()),
    };
    let list = known
        .iter()
        .map(|rule| format!("`{rule}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match hint {
        Some(rule) => format!("unknown rule `{unknown}`; did you mean `{rule}`?"),
        None => format!("unknown rule `{unknown}`; the rules here are {list}"),
    }
}

/// The `exclusive(...)` groups of a struct or variant, from its `#[validate(...)]` attributes.
pub fn struct_rules(attrs: &[Attribute], cx: &mut Ctxt) -> Vec<Exclusive> {
    let mut groups = Vec::new();
    for Entry { name, arg } in validate_entries(attrs, cx) {
        let rule = name.unraw().to_string();
        match (rule.as_str(), arg) {
            ("exclusive", Arg::List(tokens)) => {
                match Punctuated::<Ident, Token![,]>::parse_terminated.parse2(tokens) {
                    Ok(fields) => groups.push(Exclusive {
                        keyword: name,
                        fields: fields.into_iter().collect(),
                    }),
                    Err(error) => cx.syn_error(error),
                }
            }
            ("exclusive", _) => cx.error_at(
                name.span(),
                "`exclusive` needs the fields of which at most one may be set: \
                 `exclusive(parent_id, thread_id)`",
            ),
            (field_rule, _) if FIELD_RULES.contains(&field_rule) => cx.error_at(
                name.span(),
                format!("`{field_rule}` is a field rule: put it on a field, not on the struct"),
            ),
            (unknown, _) => cx.error_at(name.span(), unknown_rule(unknown, STRUCT_RULES)),
        }
    }
    groups
}

/// What `#[serde(...)]` says about a container, a variant or a field. Only what changes
/// the JSON's shape or names is read; serde itself reports misuse.
#[derive(Default)]
pub struct Serde {
    pub rename: Option<String>,
    pub rename_all: Option<RenameRule>,
    pub rename_all_fields: Option<RenameRule>,
    pub flatten: bool,
    /// `skip` or `skip_serializing`: the field is not written, and takes no array index.
    pub skip: bool,
    pub transparent: bool,
    pub untagged: bool,
    pub tag: Option<String>,
    pub content: Option<String>,
}

impl Serde {
    pub fn from_attrs(attrs: &[Attribute]) -> Self {
        let mut serde = Serde::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
            // A malformed serde attribute is serde_derive's to report.
            let _ = attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(|ident| ident.unraw().to_string());
                match key.as_deref() {
                    Some("rename") => serde.rename = serialize_name(&meta)?,
                    Some("rename_all") => serde.rename_all = rename_rule(&meta)?,
                    Some("rename_all_fields") => serde.rename_all_fields = rename_rule(&meta)?,
                    Some("flatten") => serde.flatten = true,
                    Some("skip" | "skip_serializing") => serde.skip = true,
                    Some("transparent") => serde.transparent = true,
                    Some("untagged") => serde.untagged = true,
                    Some("tag") => serde.tag = Some(meta.value()?.parse::<LitStr>()?.value()),
                    Some("content") => {
                        serde.content = Some(meta.value()?.parse::<LitStr>()?.value());
                    }
                    _ => skip(meta.input)?,
                }
                Ok(())
            });
        }
        serde
    }
}

/// The name for serializing from `name = "..."` or `name(serialize = "...", ...)`.
fn serialize_name(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse::<LitStr>()?.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            name = Some(inner.value()?.parse::<LitStr>()?.value());
        } else {
            skip(inner.input)?;
        }
        Ok(())
    })?;
    Ok(name)
}

fn rename_rule(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Option<RenameRule>> {
    Ok(serialize_name(meta)?.and_then(|name| RenameRule::from_name(&name)))
}

/// Skips the `= value` or `(...)` of an entry this derive does not need.
fn skip(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}
