//! Reads `#[validate(...)]`: the rules of fields, structs and variants, and the options of
//! the type (`crate`, `bound`, `context`).

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Ident, Lit, LitStr, Member, Token, WherePredicate};

use crate::ctxt::Ctxt;
use crate::rules::{self, Level, RuleDef, Shape};
use crate::suggest;

/// A rule as written, with the name it was written with (for its span).
pub struct Rule {
    pub name: Ident,
    pub def: &'static RuleDef,
    pub arg: RuleArg,
}

/// What follows a rule's name, as its [`Shape`] asks.
pub enum RuleArg {
    None,
    Limit(Limit),
    Rules(Vec<Rule>),
    Function(Function),
    Fields(Vec<Ident>),
}

/// A limit: a constant expression of type `usize`, and its value when it is a literal.
pub struct Limit {
    pub tokens: TokenStream,
    pub literal: Option<usize>,
}

/// A function to call: a path to it, or a closure.
pub struct Function {
    pub tokens: TokenStream,
    /// Where a function of the wrong type is reported: the path's last segment, or the
    /// closure's first token.
    pub span: Span,
}

/// The options of the type being derived, from its `#[validate(...)]` attributes.
#[derive(Default)]
pub struct Options {
    /// `crate = "path"`: where `channel_model` is.
    pub krate: Option<syn::Path>,
    /// `bound = "T: Validate, ..."`: the where-clause predicates that replace the inferred ones.
    pub bound: Option<Vec<WherePredicate>>,
    /// `context = Ctx`: the type of the context that `custom` functions and `nested` values get.
    pub context: Option<syn::Type>,
}

/// The option names, for messages.
const OPTIONS: &[&str] = &["crate", "bound", "context"];

/// One comma-separated entry of a `#[validate(...)]` list, before it is understood.
struct Entry {
    name: Ident,
    arg: Arg,
}

enum Arg {
    None,
    Value(Value),
    List(TokenStream),
    /// After `context =`: a type.
    Type(syn::Type),
}

/// What follows `=`: the tokens up to the next comma, and the expression they are when syn
/// can read one (it reads no closures or blocks, which stay tokens).
struct Value {
    tokens: TokenStream,
    expr: Option<Expr>,
}

