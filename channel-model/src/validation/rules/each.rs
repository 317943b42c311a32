//! `each(rules...)`: every item of a collection passes the rules, checked at its index.

use crate::validation::private::{At, Sink};
use crate::Location;

/// A collection whose items `each(...)` checks: the items of a sequence or a set, the values
/// of a map.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a collection of items",
    label = "`each(...)` needs a sequence, a set or a map with string keys",
    note = "for a collection type of your own, implement `channel_model::rules::Each` to check its items"
)]
pub trait Each {
    /// The type of an item (of a map: a value).
    type Item: ?Sized;

    /// Whether the items come in an order that changes from one run to the next (a
    /// `HashMap`'s): their violations are then sorted by key, so that they come in the same
    /// order every time.
    const UNORDERED: bool = false;

    /// Calls `f` with each item and where it is (its index, or its key in a map), in order.
    /// `None` has no items.
    fn for_each_item<F: FnMut(Position<'_>, &Self::Item)>(&self, f: F);
}

/// Where an item is in its collection: the JSON Pointer segment below the collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position<'a> {
    /// An array item, counted from 0.
    Index(usize),
    /// An object member: a map's key.
    Key(&'a str),
}

/// The item at `position` of the collection at `parent`.
#[derive(Clone, Copy)]
pub struct ItemAt<'k, P> {
    parent: P,
    position: Position<'k>,
}

impl<P: At> At for ItemAt<'_, P> {
    #[inline(always)]
    fn with_location<R>(self, f: impl FnOnce(&Location<'_>) -> R) -> R {
        self.parent.with_location(|parent| match self.position {
            Position::Index(index) => f(&parent.index(index)),
            Position::Key(key) => f(&parent.key(key)),
        })
    }
}

/// Checks `each(...)`: calls `check` with every item at its position.
#[inline(always)]
pub fn apply<C, A, S, F>(items: &C, at: A, errors: &mut S, mut check: F)
where
    C: Each + ?Sized,
    A: At,
    S: Sink,
    F: FnMut(&C::Item, ItemAt<'_, A>, &mut S),
{
    let start = errors.mark();
    items.for_each_item(|position, item| {
        check(
            item,
            ItemAt {
                parent: at,
                position,
            },
            errors,
        )
    });
    if C::UNORDERED {
        errors.sort_members_from(start, at);
    }
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
