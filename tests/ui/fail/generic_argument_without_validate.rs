use channel_model::Validate;

#[derive(Validate)]
struct Envelope<T> {
    #[validate(nested)]
    payload: T,
}

fn main() {
    let envelope = Envelope { payload: 42_u32 };
    let _ = envelope.validate();
}
