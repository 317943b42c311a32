use channel_model::Validate;

#[derive(Validate)]
struct Plain {
    body: String,
    count: u32,
}

struct NotValidate;

// Without rules there are no bounds: any `T` will do.
#[derive(Validate)]
struct Wrapper<T> {
    value: T,
}

fn main() {
    let plain = Plain {
        body: String::new(),
        count: 0,
    };
    assert!(plain.validate().is_ok());
    assert!(Wrapper { value: NotValidate }.validate().is_ok());
}
