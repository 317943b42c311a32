//! Validating a valid value allocates nothing.
//!
//! dhat's allocator counts every allocation of the process, so this file is its own test
//! binary with a single test: the test harness runs nothing beside it that could allocate.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::hint::black_box;
use std::rc::Rc;

use channel_model::{CustomError, Validate, ValidateWith};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[derive(Validate)]
#[validate(exclusive(parent_id, thread_id), custom = push_consistent)]
struct Push {
    #[validate(required, ascii, trimmed, max_length = 255)]
    instance_push_id: String,
    #[validate(required, max_length = 100, nested)]
    resources: Vec<Resource>,
    #[validate(non_empty, trimmed, max_length = 255)]
    parent_id: Option<String>,
    #[validate(non_empty, trimmed, max_length = 255)]
    thread_id: Option<String>,
    #[validate(nested)]
    state: Option<Box<State>>,
    #[validate(each(nested))]
    events: VecDeque<Event>,
    #[validate(nested)]
    shared: Rc<Author>,
    #[validate(max_length = 20, each(required, trimmed, max_length = 64))]
    fields: HashMap<String, String>,
    #[validate(nested)]
    authors: BTreeMap<String, Author>,
}

fn push_consistent(push: &Push) -> Result<(), CustomError> {
    match push.resources.is_empty() && push.events.is_empty() {
        true => Err(CustomError::new("empty", "must carry something").with_param("min", 1)),
        false => Ok(()),
    }
}

#[derive(Validate)]
struct Resource {
    #[validate(required, ascii, trimmed, max_length = 255)]
    external_id: String,
    #[validate(required, max_length = 65535)]
    message: String,
    #[validate(non_empty, https, max_length = 2048)]
    html_url: Option<String>,
    #[validate(nested)]
    author: Author,
    #[validate(max_length = 10, each(required, https, max_length = 511))]
    file_urls: Vec<String>,
    #[validate(each(each(trimmed, max_length = 64)))]
    labels: Option<Vec<Vec<String>>>,
    #[validate(custom = even_and_small)]
    number: Option<u32>,
    #[validate(custom = locale)]
    locale: String,
}

#[derive(Validate)]
struct Author {
    #[validate(required, trimmed, max_length = 255)]
    external_id: String,
    #[validate(non_empty, trimmed, max_length = 255)]
    name: Option<String>,
    #[validate(https)]
    image_url: Option<String>,
}

#[derive(Validate)]
struct State {
    #[validate(max_length = 65535)]
    data: String,
}

