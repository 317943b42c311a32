//! Emits `impl Validate` and `impl ValidateWith` (and `impl Newtype`) from a checked model.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{DeriveInput, WhereClause, WherePredicate};

use crate::ast::{Data, Field, Fields, Input, Step};
use crate::attr::{Rule, RuleArg};
use crate::check;
use crate::ctxt::Ctxt;
use crate::rules::{OnEmpty, Probe, RuleDef};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut cx = Ctxt::default();
    let model = Input::from_syn(input, &mut cx);
    check::check(&model, &mut cx);
    match cx.into_compile_errors() {
        // An empty impl keeps the user's other code compiling, so only the real errors show.
        Some(errors) => {
            let fallback = impls(&model, TokenStream::new(), Vec::new());
            quote!(#errors #fallback)
        }
        None => impls(&model, body(&model), bounds(&model)),
    }
}

fn impls(input: &Input, body: TokenStream, bounds: Vec<WherePredicate>) -> TokenStream {
    let newtype = newtype(input);
    let mut validate_where =
        (input.generics.where_clause.clone()).unwrap_or_else(|| syn::parse_quote!(where));
    match &input.bound {
        Some(bound) => validate_where.predicates.extend(bound.iter().cloned()),
        None => validate_where.predicates.extend(bounds),
    }
    let validate = match &input.context {
        None => context_free(input, body, &validate_where),
        Some(context) => with_context(input, context, body, &validate_where),
    };
    quote! {
        #validate

        #newtype
    }
}

/// `impl Check<C>`: the rules, written once for both passes, generic over the sink that
/// hears what they find (the reporting pass's `ValidationErrors`, or `is_valid`'s verdict).
/// `context` is the type's context, `None` for `()`.
fn check(
    input: &Input,
    context: Option<&syn::Type>,
    body: TokenStream,
    where_clause: &WhereClause,
) -> TokenStream {
    let (ident, krate) = (input.ident, &input.krate);
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let (context, binding) = match context {
        Some(context) => (quote!(#context), quote!(__context)),
        None => (quote!(()), quote!(_)),
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Check<#context> for #ident #ty_generics #where_clause {
            #[inline]
            fn check<__S: #krate::__private::Sink>(
                &self,
                #binding: &#context,
                __location: &#krate::Location<'_>,
                __errors: &mut __S,
            ) {
                #body
            }
        }
    }
}

/// For a type without a context: `impl Validate`, and `impl<C> ValidateWith<C>` that ignores
/// the context, so that the type nests in a type with any context.
fn context_free(input: &Input, body: TokenStream, where_clause: &WhereClause) -> TokenStream {
    let (ident, krate) = (input.ident, &input.krate);
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let mut with_generics = input.generics.clone();
    with_generics
        .params
        .push(syn::parse_quote!(__C: ?::core::marker::Sized));
    let (with_impl_generics, _, _) = with_generics.split_for_impl();
    let check = check(input, None, body, where_clause);
    quote! {
        #check

        #[automatically_derived]
        impl #impl_generics #krate::Validate for #ident #ty_generics #where_clause {
            fn validate_into(
                &self,
                __location: &#krate::Location<'_>,
                __errors: &mut #krate::ValidationErrors,
            ) {
                #krate::__private::Check::<()>::check(self, &(), __location, __errors);
            }

            // Small and called from the types that nest this one, where it can be inlined.
            #[inline]
            fn is_valid(&self) -> bool {
                #krate::__private::is_valid(self, &())
            }
        }

        #[automatically_derived]
        impl #with_impl_generics #krate::ValidateWith<__C> for #ident #ty_generics #where_clause {
            #[inline]
            fn validate_with_into(
                &self,
                _: &__C,
                __location: &#krate::Location<'_>,
                __errors: &mut #krate::ValidationErrors,
            ) {
                <Self as #krate::Validate>::validate_into(self, __location, __errors);
            }

            #[inline]
            fn is_valid_with(&self, _: &__C) -> bool {
                <Self as #krate::Validate>::is_valid(self)
            }
        }
    }
}

