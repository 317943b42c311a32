use channel_model::Validate;

#[derive(Validate)]
struct Ping;

#[derive(Validate)]
struct Empty {}

#[derive(Validate)]
enum Never {}

fn implements_validate<T: Validate>() {}

fn main() {
    assert!(Ping.validate().is_ok());
    assert!(Empty {}.validate().is_ok());
    implements_validate::<Never>();
}
