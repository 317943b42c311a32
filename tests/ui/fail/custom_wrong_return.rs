use channel_model::Validate;

#[derive(Validate)]
struct Message {
    #[validate(custom = is_locale)]
    locale: String,
}

fn is_locale(value: &str) -> bool {
    !value.contains('_')
}

fn main() {}
