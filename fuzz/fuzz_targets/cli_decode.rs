//! Bytes → what `channel-validate` does with a file: UTF-8, byte order mark, kind inference,
//! decoding with inspection, validation, positions, and every output format.
//!
//! Besides "no panic": the JSON output is one JSON object per input, and the first byte, when
//! it names a kind, also checks the rest as that kind (as `--kind` does).
#![no_main]
#![forbid(unsafe_code)]

use channel_validate::kind::Kind;
use channel_validate::{check_bytes, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    run(data, None, false);
    if let Some((&first, rest)) = data.split_first() {
        let kinds = Kind::ALL;
        let kind = kinds[usize::from(first) % kinds.len()];
        run(rest, Some(kind), first & 0x80 != 0);
    }
});

fn run(data: &[u8], kind: Option<Kind>, strict: bool) {
    let options = Options {
        kind,
        strict,
        ..Options::default()
    };
    let report = check_bytes("fuzz.json", data.to_vec(), &options);
    let _ = report.status();
    let mut text = Vec::new();
    report.write_text(true, &mut text).expect("writing to memory");
    report.write_github(&mut text).expect("writing to memory");
    let mut json = Vec::new();
    report.write_json(&mut json).expect("writing to memory");
    assert_eq!(json.last(), Some(&b'\n'), "a JSON report ends its line");
    let line: serde_json::Value = serde_json::from_slice(&json).expect("the JSON report is JSON");
    assert!(line.is_object(), "the JSON report is an object");
}
