//! `each(rules...)`: every item of a collection passes the rules, checked at its index.

use crate::validation::private::At;
use crate::{Location, ValidationErrors};

/// A collection whose items `each(...)` checks.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a collection of items",
    label = "`each(...)` needs a sequence or a set",
    note = "implement `channel_model::rules::Each` for `{Self}` to check its items"
)]
pub trait Each {
    /// The type of an item.
    type Item: ?Sized;

    /// Calls `f` with each item and its index, in order. `None` has no items.
    fn for_each_item<F: FnMut(usize, &Self::Item)>(&self, f: F);
}

/// The item at `index` of the collection at `parent`.
#[derive(Clone, Copy)]
pub struct ItemAt<P> {
    parent: P,
    index: usize,
}

impl<P: At> At for ItemAt<P> {
    #[inline(always)]
    fn with_location<R>(self, f: impl FnOnce(&Location<'_>) -> R) -> R {
        self.parent
            .with_location(|parent| f(&parent.index(self.index)))
    }
}

/// Checks `each(...)`: calls `check` with every item at its index.
#[inline(always)]
pub fn apply<C, A, F>(items: &C, at: A, errors: &mut ValidationErrors, mut check: F)
where
    C: Each + ?Sized,
    A: At,
    F: FnMut(&C::Item, ItemAt<A>, &mut ValidationErrors),
{
    items.for_each_item(|index, item| check(item, ItemAt { parent: at, index }, errors));
}

#[cfg(test)]
mod tests {
    use crate::rules::trimmed;
    use crate::{Location, ValidationErrors};

    #[test]
    fn reports_items_at_their_index_and_nests() {
        let items = vec![vec!["ok", " x"], vec![], vec!["y "]];
        let mut errors = ValidationErrors::new();
        let root = &Location::root();
        let at = move || root.field("items");
        super::apply(&items, at, &mut errors, |item, at, errors| {
            super::apply(item, at, errors, |text, at, errors| {
                trimmed::apply(*text, at, errors)
            });
        });
        let paths: Vec<String> = errors.iter().map(|v| v.path().to_string()).collect();
        assert_eq!(paths, ["/items/0/1", "/items/2/0"]);
    }
}
