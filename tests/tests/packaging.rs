//! What `cargo publish` would upload: every published crate carries its README and both license
//! files and the metadata crates.io and docs.rs show, the derive is pinned to the runtime, and
//! each crate's declared `rust-version` covers what its locked dependencies need.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The crates users depend on; every other member must say `publish = false`.
const PUBLISHED: &[&str] = &[
    "channel-axum",
    "channel-client",
    "channel-derive",
    "channel-model",
    "channel-validate",
];

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// Runs the `cargo` that runs this test, in the workspace root, and returns its standard output.
fn cargo(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(workspace_root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn metadata(extra: &[&str]) -> Value {
    let mut args = vec!["metadata", "--format-version", "1", "--locked"];
    args.extend_from_slice(extra);
    serde_json::from_str(&cargo(&args)).unwrap()
}

/// The workspace's members, by name.
fn members(metadata: &Value) -> BTreeMap<String, &Value> {
    let ids: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|package| ids.contains(package["id"].as_str().unwrap()))
        .map(|package| (package["name"].as_str().unwrap().to_owned(), package))
        .collect()
}

/// `publish = false` shows as an empty list of registries.
fn is_published(package: &Value) -> bool {
    package["publish"] != Value::Array(Vec::new())
}

#[test]
fn only_the_library_crates_are_published() {
    let metadata = metadata(&["--no-deps"]);
    let published: Vec<String> = members(&metadata)
        .into_iter()
        .filter(|(_, package)| is_published(package))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(published, PUBLISHED);
}

#[test]
fn published_crates_carry_their_readme_licenses_and_metadata() {
    let metadata = metadata(&["--no-deps"]);
    let members = members(&metadata);
    for name in PUBLISHED {
        let package = members[*name];
        let files = cargo(&["package", "--list", "--allow-dirty", "-p", name]);
        let files: BTreeSet<&str> = files.lines().collect();
        for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            assert!(files.contains(file), "the {name} package lacks {file}");
        }
        assert_eq!(package["license"], "MIT OR Apache-2.0", "{name}");
        assert_eq!(
            package["readme"]
                .as_str()
                .map(Path::new)
                .and_then(Path::file_name),
            Some("README.md".as_ref()),
            "{name}"
        );
        assert_eq!(
            package["documentation"],
            format!("https://docs.rs/{name}"),
            "{name}"
        );
        assert!(package["homepage"].is_string(), "{name} has no homepage");
        assert!(
            package["repository"].is_string(),
            "{name} has no repository"
        );
        assert!(
            package["description"].is_string(),
            "{name} has no description"
        );
        assert!(
            package["rust_version"].is_string(),
            "{name} has no rust-version"
        );
        // crates.io takes at most five keywords.
        let keywords = package["keywords"].as_array().unwrap();
        assert!((1..=5).contains(&keywords.len()), "{name}: {keywords:?}");
        assert!(
            !package["categories"].as_array().unwrap().is_empty(),
            "{name} has no category"
        );
    }
}

#[test]
fn packaged_licenses_are_the_repository_licenses() {
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        let root = std::fs::read_to_string(workspace_root().join(file)).unwrap();
        for name in PUBLISHED {
            let packaged = std::fs::read_to_string(workspace_root().join(name).join(file)).unwrap();
            assert_eq!(packaged, root, "{name}/{file}");
        }
    }
}

/// The derive emits paths into the runtime's private module, which may change in any release:
/// a runtime must only ever be built with the derive released beside it.
#[test]
fn the_runtime_pins_the_derive_exactly() {
    let metadata = metadata(&["--no-deps"]);
    let members = members(&metadata);
    let derive_version = members["channel-derive"]["version"].as_str().unwrap();
    let dependency = members["channel-model"]["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|dependency| dependency["name"] == "channel-derive")
        .expect("channel-model depends on channel-derive");
    assert_eq!(dependency["req"], format!("={derive_version}"));
}

/// `1.88` or `1.88.0` as comparable numbers.
fn rust_version(text: &str) -> [u64; 3] {
    let mut parts = text.split('.').map(|part| part.parse::<u64>().unwrap());
    std::array::from_fn(|_| parts.next().unwrap_or(0))
}

fn host_target() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Command::new(rustc).arg("-vV").output().expect("rustc runs");
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

/// Every dependency a member builds with (for a published crate its normal and build
/// dependencies, for the others their dev-dependencies too), as locked and for this host,
/// declares a `rust-version` no newer than the member's own. Clippy's `incompatible_msrv` lint,
/// denied in CI, checks the crates' own use of the standard library against the same number.
/// Optional dependencies, off by default, that need the Rust version their own release
/// declares (the member's docs say so): `(member, dependency)`.
const OWN_RUST_VERSION: &[(&str, &str)] = &[("channel-model", "indexmap")];

#[test]
fn declared_rust_versions_cover_the_locked_dependencies() {
    let metadata = metadata(&["--filter-platform", &host_target()]);
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|package| (package["id"].as_str().unwrap(), package))
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| (node["id"].as_str().unwrap(), node))
        .collect();
    // The dependencies of `id` of the given kinds (`null` is a normal dependency).
    let dependencies = |id: &str, kinds: &[Value]| -> Vec<&str> {
        nodes[id]["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|dep| {
                dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|kind| kinds.contains(&kind["kind"]))
            })
            .map(|dep| dep["pkg"].as_str().unwrap())
            .collect()
    };
    let built = [Value::Null, Value::from("build")];
    let tested = [Value::Null, Value::from("build"), Value::from("dev")];

    let mut too_new = Vec::new();
    let mut checked = 0;
    for member in metadata["workspace_members"].as_array().unwrap() {
        let member = member.as_str().unwrap();
        let package = packages[member];
        let name = package["name"].as_str().unwrap();
        let declared = package["rust_version"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} declares no rust-version"));
        let roots = dependencies(
            member,
            if is_published(package) {
                &built
            } else {
                &tested
            },
        );
        let mut seen = BTreeSet::new();
        let mut stack = roots;
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let dependency = packages[id]["name"].as_str().unwrap();
            if OWN_RUST_VERSION.contains(&(name, dependency)) {
                continue;
            }
            stack.extend(dependencies(id, &built));
            if let Some(needed) = packages[id]["rust_version"].as_str() {
                checked += 1;
                if rust_version(needed) > rust_version(declared) {
                    let dependency = &packages[id]["name"].as_str().unwrap();
                    let version = &packages[id]["version"].as_str().unwrap();
                    too_new.push(format!(
                        "{name} ({declared}): {dependency} {version} needs {needed}"
                    ));
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} dependencies declare a rust-version"
    );
    assert!(too_new.is_empty(), "{}", too_new.join("\n"));
}
