//! What `ascii`, `trimmed` and `https` read: the [`Text`] of a string.

/// A string, for `ascii`, `trimmed` and `https`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string",
    label = "`ascii`, `trimmed` and `https` check strings",
    note = "for a string type of your own, implement `channel_model::rules::Text` to check it as text"
)]
pub trait Text {
    /// The text, or `None` when the value is absent.
    fn as_text(&self) -> Option<&str>;
}
