use channel_model::{CustomError, Validate};

mod rules {
    use channel_model::CustomError;

    pub fn locale(value: &str) -> Result<(), CustomError> {
        if value.contains('_') {
            return Err(CustomError::new(
                "locale",
                "must separate language and region with `-`",
            ));
        }
        Ok(())
    }
}

fn even(value: &u32) -> Result<(), CustomError> {
    if value % 2 != 0 {
        return Err(CustomError::new("even", "must be even"));
    }
    Ok(())
}

#[derive(Validate)]
struct Profile {
    #[validate(custom = rules::locale)]
    locale: String,
    #[validate(custom = even)]
    seats: u32,
}

fn main() {
    let profile = Profile {
        locale: "pt_BR".into(),
        seats: 3,
    };
    let errors = profile.validate().unwrap_err();
    let codes: Vec<&str> = errors.iter().map(|violation| violation.code()).collect();
    assert_eq!(codes, ["locale", "even"]);
    assert_eq!(
        errors.to_string(),
        "/locale: must separate language and region with `-`\n/seats: must be even"
    );
    assert!(Profile {
        locale: "pt-BR".into(),
        seats: 2
    }
    .validate()
    .is_ok());
}
