//! `#[validate(context = ...)]` with the type written in every way a user may write it.

use std::collections::HashMap;
use std::marker::PhantomData;

use channel_model::{CustomError, Validate, ValidateWith};

mod sdk {
    pub use channel_model as model;
}

/// A context type with generic arguments and a comma in them.
type Limits = HashMap<&'static str, usize>;

fn within(value: &str, limits: &HashMap<&'static str, usize>) -> Result<(), CustomError> {
    match limits.get("note").is_none_or(|max| value.chars().count() <= *max) {
        true => Ok(()),
        false => Err(CustomError::new("limit", "too long")),
    }
}

#[derive(Validate)]
#[validate(context = HashMap<&'static str, usize>)]
struct Note {
    #[validate(custom = within)]
    text: String,
}

/// Through a renamed crate, with the alias.
#[derive(Validate)]
#[validate(crate = "sdk::model", context = Limits)]
struct Notes {
    #[validate(nested)]
    notes: Vec<Note>,
    #[validate(nested)]
    by_author: HashMap<String, Note>,
    #[validate(each(custom = within))]
    titles: Vec<String>,
}

/// The context as a type parameter, from a `macro_rules!` fragment.
macro_rules! generic {
    ($context:ty) => {
        #[derive(Validate)]
        #[validate(context = $context)]
        struct Tagged<C: 'static> {
            #[validate(custom = |value: &str, _: &C| match value.is_empty() {
                true => Err(CustomError::new("empty", "is empty")),
                false => Ok(()),
            })]
            tag: String,
            context: PhantomData<C>,
        }
    };
}

generic!(C);

/// A generic type without a context nests in one with a context.
#[derive(Validate)]
struct Wrapper<T> {
    #[validate(nested)]
    inner: T,
}

fn main() {
    let limits = Limits::from([("note", 4)]);
    let note = || Note {
        text: "four".into(),
    };
    let notes = Notes {
        notes: vec![note()],
        by_author: HashMap::from([("a".into(), note())]),
        titles: vec!["tiny".into()],
    };
    assert!(notes.validate_with(&limits).is_ok());
    assert!(notes.validate_with(&Limits::from([("note", 3)])).is_err());
    assert!(notes.validate().is_ok());
    assert!(Wrapper { inner: notes }.validate_with(&limits).is_ok());
    let tagged = |tag: &str| Tagged::<u8> {
        tag: tag.into(),
        context: PhantomData,
    };
    assert!(tagged("t").validate_with(&0).is_ok());
    assert!(tagged("").validate().is_err());
}
