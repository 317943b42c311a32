use channel_model::Validate;

#[derive(Validate)]
#[validate(exclusive(0, 1))]
struct Reference(Option<String>, Option<String>);

fn main() {}