/// For a type with `#[validate(context = Ctx)]`: `impl ValidateWith<Ctx>`, and `impl
/// Validate` with the default context where `Ctx` has one. That bound is higher-ranked so
/// that it is checked where `validate()` is called, not at the impl.
fn with_context(
    input: &Input,
    context: &syn::Type,
    body: TokenStream,
    where_clause: &WhereClause,
) -> TokenStream {
    let (ident, krate) = (input.ident, &input.krate);
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    // At the user's `context = Ctx`: where `validate()` needs a default, it is pointed at.
    let span = located_at(context.span());
    let mut default_where = where_clause.clone();
    default_where
        .predicates
        .push(syn::parse_quote_spanned!(span=>
            for<'__context> #context: ::core::default::Default
        ));
    let check = check(input, Some(context), body, where_clause);
    quote! {
        #check

        #[automatically_derived]
        impl #impl_generics #krate::ValidateWith<#context> for #ident #ty_generics #where_clause {
            fn validate_with_into(
                &self,
                __context: &#context,
                __location: &#krate::Location<'_>,
                __errors: &mut #krate::ValidationErrors,
            ) {
                #krate::__private::Check::<#context>::check(self, __context, __location, __errors);
            }

            #[inline]
            fn is_valid_with(&self, __context: &#context) -> bool {
                #krate::__private::is_valid(self, __context)
            }
        }

        #[automatically_derived]
        impl #impl_generics #krate::Validate for #ident #ty_generics #default_where {
            fn validate_into(
                &self,
                __location: &#krate::Location<'_>,
                __errors: &mut #krate::ValidationErrors,
            ) {
                let __context: #context = ::core::default::Default::default();
                <Self as #krate::ValidateWith<#context>>::validate_with_into(
                    self,
                    &__context,
                    __location,
                    __errors,
                );
            }

            fn is_valid(&self) -> bool {
                let __context: #context = ::core::default::Default::default();
                <Self as #krate::ValidateWith<#context>>::is_valid_with(self, &__context)
            }
        }
    }
}

/// For a newtype, `impl Newtype`: `required` finds it empty when its content is.
fn newtype(input: &Input) -> TokenStream {
    let Data::Struct(fields) = &input.data else {
        return TokenStream::new();
    };
    let [field] = fields.fields.as_slice() else {
        return TokenStream::new();
    };
    if !matches!(field.step, Step::Same) {
        return TokenStream::new();
    }
    let (ident, krate, member) = (input.ident, &input.krate, &field.member);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::rules::required::Newtype for #ident #ty_generics #where_clause {
            fn is_empty_content(&self) -> bool {
                #[allow(unused_imports)]
                use #krate::rules::required::probe::{
                    Emptiness as _, NeverEmpty as _, NewtypeEmptiness as _,
                };
                (&&#krate::rules::required::probe::Probe(&self.#member)).empty_content()
            }
        }
    }
}