#[derive(Validate)]
enum Event {
    Message {
        #[validate(required, max_length = 255)]
        text: String,
    },
    Reaction(#[validate(nested)] Author),
    Typing,
}

fn even(value: &u32) -> Result<(), CustomError> {
    if value.is_multiple_of(2) {
        Ok(())
    } else {
        Err(CustomError::new("even", "must be even"))
    }
}

fn even_and_small(value: &u32) -> Result<(), CustomError> {
    even(value)?;
    if *value < 1000 {
        Ok(())
    } else {
        Err(CustomError::new("small", "must be below 1000"))
    }
}

fn locale(value: &str) -> Result<(), CustomError> {
    if value.contains('_') {
        Err(CustomError::new("locale", "must use `-`"))
    } else {
        Ok(())
    }
}

/// What one tenant allows: its context is built before validating, and only read.
struct Tenant {
    max_resources: usize,
    locales: HashSet<String>,
}

#[derive(Validate)]
#[validate(context = Tenant, custom = within_plan)]
struct TenantPush {
    #[validate(nested)]
    push: Push,
    #[validate(nested)]
    localized: Vec<Localized>,
    #[validate(nested)]
    by_locale: HashMap<String, Localized>,
}

#[derive(Validate)]
#[validate(context = Tenant)]
enum Localized {
    Text {
        #[validate(required, custom = known_locale)]
        locale: String,
        #[validate(each(custom = known_locale))]
        fallbacks: Vec<String>,
    },
    Plain(#[validate(nested)] Author),
}

fn within_plan(value: &TenantPush, tenant: &Tenant) -> Result<(), CustomError> {
    match value.push.resources.len() <= tenant.max_resources {
        true => Ok(()),
        false => Err(CustomError::new(
            "plan",
            "has more resources than the plan allows",
        )),
    }
}

fn known_locale(locale: &str, tenant: &Tenant) -> Result<(), CustomError> {
    match tenant.locales.contains(locale) {
        true => Ok(()),
        false => Err(CustomError::new("locale", "is not a locale of this tenant")),
    }
}

fn tenant() -> Tenant {
    Tenant {
        max_resources: 100,
        locales: ["en-US", "pt-BR", "de"].map(String::from).into(),
    }
}

fn localized(index: usize) -> Localized {
    match index % 2 {
        0 => Localized::Text {
            locale: "pt-BR".into(),
            fallbacks: vec!["en-US".into(), "de".into()],
        },
        _ => Localized::Plain(author(index)),
    }
}

fn valid_tenant_push() -> TenantPush {
    TenantPush {
        push: valid_push(),
        localized: (0..10).map(localized).collect(),
        by_locale: (0..10).map(|i| (format!("l{i}"), localized(i))).collect(),
    }
}

fn author(index: usize) -> Author {
    Author {
        external_id: format!("author-{index}"),
        // Multi-byte characters, within the limit in characters though not in bytes.
        name: Some("Zoë 😀 ".repeat(42) + "Zoë"),
        image_url: Some(format!("https://cdn.example.com/avatars/{index}.png")),
    }
}

fn resource(index: usize) -> Resource {
    Resource {
        external_id: format!("msg-{index}"),
        message: "Grüße aus Köln — 日本語のテキスト 📦 ".repeat(2000),
        html_url: Some(format!("HTTPS://Example.com/threads/{index}")),
        author: author(index),
        file_urls: (0..10)
            .map(|file| match file % 3 {
                0 => format!("https://files.example.com/{index}/{file}.jpg"),
                1 => format!("files/{index}/{file}.jpg"),
                _ => format!("/files/{index}/{file}.jpg"),
            })
            .collect(),
        labels: Some(vec![vec!["ünïcödé".repeat(9)], Vec::new()]),
        number: Some(2 * index as u32),
        locale: "pt-BR".into(),
    }
}

fn valid_push() -> Push {
    let push = Push {
        instance_push_id: "i".repeat(255),
        resources: (0..100).map(resource).collect(),
        parent_id: None,
        thread_id: Some("thread 7".into()),
        state: Some(Box::new(State {
            data: "{\"cursor\":\"ä\"}".repeat(4000),
        })),
        events: VecDeque::from([
            Event::Message {
                text: "ö".repeat(255),
            },
            Event::Reaction(author(7)),
            Event::Typing,
        ]),
        shared: Rc::new(author(0)),
        fields: (0..20)
            .map(|i| (format!("field_{i}"), format!("value {i}")))
            .collect(),
        authors: (0..5).map(|i| (format!("a/{i}"), author(i))).collect(),
    };
    // Limits at their exact boundaries, in characters.
    assert_eq!(
        push.resources[0]
            .author
            .name
            .as_ref()
            .unwrap()
            .chars()
            .count(),
        255
    );
    assert!(push.resources[0].message.chars().count() <= 65535);
    assert!(push.resources[0].message.len() > 65535);
    push
}

#[test]
fn validating_a_valid_value_allocates_nothing() {
    let push = valid_push();
    let mut invalid = valid_push();
    invalid.parent_id = Some("parent".into());
    invalid.resources[99].file_urls[0] = "http://example.com/a.jpg".into();

    let tenant = tenant();
    let with_context = valid_tenant_push();
    let mut invalid_with_context = valid_tenant_push();
    invalid_with_context.localized[4] = Localized::Text {
        locale: "fr".into(),
        fallbacks: Vec::new(),
    };

    let _profiler = dhat::Profiler::builder().testing().build();

    let before = dhat::HeapStats::get();
    for _ in 0..3 {
        let result = black_box(&push).validate();
        assert!(black_box(result).is_ok());
        let result = black_box(&with_context).validate_with(black_box(&tenant));
        assert!(black_box(result).is_ok());
    }
    let after = dhat::HeapStats::get();
    assert_eq!(
        after.total_blocks - before.total_blocks,
        0,
        "validating a valid value allocated {} blocks ({} bytes)",
        after.total_blocks - before.total_blocks,
        after.total_bytes - before.total_bytes,
    );

    // The counter does count: violations are owned, so recording them allocates.
    let before = dhat::HeapStats::get();
    let errors = black_box(&invalid).validate().unwrap_err();
    let after = dhat::HeapStats::get();
    assert!(after.total_blocks > before.total_blocks);
    assert_eq!(errors.len(), 2);
    let before = dhat::HeapStats::get();
    let errors = black_box(&invalid_with_context)
        .validate_with(&tenant)
        .unwrap_err();
    let after = dhat::HeapStats::get();
    assert!(after.total_blocks > before.total_blocks);
    assert_eq!(
        errors.iter().next().unwrap().path().to_string(),
        "/localized/4/Text/locale"
    );
}