impl Parse for Entry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = Ident::parse_any(input)?;
        let arg = if name == "context" && input.peek(Token![=]) {
            // A type, whose generic arguments may hold commas: `HashMap<String, usize>`.
            input.parse::<Token![=]>()?;
            let quoted = input.peek(LitStr);
            let ty = input.parse::<syn::Type>().map_err(|error| {
                let hint = if quoted {
                    "; write it without quotes"
                } else {
                    ""
                };
                let message = format!("`context` expects a type, e.g. `context = Tenant`{hint}");
                syn::Error::new(error.span(), message)
            })?;
            Arg::Type(ty)
        } else if input.peek(Token![=]) {
            let eq = input.parse::<Token![=]>()?;
            Arg::Value(Value::parse(input, eq.span)?)
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

impl Value {
    fn parse(input: ParseStream, eq: Span) -> syn::Result<Self> {
        let fork = input.fork();
        if let Ok(expr) = fork.parse::<Expr>() {
            if fork.is_empty() || fork.peek(Token![,]) {
                input.advance_to(&fork);
                let tokens = expr.to_token_stream();
                return Ok(Value {
                    tokens,
                    expr: Some(expr),
                });
            }
        }
        let tokens = input.step(|cursor| {
            let mut tokens = TokenStream::new();
            let mut rest = *cursor;
            let mut closure = ClosureHeader::default();
            while let Some((tt, next)) = rest.token_tree() {
                if closure.ends_value_at(&tt) {
                    break;
                }
                tokens.extend([tt]);
                rest = next;
            }
            Ok((tokens, rest))
        })?;
        if tokens.is_empty() {
            return Err(syn::Error::new(eq, "expected a value after `=`"));
        }
        Ok(Value { tokens, expr: None })
    }

    /// The expression without the invisible groups that `macro_rules!` puts around a
    /// `$x:expr`, `$x:literal` or `$x:path` fragment.
    fn expr(&self) -> Option<&Expr> {
        let mut expr = self.expr.as_ref()?;
        while let Expr::Group(group) = expr {
            expr = &group.expr;
        }
        Some(expr)
    }

    /// The first token, inside any invisible groups.
    fn first_token(&self) -> Option<TokenTree> {
        let mut tokens = self.tokens.clone();
        loop {
            match tokens.into_iter().next()? {
                TokenTree::Group(group) if group.delimiter() == proc_macro2::Delimiter::None => {
                    tokens = group.stream();
                }
                token => return Some(token),
            }
        }
    }
}

/// Where the value that syn cannot read (a closure) ends: at a comma, but not at one in the
/// closure's parameters (`|a, b|`) or its return type (`-> Result<(), E>`).
#[derive(Default)]
struct ClosureHeader {
    /// The tokens seen so far.
    seen: usize,
    /// Between the parameters' bars.
    in_parameters: bool,
    /// After `->`, before the body: the depth of `<...>`.
    in_return_type: Option<usize>,
    /// The bars and arrow are read only at the start of the value.
    done: bool,
}

impl ClosureHeader {
    /// Whether `token` is the comma that ends the value; reads the closure's header.
    fn ends_value_at(&mut self, token: &TokenTree) -> bool {
        let index = self.seen;
        self.seen += 1;
        let punct = match token {
            TokenTree::Punct(punct) => Some(punct.as_char()),
            TokenTree::Ident(ident) if index == 0 && ident == "move" => return false,
            _ => None,
        };
        if self.done {
            return punct == Some(',');
        }
        if self.in_parameters {
            self.in_parameters = punct != Some('|');
            return false;
        }
        if let Some(depth) = &mut self.in_return_type {
            match (punct, token) {
                (Some('<'), _) => *depth += 1,
                (Some('>'), _) if *depth > 0 => *depth -= 1,
                (_, TokenTree::Group(group))
                    if *depth == 0 && group.delimiter() == proc_macro2::Delimiter::Brace =>
                {
                    self.done = true;
                }
                _ => {}
            }
            return false;
        }
        match punct {
            Some('|') if index <= 1 => {
                self.in_parameters = true;
                false
            }
            // `-` then `>` right after the parameters: a return type follows.
            Some('-') => false,
            Some('>') => {
                self.in_return_type = Some(0);
                false
            }
            _ => {
                self.done = true;
                punct == Some(',')
            }
        }
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
    rules_from(entries, Level::Field, cx)
}

/// The rules of a struct or variant, and (on the type itself, when `options` is given) the
/// type's options, from its `#[validate(...)]` attributes.
pub fn struct_rules(
    attrs: &[Attribute],
    mut options: Option<&mut Options>,
    cx: &mut Ctxt,
) -> Vec<Rule> {
    let mut rules = Vec::new();
    for entry in validate_entries(attrs, cx) {
        let name = entry.name.unraw().to_string();
        if !OPTIONS.contains(&name.as_str()) {
            rules.extend(rule_from(entry, Level::Struct, cx));
        } else if let Some(options) = options.as_deref_mut() {
            option_from(entry, options, cx);
        } else {
            cx.error_at(entry.name.span(), misplaced_option(&name));
        }
    }
    rules
}

fn option_from(entry: Entry, options: &mut Options, cx: &mut Ctxt) {
    let Entry { name, arg } = entry;
    let option = name.unraw().to_string();
    if option == "context" {
        return context_from(name, arg, options, cx);
    }
    let example = match option.as_str() {
        "crate" => "crate = \"path::to::channel_model\"",
        _ => "bound = \"T: Validate\"",
    };
    let text = match &arg {
        Arg::Value(value) => match value.expr() {
            Some(Expr::Lit(syn::ExprLit {
                lit: Lit::Str(text),
                ..
            })) => Some(text.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(text) = text else {
        cx.error_at(name.span(), format!("expected `{example}`"));
        return;
    };
    let duplicate = match option.as_str() {
        "crate" => match parse_lit(&text, cx, syn::Path::parse_mod_style) {
            Some(path) => options.krate.replace(path).is_some(),
            None => return,
        },
        _ => {
            let predicates = Punctuated::<WherePredicate, Token![,]>::parse_terminated;
            match parse_lit(&text, cx, predicates) {
                Some(parsed) => options
                    .bound
                    .replace(parsed.into_iter().collect())
                    .is_some(),
                None => return,
            }
        }
    };
    if duplicate {
        cx.error_at(name.span(), format!("duplicate option `{option}`"));
    }
}

/// `context = Ctx`: a type, written as it is (not in a string: it names no generic bounds).
fn context_from(name: Ident, arg: Arg, options: &mut Options, cx: &mut Ctxt) {
    let Arg::Type(ty) = arg else {
        cx.error_at(
            name.span(),
            "expected `context = Type`, e.g. `context = Tenant`",
        );
        return;
    };
    if let Some(first) = &options.context {
        let first = first.to_token_stream();
        cx.error_at(
            name.span(),
            format!("duplicate option `context`: a type has one context, here already `{first}`"),
        );
        return;
    }
    options.context = Some(ty);
}

/// The contents of a string literal parsed by `parser`, at the literal's span.
fn parse_lit<T>(text: &LitStr, cx: &mut Ctxt, parser: impl Parser<Output = T>) -> Option<T> {
    let tokens = match text.value().parse::<TokenStream>() {
        Ok(tokens) => respan(tokens, text.span()),
        Err(error) => {
            cx.error_spanned_by(text, error);
            return None;
        }
    };
    parser
        .parse2(tokens)
        .map_err(|error| cx.syn_error(error))
        .ok()
}

/// `tokens` with every span set to `span`.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = TokenTree::Group(inner);
            }
            token.set_span(span);
            token
        })
        .collect()
}

fn rules_from(entries: Vec<Entry>, level: Level, cx: &mut Ctxt) -> Vec<Rule> {
    entries
        .into_iter()
        .filter_map(|entry| {
            let name = entry.name.unraw().to_string();
            if OPTIONS.contains(&name.as_str()) {
                cx.error_at(entry.name.span(), misplaced_option(&name));
                return None;
            }
            rule_from(entry, level, cx)
        })
        .collect()
}

/// The message for the option `name` written on a field or a variant.
fn misplaced_option(name: &str) -> String {
    format!("`{name}` is an option of the type: put it on the struct or the enum")
}

fn rule_from(entry: Entry, level: Level, cx: &mut Ctxt) -> Option<Rule> {
    let Entry { name, arg } = entry;
    let rule = name.unraw().to_string();
    let Some(def) = rules::find(&rule) else {
        cx.error_at(name.span(), unknown_rule(&rule, level));
        return None;
    };
    if !def.level.allows(level) {
        let message = match def.level {
            Level::Struct => {
                format!("`{rule}` is a struct rule: put `#[validate({rule}(...))]` on the struct")
            }
            _ => format!("`{rule}` is a field rule: put it on a field, not on the struct"),
        };
        cx.error_at(name.span(), message);
        return None;
    }
    let arg = match (def.shape, arg) {
        (Shape::Flag, Arg::None) => RuleArg::None,
        (Shape::Flag, Arg::Value(_) | Arg::List(_)) => {
            cx.error_at(
                name.span(),
                format!("`{rule}` takes no value: write `{rule}`"),
            );
            return None;
        }
        (Shape::Limit, Arg::Value(value)) => RuleArg::Limit(limit(def, value, cx)?),
        (Shape::Rules, Arg::List(tokens)) => match Entry::parse_list(tokens) {
            Ok(entries) => {
                let written = entries.len();
                let rules = rules_from(entries, Level::Field, cx);
                // A rule that was written but refused is reported already: `each` is not
                // also empty.
                if rules.len() < written {
                    return None;
                }
                RuleArg::Rules(rules)
            }
            Err(error) => {
                cx.syn_error(error);
                return None;
            }
        },
        (Shape::Function, Arg::Value(value)) => RuleArg::Function(function(def, value, cx)?),
        (Shape::Fields, Arg::List(tokens)) => {
            match Punctuated::<Member, Token![,]>::parse_terminated.parse2(tokens) {
                Ok(members) => RuleArg::Fields(field_names(def, members, cx)?),
                Err(error) => {
                    cx.syn_error(error);
                    return None;
                }
            }
        }
        (shape, _) => {
            let (needs, example) = (shape.needs(), def.example);
            cx.error_at(name.span(), format!("`{rule}` needs {needs}: `{example}`"));
            return None;
        }
    };
    Some(Rule { name, def, arg })
}

/// The names of the fields a struct rule names; a tuple field's index is refused, since
/// its violation would have no field name to report.
fn field_names(
    def: &RuleDef,
    members: Punctuated<Member, Token![,]>,
    cx: &mut Ctxt,
) -> Option<Vec<Ident>> {
    let mut names = Vec::new();
    let mut refused = false;
    for member in members {
        match member {
            Member::Named(ident) => names.push(ident),
            // Once, at the first index: the others have the same fault.
            Member::Unnamed(_) if refused => {}
            Member::Unnamed(index) => {
                refused = true;
                cx.error_at(
                    index.span,
                    format!(
                        "`{}` names fields, and the fields of a tuple struct or variant have \
                         no names; give them names to use it, e.g. `{}`",
                        def.name, def.example
                    ),
                );
            }
        }
    }
    (!refused).then_some(names)
}

/// A limit: any constant expression of type `usize`, which the compiler checks; a literal
/// is also checked here, so that a limit that cannot be meant is reported at once.
fn limit(def: &RuleDef, value: Value, cx: &mut Ctxt) -> Option<Limit> {
    let rule = def.name;
    let literal = match value.expr() {
        Some(Expr::Lit(syn::ExprLit { lit, .. })) => Some(lit),
        _ => None,
    };
    let literal = match literal {
        None => None,
        Some(Lit::Int(int)) if !matches!(int.suffix(), "" | "usize") => {
            let suffix = int.suffix();
            cx.error_spanned_by(
                int,
                format!(
                    "`{rule}` is a `usize`, not a `{suffix}`: write the number without `{suffix}`"
                ),
            );
            return None;
        }
        Some(Lit::Int(int)) => match int.base10_parse::<u64>() {
            Ok(0) if def.name == "max_length" => {
                cx.error_spanned_by(
                    int,
                    format!("`{rule} = 0` allows only empty values; the limit must be at least 1"),
                );
                return None;
            }
            Ok(0) => {
                cx.error_spanned_by(
                    int,
                    format!("`{rule} = 0` allows every value; remove the rule"),
                );
                return None;
            }
            Ok(limit) => match usize::try_from(limit) {
                Ok(limit) => Some(limit),
                Err(_) => {
                    cx.error_spanned_by(int, format!("`{rule}` limit is too large for a `usize`"));
                    return None;
                }
            },
            Err(_) => {
                let digits = int.base10_digits();
                cx.error_spanned_by(
                    int,
                    format!("`{rule} = {digits}` is too large: the limit is a `usize`"),
                );
                return None;
            }
        },
        Some(other) => {
            cx.error_spanned_by(
                other,
                format!(
                    "`{rule}` expects a limit of type `usize`: a number or a constant, e.g. `{}`",
                    def.example
                ),
            );
            return None;
        }
    };
    Some(Limit {
        tokens: value.tokens,
        literal,
    })
}

/// A function: a path to a function, or a closure.
fn function(def: &RuleDef, value: Value, cx: &mut Ctxt) -> Option<Function> {
    let rule = def.name;
    if let Some(Expr::Path(path)) = value.expr() {
        if path.qself.is_none() {
            let span = path
                .path
                .segments
                .last()
                .map_or_else(Span::call_site, |segment| segment.ident.span());
            return Some(Function {
                tokens: path.path.to_token_stream(),
                span,
            });
        }
    }
    let first = value.first_token();
    let closure = match &first {
        Some(TokenTree::Punct(punct)) => punct.as_char() == '|',
        Some(TokenTree::Ident(ident)) => ident == "move",
        _ => false,
    };
    if let (true, Some(first)) = (closure, first) {
        return Some(Function {
            tokens: value.tokens,
            span: first.span(),
        });
    }
    let hint = match value.expr() {
        Some(Expr::Lit(lit)) if matches!(lit.lit, Lit::Str(_)) => "; write it without quotes",
        _ => "",
    };
    cx.error_spanned_by(
        &value.tokens,
        format!(
            "`{rule}` expects a path to a function or a closure, e.g. `custom = rules::locale`{hint}"
        ),
    );
    None
}

fn unknown_rule(unknown: &str, level: Level) -> String {
    let hint = match unknown {
        "url" | "https_url" => Some("https"),
        "length" | "max_len" | "len" => Some("max_length"),
        "dive" | "validate" => Some("nested"),
        "not_empty" | "nonempty" => Some("non_empty"),
        _ => suggest::closest(unknown, rules::names(level)),
    };
    let list = rules::names(level)
        .map(|rule| format!("`{rule}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match hint {
        Some(rule) => format!("unknown rule `{unknown}`; did you mean `{rule}`?"),
        None => format!("unknown rule `{unknown}`; the rules here are {list}"),
    }
}