fn body(input: &Input) -> TokenStream {
    let location = format_ident!("__location");
    let krate = &input.krate;
    let context = input.context.is_some();
    match &input.data {
        Data::Struct(fields) => {
            let pattern = pattern(fields);
            let checks = checks(fields, &location, krate, context);
            match pattern {
                Some(pattern) => quote!(let Self #pattern = self; #checks),
                None => checks,
            }
        }
        Data::Enum(variants) if variants.is_empty() => quote!(match *self {}),
        Data::Enum(variants) => {
            let variant_location = format_ident!("__variant");
            let arms = variants.iter().map(|variant| {
                let ident = variant.ident;
                let pattern = pattern(&variant.fields).unwrap_or_else(|| quote!({ .. }));
                let at = step(&variant.step, &location);
                let checks = checks(&variant.fields, &variant_location, krate, context);
                quote! {
                    Self::#ident #pattern => {
                        let #variant_location: &#krate::Location<'_> = &#at;
                        #checks
                    }
                }
            });
            let own = self_checks(&input.enum_rules, &location, krate, context);
            quote!(match self { #(#arms)* } #own)
        }
    }
}

/// The variable a field is bound to, when something checks it.
fn binding(index: usize) -> Ident {
    format_ident!("__field{}", index)
}

/// The fields that struct rules name, with their indexes.
fn named_fields<'f>(fields: &'f Fields) -> impl Iterator<Item = (&'f Ident, usize)> + 'f {
    let idents = fields.rules.iter().flat_map(|rule| match &rule.arg {
        RuleArg::Fields(idents) => idents.as_slice(),
        _ => &[],
    });
    idents.filter_map(|ident| Some((ident, fields.position(ident)?)))
}

fn is_checked(index: usize, field: &Field, fields: &Fields) -> bool {
    !field.rules.is_empty() || named_fields(fields).any(|(_, i)| i == index)
}

/// `{ name: __field0, 1: __field1, .. }` for the checked fields, or `None` if there are none.
fn pattern(fields: &Fields) -> Option<TokenStream> {
    let bound = fields
        .fields
        .iter()
        .enumerate()
        .filter(|&(index, field)| is_checked(index, field, fields))
        .map(|(index, field)| {
            let member = &field.member;
            let binding = binding(index);
            quote!(#member: #binding)
        })
        .collect::<Vec<_>>();
    (!bound.is_empty()).then(|| quote!({ #(#bound,)* .. }))
}

/// An expression for the `Location` that `step` leads to from `base` (a `&Location`).
fn step(step: &Step, base: &Ident) -> TokenStream {
    match step {
        Step::Key(name) => quote!(#base.field(#name)),
        Step::Index(index) => quote!(#base.index(#index)),
        Step::Same => quote!(*#base),
    }
}

/// The runtime function that checks `def`: `channel_model::rules::<module>::<function>`.
fn runtime(krate: &syn::Path, def: &RuleDef, function: &str, span: Span) -> TokenStream {
    // All of the path at the rule, so that an error about the call points at the rule alone.
    let krate = krate.to_token_stream().into_iter().map(|mut token| {
        token.set_span(span);
        token
    });
    let module = Ident::new(def.module, span);
    let function = Ident::new(function, span);
    quote_spanned!(span=> #(#krate)*::rules::#module::#function)
}

/// The calls that check `fields` at `base`; `context` says whether the type has a context
/// (`__context`), as for every function below that takes it.
fn checks(fields: &Fields, base: &Ident, krate: &syn::Path, context: bool) -> TokenStream {
    let at = format_ident!("__at");
    let field_checks = fields
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.rules.is_empty());
    let field_checks = field_checks.map(|(index, field)| {
        let location = step(&field.step, base);
        let value = binding(index);
        let mut rules = rules(&field.rules, &value, &at, 0, krate, context);
        // Every rule but `required` passes a `None`: an `Option` field's rules are then
        // checked only when it is `Some`, one test instead of one in each rule.
        if !field.rules.iter().any(|rule| rule.def.reports_none) {
            let probe = quote!(#krate::rules::present::probe);
            rules = quote! {
                #[allow(unused_imports)]
                use #probe::{ViaOption as _, ViaValue as _};
                if (&#probe::Probe(#value)).is_present() {
                    #rules
                }
            };
        }
        // A closure that builds the location: the rules follow it only to record a violation.
        quote!({
            let #at = move || #location;
            #rules
        })
    });
    // The struct's own rules, after its fields, in the order they are written.
    let struct_checks = fields.rules.iter().map(|rule| match &rule.arg {
        RuleArg::Fields(_) => struct_rule(rule, fields, base, krate),
        _ => self_checks(std::slice::from_ref(rule), base, krate, context),
    });
    quote!(#(#field_checks)* #(#struct_checks)*)
}

/// The calls that check rules on the value itself (`custom` on a struct or an enum), at `base`.
fn self_checks(rules: &[Rule], base: &Ident, krate: &syn::Path, context: bool) -> TokenStream {
    if rules.is_empty() {
        return TokenStream::new();
    }
    let at = format_ident!("__at");
    let value = Ident::new("self", Span::call_site());
    let rules = self::rules(rules, &value, &at, 0, krate, context);
    quote!({
        let #at = move || *#base;
        #rules
    })
}

/// The call that checks a struct rule of `fields`, at `base`.
fn struct_rule(rule: &Rule, fields: &Fields, base: &Ident, krate: &syn::Path) -> TokenStream {
    let RuleArg::Fields(idents) = &rule.arg else {
        unreachable!("the table has struct rules of field names only")
    };
    // The violation lists the fields in declaration order, whatever order the group names.
    let mut named: Vec<(usize, &Ident)> = idents
        .iter()
        .filter_map(|ident| Some((fields.position(ident)?, ident)))
        .collect();
    named.sort_by_key(|&(index, _)| index);
    let names = named.iter().map(|&(index, _)| {
        let field = &fields.fields[index];
        match &field.step {
            Step::Key(name) => name.clone(),
            _ => field.name.clone().unwrap_or_default(),
        }
    });
    let set = named.iter().map(|&(index, ident)| {
        let span = located_at(ident.span());
        let binding = respan(&binding(index), span);
        let is_set = runtime(krate, rule.def, "is_set", span);
        quote_spanned!(span=> #is_set(#binding))
    });
    let apply = runtime(krate, rule.def, "apply", located_at(rule.name.span()));
    // The names as a constant array, the flags as a value: the names are written nowhere
    // unless a violation is reported.
    quote!(#apply(&[#(#names),*], [#(#set),*], #base, __errors);)
}

/// The calls that check `value` (a reference) at `at` against `rules`.
fn rules(
    rules: &[Rule],
    value: &Ident,
    at: &Ident,
    depth: usize,
    krate: &syn::Path,
    context: bool,
) -> TokenStream {
    // Beside `required` or `non_empty`, an empty value is theirs alone to report.
    let reported_empty = rules.iter().any(|r| r.def.on_empty == OnEmpty::Reports);
    let calls = rules.iter().map(|rule| {
        let span = located_at(rule.name.span());
        // The value is checked where its rule is written: a type error points at the rule.
        let value = &respan(value, span);
        let with_context = context && rule.def.takes_context;
        let function = match rule.def.on_empty {
            _ if with_context => "apply_with",
            OnEmpty::LeavesTo(function) if reported_empty => function,
            _ => "apply",
        };
        let apply = runtime(krate, rule.def, function, span);
        // The context, before the value, for the rules that take it.
        let context_arg = with_context.then(|| quote_spanned!(span=> __context,));
        let probe = rule.def.probe.refs();
        let value = &if probe == 0 {
            value.to_token_stream()
        } else {
            let module = runtime(krate, rule.def, "probe", span);
            let refs = (0..probe).map(|_| quote_spanned!(span=> &));
            quote_spanned!(span=> {
                #[allow(unused_imports)]
                use #module::*;
                (#(#refs)* #module::Probe(#value)).target()
            })
        };
        match &rule.arg {
            RuleArg::None => quote_spanned!(span=> #apply(#context_arg #value, #at, __errors);),
            RuleArg::Limit(limit) => {
                let limit = match limit.literal {
                    Some(literal) => literal.into_token_stream(),
                    // A constant, so that the compiler checks it is one, of type `usize`.
                    None => {
                        let tokens = &limit.tokens;
                        let span = tokens.clone().into_iter().next().map_or(span, |t| t.span());
                        quote_spanned!(span=> const { #tokens })
                    }
                };
                quote_spanned!(span=> #apply(#value, #limit, #at, __errors);)
            }
            RuleArg::Rules(inner) => {
                let item = format_ident!("__item{}", depth);
                let item_at = format_ident!("__at{}", depth);
                let inner = self::rules(inner, &item, &item_at, depth + 1, krate, context);
                quote_spanned!(span=>
                    #apply(#value, #at, __errors, |#item, #item_at, __errors| {
                        #inner
                    });
                )
            }
            RuleArg::Function(function) => {
                // A function that does not fit is reported at the function's name.
                let path = &function.tokens;
                let target = Ident::new("__target", located_at(function.span));
                quote_spanned!(span=> {
                    let __target = #value;
                    #apply(#context_arg #target, #at, __errors, #path);
                })
            }
            RuleArg::Fields(_) => unreachable!("struct rules are not field rules"),
        }
    });
    quote!(#(#calls)*)
}

/// A span at `place` in the source that resolves names as the derive's own code does, so
/// errors point at a rule while the variables the derive binds stay in scope (also when the
/// rule is written outside a `macro_rules!` that expands to the derive).
fn located_at(place: Span) -> Span {
    Span::call_site().located_at(place)
}

/// `ident` at `span`.
fn respan(ident: &Ident, span: Span) -> Ident {
    let mut ident = ident.clone();
    ident.set_span(span);
    ident
}

/// The trait of `def`, as a path from the crate: in a type with a `context`, the rule's
/// trait generic over it.
fn bound(krate: &syn::Path, def: &RuleDef, context: Option<&syn::Type>) -> Option<TokenStream> {
    let (path, context) = match (context, def.context_bound) {
        (Some(context), Some(path)) => (path, Some(quote!(<#context>))),
        _ => (def.bound?, None),
    };
    let segments = path.iter().map(|s| Ident::new(s, Span::call_site()));
    Some(quote!(#krate #(::#segments)* #context))
}

/// Where-clause bounds for fields whose types mention the input's type parameters, so a
/// generic struct validates whatever it is instantiated with, as far as the rules allow.
fn bounds(input: &Input) -> Vec<WherePredicate> {
    let params: Vec<&Ident> = input.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return Vec::new();
    }
    let krate = &input.krate;
    let context = input.context.as_ref();
    let all_fields: Vec<&Fields> = match &input.data {
        Data::Struct(fields) => vec![fields],
        Data::Enum(variants) => variants.iter().map(|v| &v.fields).collect(),
    };
    let mut bounds = Vec::new();
    for fields in all_fields {
        for field in fields.fields.iter().filter(|f| mentions(f.ty, &params)) {
            let opaque = matches!(field.ty, syn::Type::Path(path)
                if path.qself.is_none() && params.iter().any(|p| path.path.is_ident(*p)));
            let ty = field.ty.to_token_stream();
            rule_bounds(
                &field.rules,
                ty,
                opaque,
                &params,
                krate,
                context,
                &mut bounds,
            );
        }
        for rule in &fields.rules {
            let RuleArg::Fields(idents) = &rule.arg else {
                continue;
            };
            let Some(bound) = bound(krate, rule.def, context) else {
                continue;
            };
            for ident in idents {
                let Some(index) = fields.position(ident) else {
                    continue;
                };
                let ty = fields.fields[index].ty;
                if mentions(ty, &params) {
                    bounds.push(syn::parse_quote_spanned!(ident.span()=> #ty: #bound));
                }
            }
        }
    }
    bounds
}

/// Bounds for checking a value of type `ty` against `rules`. `opaque` says that `ty` is a type
/// parameter, or an item of one: only a bound on `ty` itself tells what it is.
fn rule_bounds(
    rules: &[Rule],
    ty: TokenStream,
    opaque: bool,
    params: &[&Ident],
    krate: &syn::Path,
    context: Option<&syn::Type>,
    bounds: &mut Vec<WherePredicate>,
) {
    for rule in rules {
        let Some(bound) = bound(krate, rule.def, context) else {
            continue;
        };
        let span = rule.name.span();
        if let RuleArg::Rules(inner) = &rule.arg {
            let item = quote!(<#ty as #bound>::Item);
            rule_bounds(inner, item, opaque, params, krate, context, bounds);
            // `Vec<T>: Each` holds for any `T`; as a where-clause it would hide the impl
            // that says what the item is.
            if opaque {
                bounds.push(syn::parse_quote_spanned!(span=> #ty: #bound));
            }
        } else if matches!(rule.def.probe, Probe::Chooses(_)) && !opaque {
            continue;
        } else if rule.def.bounds_parameters && !opaque {
            // As serde does: `T: Validate` for the parameters the type mentions.
            for param in params
                .iter()
                .filter(|param| mentions_tokens(ty.clone(), &[*param]))
            {
                bounds.push(syn::parse_quote_spanned!(span=> #param: #bound));
            }
        } else {
            bounds.push(syn::parse_quote_spanned!(span=> #ty: #bound));
        }
    }
}

fn mentions(ty: &syn::Type, params: &[&Ident]) -> bool {
    mentions_tokens(ty.to_token_stream(), params)
}

fn mentions_tokens(tokens: TokenStream, params: &[&Ident]) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(ident) => params.iter().any(|p| **p == ident),
        TokenTree::Group(group) => mentions_tokens(group.stream(), params),
        _ => false,
    })
}
