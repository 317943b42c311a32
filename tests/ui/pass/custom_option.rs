use std::sync::atomic::{AtomicUsize, Ordering};

use channel_model::{CustomError, Validate};

static CALLS: AtomicUsize = AtomicUsize::new(0);

fn locale(value: &str) -> Result<(), CustomError> {
    CALLS.fetch_add(1, Ordering::Relaxed);
    if value.contains('_') {
        return Err(CustomError::new(
            "locale",
            "must separate language and region with `-`",
        ));
    }
    Ok(())
}

#[derive(Validate)]
struct Profile {
    #[validate(custom = locale)]
    locale: Option<String>,
}

fn main() {
    assert!(Profile { locale: None }.validate().is_ok());
    assert_eq!(
        CALLS.load(Ordering::Relaxed),
        0,
        "`custom` must not see `None`"
    );

    let errors = Profile {
        locale: Some("pt_BR".into()),
    }
    .validate()
    .unwrap_err();
    // Once by `is_valid()`, which `validate()` asks first, and once to report.
    assert_eq!(CALLS.load(Ordering::Relaxed), 2);
    assert_eq!(
        errors.to_string(),
        "/locale: must separate language and region with `-`"
    );
}
