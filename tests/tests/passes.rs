//! How often a rule runs: once per value when the payload is valid, and at most twice when it
//! is not (`validate()` asks `is_valid()`, then reports), however deep the value sits.

use std::cell::Cell;

use channel_model::{CustomError, Validate};

thread_local! {
    /// The calls of [`not_zero`] on this thread.
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

fn not_zero(value: &u32) -> Result<(), CustomError> {
    CALLS.with(|calls| calls.set(calls.get() + 1));
    match *value {
        0 => Err(CustomError::new("zero", "is zero")),
        _ => Ok(()),
    }
}

/// A chain: each node holds the next.
#[derive(Validate)]
struct Node {
    #[validate(custom = not_zero)]
    value: u32,
    #[validate(nested)]
    next: Option<Box<Node>>,
}

/// A chain of `depth` nodes whose last one holds `last`, the others 1.
fn chain(depth: usize, last: u32) -> Node {
    let mut node = Node {
        value: last,
        next: None,
    };
    for _ in 1..depth {
        node = Node {
            value: 1,
            next: Some(Box::new(node)),
        };
    }
    node
}

/// The calls of the rule while `f` runs.
fn calls(f: impl FnOnce()) -> usize {
    CALLS.with(|calls| calls.set(0));
    f();
    CALLS.with(Cell::get)
}

const DEPTH: usize = 300;

#[test]
fn a_valid_chain_runs_each_rule_once() {
    let node = chain(DEPTH, 1);
    assert_eq!(calls(|| assert!(node.validate().is_ok())), DEPTH);
    assert_eq!(calls(|| assert!(node.is_valid())), DEPTH);
}

/// Were each level to ask the levels below whether they are valid before reporting, the
/// rule would run about DEPTH² / 2 times here.
#[test]
fn a_violation_at_the_bottom_of_a_chain_runs_each_rule_at_most_twice() {
    let node = chain(DEPTH, 0);
    let mut errors = None;
    let count = calls(|| errors = node.validate().err());
    assert!(count <= 2 * DEPTH, "the rule ran {count} times");
    let errors = errors.expect("the last node is zero");
    assert_eq!(errors.len(), 1);
    let pointer = format!("{}/value", "/next".repeat(DEPTH - 1));
    assert_eq!(errors.iter().next().unwrap().path().to_string(), pointer);
}
